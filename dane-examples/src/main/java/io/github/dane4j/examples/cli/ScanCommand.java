package io.github.dane4j.examples.cli;

import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dane-check scan}: checks many domains concurrently and summarises them. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks many mail domains, one a line in FILE ('#' starts a comment), with at most"
          + " --concurrency domains and connections at once. Shows a progress bar on a terminal"
          + " and a summary table at the end; --json prints JSON Lines, one report a line."
          + " A domain listed twice is checked once. DNS answers are kept for their TTL (at most"
          + " one hour, failures 5 seconds) during the scan, so domains that share MX hosts"
          + " cost one MX lookup each once those hosts are known.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0-2:the worst exit code of the domains, as for 'dane-check domain'",
      "3:a DNS lookup failed for some domain and nothing was critical, or bad usage"
    })
final class ScanCommand extends CliCommand implements Callable<Integer> {
  /** The largest domain list read: about a million domains. */
  private static final int MAX_DOMAIN_LIST_BYTES = 32 * 1024 * 1024;

  private static final int PROGRESS_WIDTH = 30;

  /**
   * The verdict of a domain name that the verifier rejects. It is the report schema's
   * lookup-failure, because no lookup could be made and the exit code is 3 as for other lookup
   * failures.
   */
  private static final String INVALID_INPUT_VERDICT = "lookup-failure";

  @Parameters(paramLabel = "FILE", description = "A file with one mail domain a line.")
  private @Nullable Path file;

  @Option(
      names = "--port",
      converter = Converters.PortConverter.class,
      paramLabel = "PORT",
      description =
          "The SMTP port to connect to; the TLSA owner names use it too. Default: ${DEFAULT-VALUE}.")
  private int port = 25;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Show a progress bar on standard error. Default: only on a terminal.")
  private @Nullable Boolean progress;

  @Mixin private DnsOptions dns = new DnsOptions();

  @Mixin private CheckOptions options = new CheckOptions();

  @Override
  public Integer call() {
    options.validate();
    List<String> domains = readDomains(Objects.requireNonNull(file));
    boolean showProgress = progress != null ? progress : onTerminal() && !options.json;
    List<Row> rows = new ArrayList<>();
    try (DaneSmtpVerifier verifier =
        Verifiers.build(
            options.verifier(dns).port(port).dnsCache(DnsCache.builder().build()), dns, err())) {
      Semaphore slots = new Semaphore(options.concurrency);
      AtomicInteger done = new AtomicInteger();
      List<CompletableFuture<Row>> pending = new ArrayList<>();
      for (String domain : domains) {
        slots.acquireUninterruptibly();
        CompletableFuture<Row> row = start(verifier, domain);
        pending.add(
            row.whenComplete(
                (result, failure) -> {
                  slots.release();
                  if (showProgress) {
                    printProgress(done.incrementAndGet(), domains.size());
                  }
                }));
      }
      for (CompletableFuture<Row> row : pending) {
        rows.add(row.join());
      }
    }
    if (showProgress) {
      err().println();
    }
    return printResults(rows);
  }

