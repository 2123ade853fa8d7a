package io.github.dane4j.interop;

import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.BlockingDnsFetcher;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.smtp.SmtpConnectionResult;
import io.github.dane4j.smtp.SmtpConnector;
import io.github.dane4j.smtp.SmtpTarget;
import io.github.dane4j.smtp.TlsMode;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

/**
 * The DANE check of one mail domain through dane4j's DNS fetcher and SMTP connector. It looks up
 * the MX records, then the address and the TLSA records of the most preferred MX host, and then
 * connects with TLS authenticated by those records (RFC 7672 sections 2.2 and 3).
 *
 * <p>NOTE: dane-smtp has no domain-level check yet, so this class picks only the most preferred MX
 * host and follows no CNAME. Replace it with the library's domain check when that exists.
 */
final class DomainCheck {
  private final BlockingDnsFetcher dns;
  private final SmtpConnector connector;

  DomainCheck(BlockingDnsFetcher dns, SmtpConnector connector) {
    this.dns = dns;
    this.connector = connector;
  }

  /** Checks {@code domain} on {@code port}, starting TLS in the given mode. */
  Outcome check(String domain, int port, TlsMode mode) throws InterruptedException {
    DnsAnswer<MxRecord> mx = dns.mx(domain);
    if (mx.isLookupFailure()) {
      return Outcome.dnsFailed();
    }
    if (!mx.isSecure()) {
      // RFC 7672 section 2.2.1 lets a client still apply DANE to the hosts of an insecure MX
      // RRset. NOTE: this check does not, and no scenario has such a host yet.
      return Outcome.noDane();
    }
    if (mx.kind() != AnswerKind.RECORDS) {
      throw new IllegalStateException(
          "Scenario domain " + domain + " has no MX records (" + mx.kind() + "); add them");
    }
    String host =
        mx.records().stream()
            .min(Comparator.comparingInt(MxRecord::preference))
            .orElseThrow()
            .exchange();

    DnsAnswer<InetAddress> addresses = dns.addresses(host, AddressFamily.IPV4);
    if (addresses.isLookupFailure()) {
      return Outcome.dnsFailed();
    }
    DnsAnswer<TlsaRecord> tlsa = dns.tlsa(TlsaQuery.tcp(host, port));
    if (tlsa.isLookupFailure()) {
      // RFC 7672 section 2.1.2: a failed TLSA lookup makes the server unusable.
      return Outcome.dnsFailed();
    }
    if (!tlsa.isSecure() || tlsa.kind() != AnswerKind.RECORDS) {
      return Outcome.noDane();
    }

    SmtpTarget target =
        SmtpTarget.builder()
            .address(addresses.records().get(0), port)
            .tlsMode(mode)
            .tlsa(tlsa, List.of(host))
            .build();
    SmtpConnectionResult result = connector.connect(target);
    if (result.daneAuthenticated()) {
      VerificationResult verification = result.verificationResult().orElseThrow();
      TlsaRecord matched = verification.matchedRecord().orElseThrow();
      return Outcome.authenticated(
          matched.usage(),
          matched.selector(),
          matched.matchingType(),
          verification.matchDepth().orElseThrow());
    }
    return Outcome.daneFailed(
        result.resultType().map(Rfc8460ResultType::token).orElse("none: " + result.message()));
  }
}
