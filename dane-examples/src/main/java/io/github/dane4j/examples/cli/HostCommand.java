package io.github.dane4j.examples.cli;

import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.HostPolicy;
import io.github.dane4j.smtp.HostReport;
import io.github.dane4j.smtp.SmtpConnectionResult;
import io.github.dane4j.smtp.SmtpConnector;
import io.github.dane4j.smtp.SmtpTarget;
import io.github.dane4j.smtp.TlsMode;
import io.github.dane4j.smtp.TlsPolicy;
import io.github.dane4j.smtp.Verdict;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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
          "Start TLS right after connecting (RFC 8314), as on port 465, instead of STARTTLS. The"
              + " output then has its own short form.")
  private boolean implicitTls;

  @Mixin private DnsOptions dns = new DnsOptions();

  @Mixin private CheckOptions options = new CheckOptions();

  @Override
  public Integer call() {
    String name = Objects.requireNonNull(host);
    if (implicitTls && options.nagios) {
      throw new UsageException(
          "--nagios is not available with --implicit-tls; use the text or --json output");
    }
    try (DaneSmtpVerifier verifier =
        Verifiers.build(options.verifier(dns).port(port), dns, err())) {
      if (implicitTls) {
        HostPolicy policy = Verifiers.call(() -> verifier.hostPolicy(name, name), "HOST", name);
        return checkImplicitTls(policy);
      }
      HostReport report = Verifiers.call(() -> verifier.verifyHost(name), "HOST", name);
      return ReportOutput.print(report, options, out());
    }
  }

  /**
   * Connects to every address of the policy with implicit TLS. The verifier's reports cover
   * STARTTLS only, so this path maps each connection onto a verdict itself.
   */
  private int checkImplicitTls(HostPolicy policy) {
    PrintWriter out = out();
    List<String> addressJson = new ArrayList<>();
    int exitCode = ExitCodes.OK;
    Verdict hostVerdict = Verdict.AUTHENTICATED;
    if (policy.tlsPolicy() == TlsPolicy.UNREACHABLE) {
      hostVerdict = Verdict.LOOKUP_FAILURE;
      exitCode = ReportStatus.codeOf(hostVerdict, ReportStatus.bogus(policy));
    }
    if (!options.json) {
      out.println(
          "Host " + policy.host() + " (implicit TLS, port " + port + "): " + policy.tlsPolicy());
      out.println("  " + policy.reason());
    }
    SmtpConnector connector = SmtpConnector.create(connectorSettings());
    for (InetAddress address :
        policy.tlsPolicy() == TlsPolicy.UNREACHABLE ? List.<InetAddress>of() : policy.addresses()) {
      SmtpTarget.Builder target =
          SmtpTarget.builder()
              .address(address, port)
              .tlsMode(TlsMode.IMPLICIT_TLS)
              .trustManager(policy.newTrustManager());
      String sni = policy.sniHostName().orElse(null);
      if (sni == null) {
        target.omitSni();
      } else {
        target.sniHostName(sni);
      }
      SmtpConnectionResult result = connector.connect(target.build());
      Verdict verdict = verdictOf(policy.tlsPolicy(), result);
      hostVerdict = Verdict.worst(hostVerdict, verdict);
      exitCode = ExitCodes.worst(exitCode, ReportStatus.codeOf(verdict, false));
      if (options.json) {
        addressJson.add(
            new Json()
                .add("address", address.getHostAddress())
                .add("verdict", verdict.token())
                .add("tlsProtocol", result.tlsProtocol().orElse(null))
                .add("message", result.message())
                .toString());
      } else {
        out.println("  address " + address.getHostAddress() + ": " + verdict);
        out.println("    " + UserText.clean(result.message()));
      }
    }
    if (options.json) {
      out.println(
          new Json()
              .add("host", policy.host())
              .add("port", port)
              .add("tlsMode", "implicit-tls")
              .add("policy", policy.tlsPolicy().token())
              .add("reason", policy.reason())
              .add("verdict", hostVerdict.token())
              .addRaw("addresses", "[" + String.join(",", addressJson) + "]"));
    } else {
      out.println("Status: " + ExitCodes.statusWord(exitCode) + " (exit code " + exitCode + ")");
    }
    return exitCode;
  }

  private ConnectorSettings connectorSettings() {
    ConnectorSettings.Builder builder =
        ConnectorSettings.builder()
            .connectTimeout(options.timeout())
            .readTimeout(options.timeout())
            .greetingTimeout(options.timeout())
            .commandTimeout(options.timeout())
            .handshakeTimeout(options.timeout());
    String ehlo = options.ehloName;
    if (ehlo != null) {
      builder.ehloName(ehlo);
    }
    return builder.build();
  }

  /** Maps one implicit-TLS connection onto a verdict under the host's policy. */
  static Verdict verdictOf(TlsPolicy policy, SmtpConnectionResult result) {
    if (!result.succeeded()) {
      return policy.tlsRequired() ? Verdict.DANE_FAILURE : Verdict.CONNECTION_FAILURE;
    }
    return switch (policy) {
      case DANE_AUTHENTICATION ->
          result.daneAuthenticated() ? Verdict.AUTHENTICATED : Verdict.DANE_FAILURE;
      case TLS_WITHOUT_AUTHENTICATION -> Verdict.UNAUTHENTICATED_TLS;
      case OPPORTUNISTIC -> Verdict.OPPORTUNISTIC;
      case UNREACHABLE -> Verdict.LOOKUP_FAILURE;
    };
  }
}
