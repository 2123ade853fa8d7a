package io.github.dane4j.smtp.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Makes text received from a peer or given by a caller safe to print. */
public final class Text {
  private static final char REPLACEMENT = '\uFFFD';
  private static final int MAX_ESCAPED_LENGTH = 80;
  private static final Pattern BORINGSSL_ERROR =
      Pattern.compile(
          "(?:Failure in SSL library, usually a protocol error\\s*)?"
              + "error:\\p{XDigit}+:[^:\\n]*:OPENSSL_internal:([A-Z0-9_]+|reason\\(\\d{1,9}\\))(?: ?\\([^)\\n]*\\))?");
  private static final Pattern BORINGSSL_ALERT =
      Pattern.compile("(?:SSLV3|TLSV1|TLSV1_3)_ALERT_([A-Z0-9_]+)");
  private static final Pattern SSL_POINTER = Pattern.compile("ssl=0x\\p{XDigit}+:? ?");
  private static final Pattern HEX_POINTER =
      Pattern.compile(" ?\\b0x\\p{XDigit}{8,16}(?::0x\\p{XDigit}{8,16})?\\b");

  private Text() {}

  /** Returns {@code text} with every control character except tab replaced by U+FFFD. */
  static String printable(String text) {
    @Nullable StringBuilder result = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        if (result == null) {
          result = new StringBuilder(text.length()).append(text, 0, i);
        }
        result.append(REPLACEMENT);
      } else if (result != null) {
        result.append(c);
      }
    }
    return result == null ? text : result.toString();
  }

  /**
   * Returns {@code text} for an exception message, cut to 80 characters. CR, LF and tab are written
   * as backslash escapes like in a Java string literal, other control characters as a backslash-u
   * escape, so that a caller's CR or LF cannot start a new line in a log.
   */
  public static String escaped(String text) {
    StringBuilder result = new StringBuilder(Math.min(text.length(), MAX_ESCAPED_LENGTH) + 8);
    for (int i = 0; i < text.length() && result.length() <= MAX_ESCAPED_LENGTH; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        result.append("\\r");
      } else if (c == '\n') {
        result.append("\\n");
      } else if (c == '\t') {
        result.append("\\t");
      } else if (isControl(c)) {
        result.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        result.append(c);
      }
    }
    return shorten(result.toString(), MAX_ESCAPED_LENGTH);
  }

  /**
   * Returns a duration as people write it: {@code 2 s}, {@code 1.5 s}, {@code 250 ms} or {@code 2
   * min}, in place of the ISO 8601 form {@code PT2S} of {@link Duration#toString()}.
   */
  public static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + " min";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + " s";
    }
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }

  /**
   * Returns {@code text} without the native memory addresses that Conscrypt puts into its error
   * messages, such as {@code ssl=0x7fbf3c00a2b8:} and {@code 0x7fbf3c7fe9c8:0x00000001}: they
   * differ on every run and reveal the process's memory layout.
   */
  static String withoutNativeAddresses(String text) {
    String withoutSsl = SSL_POINTER.matcher(text).replaceAll("");
    return HEX_POINTER.matcher(withoutSsl).replaceAll("");
  }

  /**
   * Rewrites BoringSSL's error lines, which Conscrypt passes on, into words: "Failure in SSL
   * library, usually a protocol error" followed by {@code error:1000042e:SSL
   * routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION (../ssl/tls_record.cc:594)} becomes
   * {@code received fatal alert: protocol_version (BoringSSL TLSV1_ALERT_PROTOCOL_VERSION)}, in the
   * words SunJSSE uses for alerts. The reason code stays, so that the text can still be looked up,
   * and the library's source path is removed.
   */
  static String withoutBoringSslNoise(String text) {
    Matcher matcher = BORINGSSL_ERROR.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String reason = matcher.group(1);
      Matcher alert = BORINGSSL_ALERT.matcher(reason);
      String replacement;
      if (alert.matches()) {
        replacement =
            "received fatal alert: "
                + alert.group(1).toLowerCase(Locale.ROOT)
                + " (BoringSSL "
                + reason
                + ")";
      } else if (reason.startsWith("reason(")) {
        // BoringSSL names no reason for this code. A received alert is 1000 plus its number, so
        // codes from 1000 to 1255 are alerts that TLS does not define.
        int code = Integer.parseInt(reason.substring("reason(".length(), reason.length() - 1));
        replacement =
            code >= 1000 && code <= 1255
                ? "received fatal alert number "
                    + (code - 1000)
                    + ", which TLS does not define (BoringSSL reason code "
                    + code
                    + ")"
                : "unnamed TLS error (BoringSSL reason code " + code + ")";
      } else {
        replacement =
            reason.toLowerCase(Locale.ROOT).replace('_', ' ') + " (BoringSSL " + reason + ")";
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /** Returns {@code text} cut to {@code max} characters, ending with "..." when it was cut. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0);
  }
}
