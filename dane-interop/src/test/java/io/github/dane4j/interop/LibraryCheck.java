package io.github.dane4j.interop;

import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.AddressReport;
import io.github.dane4j.smtp.Assessment;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.DaneSmtp;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.HostPolicy;
import io.github.dane4j.smtp.RunMode;
import io.github.dane4j.smtp.SmtpConnectionResult;
import io.github.dane4j.smtp.SmtpConnector;
import io.github.dane4j.smtp.SmtpTarget;
import io.github.dane4j.smtp.TlsMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a mail domain through dane4j's public API. Port 25 uses {@link
 * DaneSmtpVerifier#verifyDomain} in delivery mode, which tries the MX hosts in order and stops at
 * the first that accepts the mail. Port 465 (implicit TLS, which the domain check does not speak)
 * uses {@link DaneSmtpVerifier#hostPolicy} for each MX host in order and connects with the policy's
 * trust manager through {@link SmtpConnector}.
 */
final class LibraryCheck implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int SMTP_PORT = 25;
  private static final String EHLO_NAME = "client.interop.test";

  private final DnsFetcher fetcher;
  private final DaneSmtpVerifier verifier;
  private final int port;

  private LibraryCheck(DnsFetcher fetcher, DaneSmtpVerifier verifier, int port) {
    this.fetcher = fetcher;
    this.verifier = verifier;
    this.port = port;
  }

  /**
   * Creates a check for one DNS mode and port.
   *
   * @param allowUnverifiedDns whether to set the opt-in to DNS without DNSSEC status, which the
   *     JNDI provider needs
   * @throws IllegalStateException if the mode is JNDI and the opt-in is not set
   */
  static LibraryCheck create(
      InteropServers servers, DnsMode mode, int port, boolean allowUnverifiedDns) {
    DnsFetcherSettings.Builder settings = DnsFetcherSettings.builder().lookupTimeout(TIMEOUT);
    String provider = DnsFetchers.DEFAULT_PROVIDER;
    switch (mode) {
      case TRUSTED_RESOLVER ->
          settings.resolver(servers.unbound()).validation(Validation.TRUSTED_RESOLVER);
      case IN_PROCESS ->
          settings
              .resolvers(List.of(servers.unbound()))
              .validation(Validation.IN_PROCESS)
              .rootTrustAnchors(false)
              .trustAnchorFile(servers.trustAnchorFile());
      case JNDI -> {
        settings.resolvers(List.of(servers.unbound()));
        provider = "jndi";
      }
    }
    DnsFetcher fetcher = DnsFetchers.create(provider, settings.build());
    try {
      DaneSmtpVerifier verifier =
          DaneSmtp.verifier()
              .dns(fetcher)
              .connector(ConnectorSettings.builder().ehloName(EHLO_NAME).build())
              .timeouts(TIMEOUT)
              .port(port)
              .addressFamilies(AddressFamily.IPV4)
              .mode(RunMode.DELIVERY)
              .insecureAllowUnverifiedDns(allowUnverifiedDns)
              .build();
      return new LibraryCheck(fetcher, verifier, port);
    } catch (RuntimeException e) {
      fetcher.close();
      throw e;
    }
  }

  /** Checks {@code domain} and returns the outcome in the terms of scenarios.tsv. */
  Outcome check(String domain) throws InterruptedException {
    return port == SMTP_PORT ? viaDomainCheck(domain) : viaHostPolicies(domain);
  }

  private Outcome viaDomainCheck(String domain) {
    DomainReport report = verifier.verifyDomain(domain);
    Optional<AddressReport> accepted = report.acceptedAddress();
    if (accepted.isPresent()) {
      AddressReport address = accepted.get();
      return outcome(address.assessment(), address.connection());
    }
    return outcome(report.assessment(), null);
  }

  /**
   * Tries the MX hosts in order of preference, as a delivering MTA does (RFC 7672 section 2.2),
   * with implicit TLS; returns the first accepted outcome, or the last failure.
   */
  private Outcome viaHostPolicies(String domain) throws InterruptedException {
    DnsAnswer<MxRecord> mx = fetcher.blocking().mx(domain);
    if (mx.isLookupFailure()) {
      return Outcome.of("lookup-failure", Rfc8460ResultType.DNSSEC_INVALID.token());
    }
    List<String> hosts =
        mx.records().stream()
            .sorted(Comparator.comparingInt(MxRecord::preference))
            .map(MxRecord::exchange)
            .toList();
    Outcome last = Outcome.of("connection-failure");
    for (String host : hosts) {
      HostPolicy policy = verifier.hostPolicy(host, domain);
      Optional<Assessment> unreachable = policy.unreachableAssessment();
      if (unreachable.isPresent()) {
        last = outcome(unreachable.get(), null);
        continue;
      }
      if (policy.addresses().isEmpty()) {
        last = Outcome.of("connection-failure");
        continue;
      }
      SmtpTarget.Builder target =
          SmtpTarget.builder()
              .address(policy.addresses().get(0), port)
              .tlsMode(TlsMode.IMPLICIT_TLS)
              .trustManager(policy.newTrustManager());
      policy.sniHostName().ifPresentOrElse(target::sniHostName, target::omitSni);
      SmtpConnectionResult result =
          SmtpConnector.create(
                  ConnectorSettings.builder()
                      .ehloName(EHLO_NAME)
                      .connectTimeout(TIMEOUT)
                      .readTimeout(TIMEOUT)
                      .handshakeTimeout(TIMEOUT)
                      .build())
              .connect(target.build());
      if (result.succeeded()) {
        if (result.daneAuthenticated()) {
          return authenticated(result);
        }
        // RFC 7672 section 2.2: only unusable records still require TLS, without authentication.
        return policy.tlsPolicy().tlsRequired()
            ? Outcome.of("unauthenticated-tls", Rfc8460ResultType.TLSA_INVALID.token())
            : Outcome.of("opportunistic");
      }
      last =
          Outcome.of(
              policy.tlsPolicy().tlsRequired() ? "dane-failure" : "connection-failure",
              result.resultType().map(Rfc8460ResultType::token).orElse(Outcome.NONE));
    }
    return last;
  }

  private static Outcome outcome(Assessment assessment, @Nullable SmtpConnectionResult connection) {
    if (connection != null && connection.daneAuthenticated()) {
      return authenticated(connection);
    }
    return Outcome.of(
        assessment.verdict().token(),
        assessment.resultType().map(Rfc8460ResultType::token).orElse(Outcome.NONE));
  }

  private static Outcome authenticated(SmtpConnectionResult connection) {
    VerificationResult verification = connection.verificationResult().orElseThrow();
    TlsaRecord matched = verification.matchedRecord().orElseThrow();
    return Outcome.authenticated(
        matched.usage(),
        matched.selector(),
        matched.matchingType(),
        verification.matchDepth().orElseThrow());
  }

  @Override
  public void close() {
    try {
      verifier.close();
    } finally {
      fetcher.close();
    }
  }
}