  // NOTE: JDK 17 returns no console when a stream is redirected; JDK 22 and later return one
  // anyway, so there the bar also goes to redirected output unless --no-progress is given.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean onTerminal() {
    return System.console() != null;
  }

  private CompletableFuture<Row> start(DaneSmtpVerifier verifier, String domain) {
    try {
      return verifier
          .verifyDomainAsync(domain)
          .thenApply(report -> Row.of(report, options.expiryWarningDays));
    } catch (IllegalArgumentException e) {
      String message =
          "invalid domain name '" + domain + "': " + UserText.clean(String.valueOf(e.getMessage()));
      return CompletableFuture.completedFuture(
          new Row(
              domain,
              INVALID_INPUT_VERDICT,
              ExitCodes.UNKNOWN,
              0,
              message,
              null,
              invalidDomainJson(verifier, domain, message)));
    }
  }

  /**
   * Returns a report line for a domain name that the verifier rejected, with every member that the
   * report schema always writes, so that a JSON Lines reader can treat every line alike. It uses
   * the lookup-failure verdict: no lookup was possible, and exit code 3 follows from it.
   */
  private String invalidDomainJson(DaneSmtpVerifier verifier, String domain, String message) {
    List<String> families = new ArrayList<>();
    for (AddressFamily family : options.addressFamilies()) {
      families.add(family == AddressFamily.IPV4 ? "ipv4" : "ipv6");
    }
    String optionsJson =
        new Json()
            .add("port", verifier.port())
            .add("mode", verifier.mode().token())
            .add("auditOnly", false)
            .add("addressFamilies", families)
            .add("dnsProvider", verifier.dnsProvider())
            .add("tlsProvider", options.tlsProvider.name().toLowerCase(Locale.ROOT))
            .toString();
    String mxJson =
        new Json()
            .add("kind", "failure")
            .add("status", "indeterminate")
            .add("expandedDomain", domain)
            .add("namesFollowed", List.of())
            .add("implicit", false)
            .add("nullMx", false)
            .addRaw("records", "[]")
            .add("reason", message)
            .toString();
    return new Json()
        .add("schema", "dane4j-smtp-report")
        .add("schemaVersion", 1)
        .add("type", "domain")
        .addRaw("options", optionsJson)
        .add("startedAt", Instant.now().toString())
        .add("elapsedMillis", 0)
        .add("domain", domain)
        .add("daneRequired", false)
        .add("verdict", INVALID_INPUT_VERDICT)
        .add("resultType", (String) null)
        .add("failureReasonCode", (String) null)
        .add("message", message)
        .add(
            "fixHint",
            "Correct the line in the domain list: give a mail domain in A-label or U-label form,"
                + " such as example.org")
        .add("accepted", false)
        .addRaw("mx", mxJson)
        .addRaw("hosts", "[]")
        .toString();
  }

  private int printResults(List<Row> rows) {
    PrintWriter out = out();
    int exitCode = ExitCodes.OK;
    int[] counts = new int[4];
    for (Row row : rows) {
      exitCode = ExitCodes.worst(exitCode, row.exitCode());
      counts[row.exitCode()]++;
      if (options.json) {
        DomainReport report = row.report();
        out.println(
            report != null ? ReportOutput.oneLine(report.toJson()) : row.jsonOfInvalidInput());
      }
    }
    String summary =
        rows.size()
            + " domains: "
            + counts[ExitCodes.OK]
            + " ok, "
            + counts[ExitCodes.WARNING]
            + " warning, "
            + counts[ExitCodes.CRITICAL]
            + " critical, "
            + counts[ExitCodes.UNKNOWN]
            + " unknown";
    if (options.nagios) {
      out.println(
          "DANE "
              + ExitCodes.statusWord(exitCode)
              + " - "
              + summary
              + " | ok="
              + counts[ExitCodes.OK]
              + ";;;0 warning="
              + counts[ExitCodes.WARNING]
              + ";;;0 critical="
              + counts[ExitCodes.CRITICAL]
              + ";;;0 unknown="
              + counts[ExitCodes.UNKNOWN]
              + ";;;0");
    } else if (!options.json) {
      printTable(out, rows);
      out.println(summary);
    }
    return exitCode;
  }

  private static void printTable(PrintWriter out, List<Row> rows) {
    int width = "DOMAIN".length();
    for (Row row : rows) {
      width = Math.max(width, UserText.escapeControls(row.domain()).length());
    }
    String format = "%-" + width + "s  %-18s  %-8s  %5s  %s%n";
    out.printf(Locale.ROOT, format, "DOMAIN", "VERDICT", "STATUS", "HOSTS", "MESSAGE");
    for (Row row : rows) {
      out.printf(
          Locale.ROOT,
          format,
          UserText.escapeControls(row.domain()),
          row.verdict(),
          ExitCodes.statusWord(row.exitCode()),
          row.hosts(),
          UserText.escapeControls(row.message()));
    }
  }

  private static boolean containsControlCharacter(String text) {
    return text.chars().anyMatch(UserText::isControl);
  }

  private void printProgress(int done, int total) {
    int filled = total == 0 ? PROGRESS_WIDTH : done * PROGRESS_WIDTH / total;
    PrintWriter err = err();
    synchronized (err) {
      err.print(
          "\r["
              + "#".repeat(filled)
              + " ".repeat(PROGRESS_WIDTH - filled)
              + "] "
              + done
              + "/"
              + total);
      err.flush();
    }
  }

  /**
   * Reads the domain list: one domain a line, blank lines and text after {@code #} ignored. A
   * domain that appears again, in another letter case or with a trailing dot, is checked once.
   *
   * @throws UsageException if the file is missing, unreadable, binary (a line contains a control
   *     character other than a tab) or lists no domain
   */
  static List<String> readDomains(Path file) {
    List<String> lines =
        new String(
                CertificateFiles.readBounded(file, "domain list", MAX_DOMAIN_LIST_BYTES),
                StandardCharsets.UTF_8)
            .lines()
            .toList();
    List<String> domains = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int comment = line.indexOf('#');
      String domain = (comment < 0 ? line : line.substring(0, comment)).strip();
      if (containsControlCharacter(domain)) {
        throw new UsageException(
            "Invalid domain list "
                + file
                + ": line "
                + (i + 1)
                + " is not a domain name (it contains control characters, so the file may be"
                + " binary); give a text file with one mail domain a line");
      }
      String key = domain.toLowerCase(Locale.ROOT);
      if (key.endsWith(".")) {
        key = key.substring(0, key.length() - 1);
      }
      if (!domain.isEmpty() && seen.add(key)) {
        domains.add(domain);
      }
    }
    if (domains.isEmpty()) {
      throw new UsageException(
          "No domain in " + file + "; write one mail domain a line, such as example.org");
    }
    return domains;
  }

  /** One scanned domain for the summary table. */
  private record Row(
      String domain,
      String verdict,
      int exitCode,
      int hosts,
      String message,
      @Nullable DomainReport report,
      @Nullable String invalidInputJson) {
    static Row of(DomainReport report, int expiryWarningDays) {
      ReportStatus status = ReportStatus.of(report, Instant.now(), expiryWarningDays);
      String message =
          status.warnings().isEmpty()
              ? UserText.clean(report.assessment().message())
              : status.warnings().get(0);
      return new Row(
          report.domain(),
          report.verdict().token(),
          status.exitCode(),
          report.hosts().size(),
          message,
          report,
          null);
    }

    /** Returns the JSON line for a domain the verifier rejected; only such rows have one. */
    String jsonOfInvalidInput() {
      return Objects.requireNonNull(invalidInputJson, "a row with a report has no JSON of its own");
    }
  }
}
