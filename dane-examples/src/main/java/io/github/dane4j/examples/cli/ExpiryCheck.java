package io.github.dane4j.examples.cli;

import io.github.dane4j.core.CertificateUsage;
import io.github.dane4j.core.VerificationResult;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds certificates that expire soon in a DANE-TA(2) authenticated chain. DANE-TA checks the
 * validity dates of every certificate from the leaf up to the trust anchor, so such a chain stops
 * authenticating when one of them expires. DANE-EE(3) ignores dates (RFC 7672 section 3.1.1), so
 * its chains are never reported here.
 */
final class ExpiryCheck {
  /** Default warning window in days. */
  static final int DEFAULT_WARNING_DAYS = 14;

  private ExpiryCheck() {}

  /**
   * Returns one line per certificate of the authenticated DANE-TA path that expires within {@code
   * days} of {@code now}; empty when the result is not a DANE-TA success or nothing expires soon.
   */
  static List<String> expiringTrustAnchorPath(VerificationResult result, Instant now, int days) {
    boolean daneTa =
        result.authenticated()
            && result
                .matchedRecord()
                .flatMap(record -> record.knownUsage())
                .filter(usage -> usage == CertificateUsage.DANE_TA)
                .isPresent();
    if (!daneTa) {
      return List.of();
    }
    Instant limit = now.plus(Duration.ofDays(days));
    List<X509Certificate> chain = result.chain();
    int top = Math.min(result.matchDepth().orElse(chain.size() - 1), chain.size() - 1);
    List<String> lines = new ArrayList<>();
    for (int depth = 0; depth <= top; depth++) {
      X509Certificate certificate = chain.get(depth);
      Instant notAfter = certificate.getNotAfter().toInstant();
      if (notAfter.isBefore(limit)) {
        long left = Duration.between(now, notAfter).toDays();
        lines.add(
            "the certificate at depth "
                + depth
                + " ("
                + certificate.getSubjectX500Principal().getName()
                + ") expires on "
                + notAfter
                + ", in "
                + left
                + (left == 1 ? " day" : " days")
                + "; renew it before then, because DANE-TA(2) checks validity dates");
      }
    }
    return List.copyOf(lines);
  }
}
