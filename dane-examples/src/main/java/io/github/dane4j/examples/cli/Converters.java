package io.github.dane4j.examples.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters whose error messages show the expected form. */
final class Converters {
  private static final int MAX_PORT = 65535;

  private Converters() {}

  /** Converts an ISO-8601 instant such as {@code 2026-06-01T00:00:00Z}. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an ISO-8601 instant; use the form 2026-06-01T00:00:00Z");
      }
    }
  }

  /** Converts a TCP port number from 1 to 65535. */
  static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int port;
      try {
        port = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > MAX_PORT) {
        throw new TypeConversionException(
            "'" + value + "' is not a port; give a number from 1 to " + MAX_PORT);
      }
      return port;
    }
  }

  /**
   * Converts a duration: a number of seconds ({@code 10}), a number with the unit {@code ms},
   * {@code s} or {@code m} ({@code 500ms}, {@code 2m}), or ISO-8601 ({@code PT10S}).
   */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      try {
        Duration duration;
        if (text.startsWith("pt")) {
          duration = Duration.parse(text.toUpperCase(Locale.ROOT));
        } else if (text.endsWith("ms")) {
          duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        } else if (text.endsWith("s")) {
          duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        } else if (text.endsWith("m")) {
          duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        } else {
          duration = Duration.ofSeconds(Long.parseLong(text));
        }
        if (duration.isNegative() || duration.isZero()) {
          throw new TypeConversionException(
              "'" + value + "' is not a positive duration; use for example 10s or 500ms");
        }
        if (duration.toMillis() < 1 || duration.compareTo(Duration.ofHours(1)) > 0) {
          throw new TypeConversionException(
              "'" + value + "' is out of range; give at least 1ms and at most 1 hour, such as 10s");
        }
        return duration;
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; use seconds (10), 500ms, 10s, 2m or PT10S");
      }
    }
  }
}
