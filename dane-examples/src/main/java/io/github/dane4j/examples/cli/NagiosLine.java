package io.github.dane4j.examples.cli;

import io.github.dane4j.smtp.AddressReport;
import io.github.dane4j.smtp.Assessment;
import io.github.dane4j.smtp.HostReport;
import io.github.dane4j.smtp.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Formats the one status line of a monitoring plugin: {@code DANE STATUS - text | perfdata}, with
 * performance data in the plugin form {@code 'label'=value[unit];warn;crit;min;max}.
 */
final class NagiosLine {
  private NagiosLine() {}

  /** Returns the status line for a target with these hosts. */
  static String format(
      String target,
      Verdict verdict,
      Assessment assessment,
      List<HostReport> hosts,
      ReportStatus status,
      Duration elapsed) {
    int addresses = 0;
    int authenticated = 0;
    int failures = 0;
    for (HostReport host : hosts) {
      for (AddressReport address : host.addresses()) {
        addresses++;
        if (address.verdict() == Verdict.AUTHENTICATED) {
          authenticated++;
        } else if (ReportStatus.codeOf(address.verdict(), false) == ExitCodes.CRITICAL) {
          failures++;
        }
      }
    }
    String detail =
        verdict == Verdict.AUTHENTICATED && !status.warnings().isEmpty()
            ? status.warnings().get(0)
            : UserText.clean(assessment.message());
    return "DANE "
        + ExitCodes.statusWord(status.exitCode())
        + " - "
        + target
        + ": "
        + verdict.token()
        + ", "
        + oneLine(detail)
        + " | hosts="
        + hosts.size()
        + ";;;0 addresses="
        + addresses
        + ";;;0 authenticated="
        + authenticated
        + ";;;0 failures="
        + failures
        + ";;;0 time="
        + String.format(Locale.ROOT, "%.3f", elapsed.toNanos() / 1e9)
        + "s;;;0";
  }

  /** Removes line breaks and the {@code |} that separates performance data. */
  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ').replace('|', '/');
  }
}
