package io.github.dane4j.examples.cli;

import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.HostReport;
import io.github.dane4j.smtp.TlsMode;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dane-check host}: checks one host as if it were an MX host. */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks one mail host as if it were an MX host of a secure MX RRset: address and TLSA"
          + " lookups with DNSSEC, then STARTTLS (or implicit TLS) and DANE authentication of"
          + " every address.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:authenticated, nothing expires soon",
      "1:DANE not deployed for the host, a DANE-TA chain expiring within --expiry-warning days,"
          + " or a single TLSA record",
      "2:a DANE authentication failure, TLSA records but no STARTTLS, bogus DNSSEC, or an"
          + " unreachable server",
      "3:a DNS lookup failure (SERVFAIL, timeout) or bad usage"
    })
final class HostCommand extends CliCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "HOST",
      description = "The host name, such as mx.example.org, or an address literal [192.0.2.1].")
  private @Nullable String host;

  @Option(
      names = "--port",
      converter = Converters.PortConverter.class,
      paramLabel = "PORT",
      description =
          "The SMTP port to connect to; the TLSA owner name uses it too. Default: ${DEFAULT-VALUE}.")
  private int port = 25;

  @Option(
      names = "--implicit-tls",
      description =
          "Start TLS right after connecting (RFC 8314), as on port 465, instead of STARTTLS.")
  private boolean implicitTls;

  @Mixin private DnsOptions dns = new DnsOptions();

  @Mixin private CheckOptions options = new CheckOptions();

  @Override
  public Integer call() {
    String name = Objects.requireNonNull(host);
    DaneSmtpVerifier.Builder builder = options.verifier(dns).port(port);
    if (implicitTls) {
      builder.tlsMode(TlsMode.IMPLICIT_TLS);
    }
    try (DaneSmtpVerifier verifier = Verifiers.build(builder, dns, err())) {
      HostReport report = Verifiers.call(() -> verifier.verifyHost(name), "HOST", name);
      if (implicitTls && !options.json && !options.nagios) {
        out().println("Connecting with implicit TLS (RFC 8314) on port " + port);
      }
      return ReportOutput.print(report, options, out());
    }
  }
}
