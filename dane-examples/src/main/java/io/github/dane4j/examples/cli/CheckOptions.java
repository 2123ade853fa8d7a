package io.github.dane4j.examples.cli;

import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.DaneSmtp;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.TlsProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The output and connection options of the subcommands that check domains and hosts. */
final class CheckOptions {
  @Option(names = "--json", description = "Print the report as JSON (the dane-smtp report schema).")
  boolean json;

  @Option(
      names = "--nagios",
      description = "Print one monitoring-plugin status line with performance data.")
  boolean nagios;

  @Option(
      names = {"-v", "--verbose"},
      description = "Add the SMTP transcript and DNS details to the text report.")
  boolean verbose;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description =
          "Time limit of each DNS lookup and of each SMTP step (connect, greeting, command,"
              + " handshake): 10, 10s, 500ms or PT10S. Default: 10s.")
  @Nullable Duration timeout;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Maximum number of SMTP connections open at once. Default: ${DEFAULT-VALUE}.")
  int concurrency = DaneSmtpVerifier.DEFAULT_CONCURRENCY;

  @Option(names = "-4", description = "Look up and connect to IPv4 addresses only.")
  boolean ipv4Only;

  @Option(names = "-6", description = "Look up and connect to IPv6 addresses only.")
  boolean ipv6Only;

  @Option(
      names = "--ehlo",
      paramLabel = "NAME",
      description = "The host name to send in EHLO. Default: the connector's default.")
  @Nullable String ehloName;

  @Option(
      names = "--expiry-warning",
      paramLabel = "DAYS",
      description =
          "Warn (exit 1) when a DANE-TA(2) authenticated chain has a certificate that expires"
              + " within this many days; DANE-EE(3) ignores expiry (RFC 7672 section 3.1.1)."
              + " Default: ${DEFAULT-VALUE}.")
  int expiryWarningDays = ExpiryCheck.DEFAULT_WARNING_DAYS;

  @Option(
      names = "--tls-provider",
      paramLabel = "PROVIDER",
      description =
          "The TLS implementation: CONSCRYPT (BoringSSL, bundled in the dane-check jar; about"
              + " half the CPU time per handshake) or SUNJSSE (the JDK's). Default: CONSCRYPT"
              + " where its native library loads, else SUNJSSE; here ${DEFAULT-VALUE}.")
  TlsProvider tlsProvider =
      TlsProvider.CONSCRYPT.isAvailable() ? TlsProvider.CONSCRYPT : TlsProvider.SUNJSSE;

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Returns the per-step timeout. */
  Duration timeout() {
    return timeout != null ? timeout : DEFAULT_TIMEOUT;
  }

  /**
   * Checks combinations that picocli cannot check.
   *
   * @throws UsageException if options conflict or a number is out of range
   */
  void validate() {
    if (json && nagios) {
      throw new UsageException("--json and --nagios cannot be combined; choose one output form");
    }
    if (ipv4Only && ipv6Only) {
      throw new UsageException(
          "-4 and -6 cannot be combined; leave both out to check IPv4 and IPv6 addresses");
    }
    if (expiryWarningDays < 0) {
      throw new UsageException(
          "Invalid --expiry-warning " + expiryWarningDays + ": give 0 or more days");
    }
    if (concurrency < 1 || concurrency > 1024) {
      throw new UsageException(
          "Invalid --concurrency " + concurrency + ": give a number from 1 to 1024");
    }
    Duration perStep = timeout();
    if (perStep.toMillis() < 1 || perStep.compareTo(Duration.ofHours(1)) > 0) {
      throw new UsageException(
          "Invalid --timeout " + perStep + ": give at least 1ms and at most 1 hour");
    }
  }

  /**
   * Starts a verifier builder with the DNS settings and these options.
   *
   * @throws UsageException if an option value is invalid
   */
  DaneSmtpVerifier.Builder verifier(DnsOptions dns) {
    validate();
    DnsFetcherSettings settings = dns.settings(timeout());
    DaneSmtpVerifier.Builder builder =
        DaneSmtp.verifier()
            .timeouts(timeout())
            .concurrency(concurrency)
            .verificationsInFlight(concurrency)
            .addressFamilies(addressFamilies().toArray(AddressFamily[]::new));
    if (dns.jndi()) {
      builder.dns("jndi", settings).insecureAllowUnverifiedDns(true);
    } else {
      builder.dns(settings);
    }
    ConnectorSettings.Builder connector = ConnectorSettings.builder();
    configureConnector(connector);
    builder.connector(connector.build());
    return builder;
  }

  /**
   * Applies {@code --ehlo} and {@code --tls-provider} to a connector settings builder.
   *
   * @throws UsageException if the EHLO name is invalid or the TLS provider cannot load
   */
  void configureConnector(ConnectorSettings.Builder connector) {
    String ehlo = ehloName;
    if (ehlo != null) {
      try {
        connector.ehloName(ehlo);
      } catch (IllegalArgumentException e) {
        throw new UsageException("Invalid --ehlo '" + ehlo + "': " + e.getMessage(), e);
      }
    }
    try {
      connector.tlsProvider(tlsProvider);
    } catch (IllegalStateException e) {
      throw new UsageException(
          "--tls-provider "
              + tlsProvider
              + " cannot be used here: its native library does not load on this platform;"
              + " use --tls-provider "
              + TlsProvider.SUNJSSE,
          e);
    }
  }

  List<AddressFamily> addressFamilies() {
    List<AddressFamily> families = new ArrayList<>();
    if (!ipv6Only) {
      families.add(AddressFamily.IPV4);
    }
    if (!ipv4Only) {
      families.add(AddressFamily.IPV6);
    }
    return families;
  }
}
