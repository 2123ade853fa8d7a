package io.github.dane4j.examples.cli;

import io.github.dane4j.examples.demo.DemoNetwork;
import io.github.dane4j.examples.demo.Scenario;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dane-check demo}: starts a signed DNS server and one SMTP server per scenario on loopback,
 * verifies every scenario's domain and compares the verdicts with the expected ones.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Starts a DNSSEC-signed DNS server and one SMTP server per scenario in this process, on"
          + " loopback addresses only, checks each scenario's domain with in-process DNSSEC"
          + " validation anchored at the demo zone's key, prints each report and a table of"
          + " expected against actual verdicts. Works offline.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scenario got its expected verdict",
      "2:at least one scenario got another verdict",
      "3:bad usage, or the demo network could not start"
    })
final class DemoCommand extends CliCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print each report as JSON instead of text.")
  private boolean json;

  @Option(
      names = {"-v", "--verbose"},
      description = "Add the SMTP transcript and DNS details to the text reports.")
  private boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = out();
    err().println("Starting the demo network on loopback (signed DNS and SMTP servers)...");
    List<DomainReport> reports = new ArrayList<>();
    try (DemoNetwork network = DemoNetwork.start();
        DaneSmtpVerifier verifier = network.verifier().build()) {
      List<CompletableFuture<DomainReport>> pending = new ArrayList<>();
      for (Scenario scenario : network.scenarios()) {
        pending.add(verifier.verifyDomainAsync(scenario.domain()));
      }
      for (CompletableFuture<DomainReport> future : pending) {
        reports.add(future.join());
      }
    }

    CheckOptions printing = new CheckOptions();
    printing.json = json;
    printing.verbose = verbose;
    List<Scenario> scenarios = List.of(Scenario.values());
    if (json) {
      // JSON Lines on stdout, one report a line, so that the output can be piped to a JSON
      // reader; the table goes to stderr for the person watching.
      for (DomainReport report : reports) {
        out.println(ReportOutput.oneLine(report.toJson()));
      }
      return printTable(err(), scenarios, reports);
    }
    for (int i = 0; i < scenarios.size(); i++) {
      out.println("== " + scenarios.get(i).label() + ": " + scenarios.get(i).description());
      ReportOutput.print(reports.get(i), printing, out);
      out.println();
    }
    return printTable(out, scenarios, reports);
  }

  private static int printTable(
      PrintWriter out, List<Scenario> scenarios, List<DomainReport> reports) {
    String format = "%-16s %-20s %-21s %-21s %s%n";
    out.printf(Locale.ROOT, format, "SCENARIO", "DOMAIN", "EXPECTED", "ACTUAL", "RESULT");
    int agreeing = 0;
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario scenario = scenarios.get(i);
      Verdict actual = reports.get(i).verdict();
      boolean agrees = actual == scenario.expected();
      if (agrees) {
        agreeing++;
      }
      out.printf(
          Locale.ROOT,
          format,
          scenario.label(),
          scenario.domain(),
          scenario.expected().token(),
          actual.token(),
          agrees ? "ok" : "MISMATCH");
    }
    out.println(agreeing + " of " + scenarios.size() + " scenarios got the expected verdict.");
    return agreeing == scenarios.size() ? ExitCodes.OK : ExitCodes.CRITICAL;
  }
}
