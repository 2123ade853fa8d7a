package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad usage of the lookup options: each gives exit code 3 and one line that names the option, and
 * none sends a query, because the options are checked before the verifier is built.
 */
final class OptionErrorsTest {
  private static final String TLSA_3_1_1 = "3 1 1 " + "AB".repeat(32);

  @Test
  void resolver_notOnLoopback_requiresInsecureOptIn() {
    CliRun run = CliRun.of("domain", "example.org", "--resolver", "192.0.2.53");

    assertUsageError(run, "--insecure-trust-remote-resolver");
  }

  @Test
  void resolver_withValidate_rejected() {
    CliRun run = CliRun.of("domain", "example.org", "--resolver", "127.0.0.1", "--validate");

    assertUsageError(run, "--resolver cannot be combined");
  }

  @Test
  void insecureOptIn_withoutResolver_rejected() {
    CliRun run = CliRun.of("domain", "example.org", "--insecure-trust-remote-resolver");

    assertUsageError(run, "needs --resolver");
  }

  @Test
  void jndi_withTrustAnchor_rejected() {
    CliRun run = CliRun.of("domain", "example.org", "--jndi", "--trust-anchor", "anchors.txt");

    assertUsageError(run, "--jndi cannot validate DNSSEC");
  }

  @Test
  void upstream_hostName_rejected() {
    CliRun run = CliRun.of("domain", "example.org", "--upstream", "dns.example.net");

    assertUsageError(run, "Invalid --upstream 'dns.example.net'");
  }

  @Test
  void upstream_octetOutOfRange_rejectedWithoutLookup() {
    CliRun run = CliRun.of("domain", "example.org", "--upstream", "300.1.1.1");

    assertUsageError(run, "0 to 255");
  }

  @Test
  void upstream_portOutOfRange_rejected() {
    CliRun run = CliRun.of("domain", "example.org", "--upstream", "127.0.0.1:70000");

    assertUsageError(run, "port must be from 1 to 65535");
  }

  @Test
  void trustAnchor_missingFile_rejected() {
    CliRun run = CliRun.of("domain", "example.org", "--trust-anchor", "/nonexistent/anchors");

    assertUsageError(run, "--trust-anchor");
  }

  @Test
  void jsonAndNagios_rejected() {
    CliRun run = CliRun.of("domain", "example.org", "--json", "--nagios");

    assertUsageError(run, "--json and --nagios");
  }

  @Test
  void ipv4AndIpv6Only_rejected() {
    CliRun run = CliRun.of("host", "mx.example.org", "-4", "-6");

    assertUsageError(run, "-4 and -6");
  }

  @Test
  void timeout_invalid_namesForms() {
    CliRun run = CliRun.of("domain", "example.org", "--timeout", "soon");

    assertUsageError(run, "--timeout");
    assertThat(run.err()).contains("500ms");
  }

  @Test
  void concurrency_zero_rejected() {
    CliRun run = CliRun.of("scan", "list.txt", "--concurrency", "0");

    assertUsageError(run, "--concurrency");
  }

  @Test
  void unknownOption_namedInError() {
    CliRun run = CliRun.of("domain", "example.org", "--frobnicate");

    assertUsageError(run, "--frobnicate");
  }

  @Test
  void missingDomain_namedInError() {
    CliRun run = CliRun.of("domain");

    assertUsageError(run, "DOMAIN");
  }

  @Test
  void unknownSubcommand_rejected() {
    CliRun run = CliRun.of("frobnicate");

    assertUsageError(run, "frobnicate");
  }

  @Test
  void unknownSubcommand_withHelp_rejected() {
    CliRun run = CliRun.of("frobnicate", "--help");

    assertUsageError(run, "Unknown subcommand 'frobnicate'");
    assertThat(run.out()).as("no usage text").isEmpty();
  }

  @Test
  void unknownSubcommand_listsSubcommands() {
    CliRun run = CliRun.of("frobnicate");

    assertUsageError(run, "domain, host, chain, tlsa, scan or demo");
  }

  @Test
  void subcommandHelp_exitsZero() {
    CliRun run = CliRun.of("chain", "--help");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("--expiry-warning");
  }

  @Test
  void port_aboveRange_namesOptionValueAndRange() {
    for (String command : List.of("domain", "host", "scan")) {
      CliRun run = CliRun.of(command, "example.org", "--port", "99999");

      assertUsageError(run, "Invalid value for option '--port': '99999' is not a port");
      assertThat(run.err()).as(run.toString()).contains("from 1 to 65535");
    }
  }

  @Test
  void port_notANumber_namesOption() {
    CliRun run = CliRun.of("host", "mx.example.org", "--port", "smtp");

    assertUsageError(run, "'smtp' is not a port");
  }

  @Test
  void noSubcommand_listsSubcommands() {
    CliRun run = CliRun.of();

    assertUsageError(run, "domain, host, chain, tlsa, scan or demo");
  }

  @Test
  void help_listsExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Exit codes:").contains("3   unknown");
  }

  @Test
  void version_printsCommandName() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("dane-check ");
  }

  @Test
  void parseAddress_acceptsIpv4Ipv6AndPorts() {
    InetSocketAddress plain = DnsOptions.parseAddress("127.0.0.1", "--upstream");
    assertThat(plain.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(plain.getPort()).isEqualTo(53);
    assertThat(DnsOptions.parseAddress("127.0.0.1:5353", "--upstream").getPort()).isEqualTo(5353);
    assertThat(DnsOptions.parseAddress("::1", "--upstream").getAddress().isLoopbackAddress())
        .isTrue();
    assertThat(DnsOptions.parseAddress("[::1]:5353", "--upstream").getPort()).isEqualTo(5353);
  }

  @Test
  void exitCodes_worst_ranksCriticalAboveUnknown() {
    assertThat(ExitCodes.worst(ExitCodes.UNKNOWN, ExitCodes.CRITICAL))
        .isEqualTo(ExitCodes.CRITICAL);
    assertThat(ExitCodes.worst(ExitCodes.WARNING, ExitCodes.UNKNOWN)).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(ExitCodes.worst(ExitCodes.OK, ExitCodes.WARNING)).isEqualTo(ExitCodes.WARNING);
  }

  @Test
  void chainFile_endlessDevice_rejectedAsNotRegularFile() {
    CliRun run =
        CliRun.of(
            "chain", "--chain", "/dev/zero", "--name", "mx.example.test", "--tlsa", TLSA_3_1_1);

    assertUsageError(run, "/dev/zero is not a regular file");
  }

  @Test
  void chainFile_directory_namedAsDirectory() {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            System.getProperty("java.io.tmpdir"),
            "--name",
            "mx.example.test",
            "--tlsa",
            TLSA_3_1_1);

    assertUsageError(run, "is a directory");
  }

  private static void assertUsageError(CliRun run, String expected) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains(expected);
    assertThat(run.err().strip()).as("one line").doesNotContain("\n");
    assertThat(run.err()).as("no stack trace").doesNotContain("\tat ");
    assertThat(run.err()).as("no exception class").doesNotContainPattern("[A-Za-z]+Exception");
  }
}
