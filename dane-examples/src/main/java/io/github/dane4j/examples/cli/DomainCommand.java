package io.github.dane4j.examples.cli;

import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dane-check domain}: the full RFC 7672 check of every MX host and address of a domain. */
@Command(
    name = "domain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks every MX host and address of a mail domain as RFC 7672 describes: MX, address and"
          + " TLSA lookups with DNSSEC, then STARTTLS and DANE authentication of each server.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every MX host with usable TLSA records is authenticated, nothing expires soon",
      "1:DANE not deployed, insecure MX RRset, an MX host without TLSA records, a DANE-TA"
          + " chain expiring within --expiry-warning days, or a single TLSA record",
      "2:a DANE authentication failure, a host with TLSA records but no STARTTLS, bogus DNSSEC,"
          + " or an unreachable server",
      "3:a DNS lookup failure (SERVFAIL, timeout) or bad usage"
    })
final class DomainCommand extends CliCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DOMAIN", description = "The mail domain, such as example.org.")
  private @Nullable String domain;

  @Option(
      names = "--port",
      converter = Converters.PortConverter.class,
      paramLabel = "PORT",
      description =
          "The SMTP port to connect to; the TLSA owner names use it too. Default: ${DEFAULT-VALUE}.")
  private int port = 25;

  @Mixin private DnsOptions dns = new DnsOptions();

  @Mixin private CheckOptions options = new CheckOptions();

  @Override
  public Integer call() {
    String name = Objects.requireNonNull(domain);
    try (DaneSmtpVerifier verifier =
        Verifiers.build(options.verifier(dns).port(port), dns, err())) {
      DomainReport report = Verifiers.call(() -> verifier.verifyDomain(name), "DOMAIN", name);
      return ReportOutput.print(report, options, out());
    }
  }
}
