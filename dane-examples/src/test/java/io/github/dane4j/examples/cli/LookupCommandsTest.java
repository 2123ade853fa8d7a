package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.examples.demo.DemoNetwork;
import io.github.dane4j.examples.demo.Scenario;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code domain}, {@code host} and {@code scan} against the demo network on loopback, with
 * in-process validation from the demo zone's trust anchor.
 */
final class LookupCommandsTest {
  private static DemoNetwork network;
  private static Path anchorFile;

  @TempDir static Path dir;

  @BeforeAll
  static void startNetwork() throws IOException {
    network = DemoNetwork.start();
    anchorFile = dir.resolve("anchors.txt");
    Files.writeString(anchorFile, network.dnsServer().trustAnchors(), StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stopNetwork() {
    network.close();
  }

  @Test
  void domain_daneEe_exitsOkWithMarkedRecord() {
    CliRun run = run("domain", Scenario.DANE_EE.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Domain dane-ee.test: authenticated").contains("* 3 1 1 ");
    assertThat(run.out()).contains("SPKI SHA-256").contains("Status: OK (exit code 0)");
  }

  @Test
  void domain_daneEe_printsTlsLineWithNamedGroup() {
    CliRun run = run("domain", Scenario.DANE_EE.domain());

    assertThat(run.out()).as(run.toString()).contains("STARTTLS offered, TLSv1.3 TLS_");
    assertThat(run.out())
        .as(run.toString())
        .containsPattern("STARTTLS offered, TLSv1\\.3 \\S+ x25519 \\((Conscrypt|SunJSSE)\\)");
  }

  @Test
  void domain_sunJsseChosen_tlsLineNamesIt() {
    CliRun run = run("domain", Scenario.DANE_EE.domain(), "--tls-provider", "SUNJSSE");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).containsPattern("STARTTLS offered, TLSv1\\.3 \\S+ \\S+ \\(SunJSSE\\)");
  }

  @Test
  void domain_singleTlsaRecord_exitsWarning() {
    CliRun run = run("domain", Scenario.DANE_TA.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).contains("publishes a single TLSA record");
  }

  @Test
  void domain_staleRecords_exitsCriticalWithFixHint() {
    CliRun run = run("domain", Scenario.STALE_AFTER_ROLLOVER.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("dane-failure").contains("fix: ");
  }

  @Test
  void domain_bogusTlsa_exitsCritical() {
    CliRun run = run("domain", Scenario.BOGUS_SIGNATURES.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("lookup-failure");
  }

  @Test
  void domain_insecureZone_exitsWarning() {
    CliRun run = run("domain", Scenario.INSECURE_DELEGATION.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).contains("opportunistic");
  }

  @Test
  void domain_noStarttls_exitsCritical() {
    CliRun run = run("domain", Scenario.NO_STARTTLS.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("starttls-not-supported");
  }

  @Test
  void domain_unusableRecords_exitsWarning() {
    CliRun run = run("domain", Scenario.UNUSABLE_RECORDS_ONLY.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).contains("unusable: unknown certificate usage");
  }

  @Test
  void domain_unknownDomain_exitsWithLookupOrConnectionVerdict() {
    CliRun run = run("domain", "absent.test");

    assertThat(run.exitCode()).as(run.toString()).isNotEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Domain absent.test: ");
  }

  @Test
  void domain_json_printsReportWithVerdictAtEveryLevel() {
    CliRun run = run("domain", Scenario.DANE_EE.domain(), "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().strip()).startsWith("{").endsWith("}");
    assertThat(run.out()).contains("\"verdict\": \"authenticated\"");
  }

  @Test
  void domain_nagios_printsOneStatusLineWithPerformanceData() {
    CliRun run = run("domain", Scenario.DANE_EE.domain(), "--nagios");

    assertThat(run.out().strip()).doesNotContain("\n");
    assertThat(run.out()).startsWith("DANE OK - dane-ee.test: authenticated");
    assertThat(run.out()).contains("| hosts=1;;;0 addresses=1;;;0 authenticated=1;;;0");
  }

  @Test
  void domain_nagiosCritical_startsWithCritical() {
    CliRun run = run("domain", Scenario.STALE_AFTER_ROLLOVER.domain(), "--nagios");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).startsWith("DANE CRITICAL - stale.test: dane-failure");
  }

  @Test
  void domain_verbose_printsTranscriptAndDnsDetails() {
    CliRun run = run("domain", Scenario.TLSA_VIA_CNAME.domain(), "--verbose");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("| C: EHLO ").contains("| C: STARTTLS");
    assertThat(run.out()).contains("TLSA lookup _").contains("tlsa-shared.cname.test");
  }

  @Test
  void domain_ehloOption_setsEhloName() {
    CliRun run = run("domain", Scenario.DANE_EE.domain(), "--verbose", "--ehlo", "probe.example");

    assertThat(run.out()).contains("| C: EHLO probe.example");
  }

  @Test
  void domain_expiryWarningZero_keepsOkForDaneEe() {
    CliRun run = run("domain", Scenario.DANE_EE.domain(), "--expiry-warning", "0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void domain_expiryWarningBeyondCertificateLifetime_warnsForDaneTa() {
    CliRun run = run("domain", Scenario.DANE_TA.domain(), "--expiry-warning", "4000");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).contains("expires on");
  }

  @Test
  void domain_ipv6Only_findsNoAddressAndFails() {
    CliRun run =
        CliRun.of(
            "domain",
            Scenario.DANE_EE.domain(),
            "-6",
            "--port",
            Integer.toString(network.port()),
            "--timeout",
            "5s",
            "--upstream",
            "127.0.0.1:" + network.dnsServer().address().getPort(),
            "--trust-anchor",
            anchorFile.toString());

    assertThat(run.exitCode()).as(run.toString()).isNotEqualTo(ExitCodes.OK);
  }

  @Test
  void domain_trustedLoopbackResolverWithoutAdBit_seesInsecureData() {
    InetSocketAddress dns = network.dnsServer().address();

    CliRun run =
        CliRun.of(
            "domain",
            Scenario.DANE_EE.domain(),
            "--port",
            Integer.toString(network.port()),
            "-4",
            "--timeout",
            "5s",
            "--resolver",
            "127.0.0.1:" + dns.getPort());

    // The test DNS server never sets AD, so a client that trusts its AD bit gets no secure data.
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).contains("opportunistic");
  }

  @Test
  void domain_jndi_warnsThatDaneIsNotApplied() {
    InetSocketAddress dns = network.dnsServer().address();

    CliRun run =
        CliRun.of(
            "domain",
            Scenario.DANE_EE.domain(),
            "--port",
            Integer.toString(network.port()),
            "-4",
            "--timeout",
            "5s",
            "--jndi",
            "--upstream",
            "127.0.0.1:" + dns.getPort());

    assertThat(run.err()).contains("--jndi cannot validate DNSSEC");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
  }

  @Test
  void host_daneEeHost_exitsOk() {
    CliRun run = run("host", "mx." + Scenario.DANE_EE.domain());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("MX host mx.dane-ee.test: authenticated");
  }

  @Test
  void host_conscryptProvider_authenticates() {
    CliRun run = run("host", "mx." + Scenario.DANE_EE.domain(), "--tls-provider", "CONSCRYPT");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("MX host mx.dane-ee.test: authenticated");
  }

  @Test
  void host_conscryptProviderImplicitTls_failsAgainstStarttlsServer() {
    CliRun run =
        run(
            "host",
            "mx." + Scenario.DANE_EE.domain(),
            "--implicit-tls",
            "--tls-provider",
            "CONSCRYPT");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("implicit TLS").contains("dane-failure");
  }

  @Test
  void host_unknownTlsProvider_isUsageError() {
    CliRun run = run("host", "mx." + Scenario.DANE_EE.domain(), "--tls-provider", "GNUTLS");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--tls-provider").contains("GNUTLS");
  }

  @Test
  void host_json_printsHostReport() {
    CliRun run = run("host", "mx." + Scenario.DANE_EE.domain(), "--json");

    assertThat(run.out()).contains("\"host\"").contains("\"verdict\": \"authenticated\"");
  }

  @Test
  void host_implicitTlsAgainstStarttlsServer_failsCritical() {
    CliRun run = run("host", "mx." + Scenario.DANE_EE.domain(), "--implicit-tls");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("implicit TLS").contains("dane-failure");
  }

  @Test
  void host_implicitTlsJson_printsVerdicts() {
    CliRun run = run("host", "mx." + Scenario.DANE_EE.domain(), "--implicit-tls", "--json");

    assertThat(run.out())
        .contains("\"tlsMode\": \"implicit-tls\"")
        .contains("\"verdict\": \"dane-failure\"");
  }

  @Test
  void host_invalidName_exitsUnknownWithOneLine() {
    CliRun run = run("host", "bad host!");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).startsWith("dane-check host: Invalid HOST 'bad host!'");
    assertThat(run.err().strip()).doesNotContain("\n");
  }

  @Test
  void scan_severalDomains_printsTableSummaryAndWorstExitCode() throws IOException {
    Path list =
        Files.writeString(
            dir.resolve("domains.txt"),
            "# demo domains\n"
                + Scenario.DANE_EE.domain()
                + "\n\n"
                + Scenario.INSECURE_DELEGATION.domain()
                + "  # unsigned\n"
                + Scenario.STALE_AFTER_ROLLOVER.domain()
                + "\n");

    CliRun run = run("scan", list.toString(), "--no-progress");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("DOMAIN").contains("VERDICT");
    assertThat(run.out()).contains("3 domains: 1 ok, 1 warning, 1 critical, 0 unknown");
  }

  @Test
  void scan_json_printsOneReportPerLine() throws IOException {
    Path list =
        Files.writeString(
            dir.resolve("two.txt"),
            Scenario.DANE_EE.domain() + "\n" + Scenario.DANE_TA.domain() + "\n");

    CliRun run = run("scan", list.toString(), "--json");

    List<String> lines = nonEmptyLines(run.out());
    assertThat(lines).hasSize(2);
    assertThat(lines).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
  }

  @Test
  void scan_nagios_printsSummaryLine() throws IOException {
    Path list = Files.writeString(dir.resolve("one.txt"), Scenario.DANE_EE.domain() + "\n");

    CliRun run = run("scan", list.toString(), "--nagios");

    assertThat(run.out().strip())
        .isEqualTo(
            "DANE OK - 1 domains: 1 ok, 0 warning, 0 critical, 0 unknown | ok=1;;;0 warning=0;;;0 critical=0;;;0 unknown=0;;;0");
  }

  @Test
  void scan_progressForced_drawsBarOnErr() throws IOException {
    Path list = Files.writeString(dir.resolve("bar.txt"), Scenario.DANE_EE.domain() + "\n");

    CliRun run = run("scan", list.toString(), "--progress");

    assertThat(run.err()).contains("] 1/1");
  }

  @Test
  void scan_invalidDomainLine_reportedAsUnknownRow() throws IOException {
    Path list = Files.writeString(dir.resolve("invalid.txt"), "bad domain!\n");

    CliRun run = run("scan", list.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.out()).contains("lookup-failure").contains("invalid domain name 'bad domain!'");
  }

  @Test
  void scan_jsonInvalidDomain_writesEveryAlwaysPresentMember() throws IOException {
    Path list = Files.writeString(dir.resolve("invalid-json.txt"), "bad domain!\n");

    CliRun run = run("scan", list.toString(), "--json");

    String line = nonEmptyLines(run.out()).get(0);
    for (String member :
        List.of(
            "\"schema\":\"dane4j-smtp-report\"",
            "\"schemaVersion\":1",
            "\"type\":\"domain\"",
            "\"options\":{",
            "\"startedAt\":",
            "\"elapsedMillis\":",
            "\"domain\":\"bad domain!\"",
            "\"daneRequired\":false",
            "\"verdict\":\"lookup-failure\"",
            "\"resultType\":null",
            "\"failureReasonCode\":null",
            "\"message\":\"invalid domain name",
            "\"fixHint\":",
            "\"accepted\":false",
            "\"mx\":{\"kind\":\"failure\"",
            "\"hosts\":[]")) {
      assertThat(line).as(line).contains(member);
    }
  }

  @Test
  void scan_duplicateDomains_checkedOnce() throws IOException {
    String domain = Scenario.DANE_EE.domain();
    Path list =
        Files.writeString(
            dir.resolve("duplicates.txt"),
            domain + "\n" + domain.toUpperCase(java.util.Locale.ROOT) + ".\n" + domain + ".\n");

    CliRun run = run("scan", list.toString(), "--json");

    assertThat(nonEmptyLines(run.out())).as(run.toString()).hasSize(1);
  }

  @Test
  void scan_binaryFile_rejectedNamingLine() throws IOException {
    Path list = dir.resolve("binary.txt");
    Files.write(list, new byte[] {'a', '.', 'o', 'r', 'g', '\n', 0x00, 0x1B, '[', '2', 'J', '\n'});

    CliRun run = run("scan", list.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("line 2 is not a domain name");
    assertThat(run.err()).as(run.toString()).doesNotContain("\u001b");
  }

  @Test
  void domain_failingAddress_printsRecordsUnderTheirHeader() {
    CliRun run = run("domain", Scenario.STALE_AFTER_ROLLOVER.domain());

    List<String> lines = run.out().lines().toList();
    int address = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith("address ")) {
        address = i;
        break;
      }
    }
    assertThat(address).as(run.toString()).isNotNegative();
    String addressIndent = lines.get(address).substring(0, lines.get(address).indexOf('a'));
    String header = lines.get(address + 1);
    assertThat(header).as(run.toString()).startsWith(addressIndent + "  TLSA records at _");
    assertThat(lines.get(address + 2))
        .as(run.toString())
        .matches("^" + addressIndent + "  [ *~] \\d \\d \\d [0-9A-F]+  \\(.*");
  }

  @Test
  void scan_emptyFile_exitsUnknown() throws IOException {
    Path list = Files.writeString(dir.resolve("empty.txt"), "# nothing\n");

    CliRun run = run("scan", list.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("No domain in");
  }

  @Test
  void scan_missingFile_exitsUnknown() {
    CliRun run = run("scan", dir.resolve("absent.txt").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("File not found");
  }

  private static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--port",
            Integer.toString(network.port()),
            "-4",
            "--timeout",
            "5s",
            "--upstream",
            "127.0.0.1:" + network.dnsServer().address().getPort(),
            "--trust-anchor",
            anchorFile.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static List<String> nonEmptyLines(String text) {
    return text.lines().filter(line -> !line.isBlank()).toList();
  }
}
