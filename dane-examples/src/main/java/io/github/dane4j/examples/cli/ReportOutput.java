package io.github.dane4j.examples.cli;

import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.HostReport;
import java.io.PrintWriter;
import java.time.Instant;

/** Prints a report in the output form that the options chose, and returns its exit code. */
final class ReportOutput {
  private ReportOutput() {}

  /** Prints a domain report as text, JSON or a monitoring-plugin line. */
  static int print(DomainReport report, CheckOptions options, PrintWriter out) {
    Instant now = Instant.now();
    ReportStatus status = ReportStatus.of(report, now, options.expiryWarningDays);
    if (options.json) {
      out.println(report.toJson());
    } else if (options.nagios) {
      out.println(
          NagiosLine.format(
              report.domain(),
              report.verdict(),
              report.assessment(),
              report.hosts(),
              status,
              report.elapsed()));
    } else {
      new TextReport(out, options.verbose, now).print(report, status);
    }
    return status.exitCode();
  }

  /** Prints a host report as text, JSON or a monitoring-plugin line. */
  static int print(HostReport report, CheckOptions options, PrintWriter out) {
    Instant now = Instant.now();
    ReportStatus status = ReportStatus.of(report, now, options.expiryWarningDays);
    if (options.json) {
      out.println(report.toJson());
    } else if (options.nagios) {
      out.println(
          NagiosLine.format(
              report.host(),
              report.verdict(),
              report.assessment(),
              java.util.List.of(report),
              status,
              report.elapsed()));
    } else {
      new TextReport(out, options.verbose, now).print(report, status);
    }
    return status.exitCode();
  }

  /** Returns JSON text on one line, for JSON Lines output; reports print indented JSON. */
  static String oneLine(String json) {
    // JSON strings cannot hold a raw line break, so every line break is layout between tokens.
    return json.replaceAll("\\n\\s*", "");
  }
}
