package io.github.dane4j.interop;

import io.github.dane4j.examples.cli.DaneCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code dane-check domain --json} in this JVM, through the same command line object as the
 * runnable jar, and reads its report back into an {@link Outcome}.
 */
final class DaneCheckCli {
  private DaneCheckCli() {}

  /** Returns the options that select a DNS mode, as a user would type them. */
  static List<String> dnsOptions(InteropServers servers, DnsMode mode) {
    return switch (mode) {
      case TRUSTED_RESOLVER -> List.of("--resolver", servers.unboundText());
      case IN_PROCESS ->
          List.of(
              "--validate",
              "--upstream",
              servers.unboundText(),
              "--trust-anchor",
              servers.trustAnchorFile().toString());
      case JNDI -> List.of("--jndi", "--upstream", servers.unboundText());
    };
  }

  /**
   * Runs {@code dane-check domain DOMAIN --json -4} with the DNS options of {@code mode}.
   *
   * @throws IllegalStateException if the command prints no JSON report
   */
  static Outcome check(InteropServers servers, DnsMode mode, String domain, int port) {
    List<String> args = new ArrayList<>(List.of("domain", domain, "--json", "-4"));
    args.addAll(List.of("--port", String.valueOf(port)));
    args.addAll(List.of("--timeout", LibraryCheck.TIMEOUT.toSeconds() + "s"));
    args.addAll(dnsOptions(servers, mode));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        DaneCheck.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    String json = out.toString().strip();
    if (!json.startsWith("{")) {
      throw new IllegalStateException(
          "dane-check " + String.join(" ", args) + " exited with " + exitCode + ": " + err);
    }
    return outcome(object(StrictJsonParser.parse(json)));
  }

  /**
   * Reads the outcome from a domain report: from the first accepted address when the mail would be
   * sent, else from the domain's assessment (docs/report-schema.md).
   */
  static Outcome outcome(Map<String, @Nullable Object> report) {
    if (Boolean.TRUE.equals(report.get("accepted"))) {
      for (Object host : list(report.get("hosts"))) {
        for (Object item : list(object(host).get("addresses"))) {
          Map<String, @Nullable Object> address = object(item);
          if (Boolean.TRUE.equals(address.get("accepted"))) {
            return addressOutcome(address);
          }
        }
      }
    }
    return Outcome.of(text(report.get("verdict")), resultType(report));
  }

  private static Outcome addressOutcome(Map<String, @Nullable Object> address) {
    Object matched = address.get("matchedRecord");
    Object depth = address.get("matchDepth");
    if (matched == null || depth == null) {
      return Outcome.of(text(address.get("verdict")), resultType(address));
    }
    Map<String, @Nullable Object> record = object(matched);
    return new Outcome(
        text(address.get("verdict")),
        resultType(address),
        record.get("usage") + " " + record.get("selector") + " " + record.get("matchingType"),
        String.valueOf(depth));
  }

  private static String resultType(Map<String, @Nullable Object> assessment) {
    Object type = assessment.get("resultType");
    return type == null ? Outcome.NONE : text(type);
  }

  private static String text(@Nullable Object value) {
    if (!(value instanceof String text)) {
      throw new IllegalStateException("Expected a string in the dane-check report, found " + value);
    }
    return text;
  }

  @SuppressWarnings("unchecked") // StrictJsonParser makes objects as maps with string keys
  private static Map<String, @Nullable Object> object(@Nullable Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalStateException(
          "Expected an object in the dane-check report, found " + value);
    }
    return (Map<String, @Nullable Object>) value;
  }

  private static List<?> list(@Nullable Object value) {
    if (!(value instanceof List<?> items)) {
      throw new IllegalStateException("Expected an array in the dane-check report, found " + value);
    }
    return items;
  }
}
