package io.github.dane4j.examples.cli;

import io.github.dane4j.core.CertificateUsage;
import io.github.dane4j.core.FailureReason;
import io.github.dane4j.core.RecordCheck;
import io.github.dane4j.core.VerificationResult;
import java.util.ArrayList;
import java.util.List;

/** One-line hints for the operator when a chain fails verification against TLSA records. */
final class ChainFixHints {
  private ChainFixHints() {}

  /**
   * Returns what to change for a failed verification, one hint a line. A failure to match gets a
   * hint for the DANE-TA(2) records and one for the others, because their fixes differ.
   */
  static List<String> hints(VerificationResult result) {
    FailureReason reason = result.failure().orElse(FailureReason.NO_MATCH);
    if (reason != FailureReason.NO_MATCH) {
      return List.of(hint(reason));
    }
    boolean daneTa = false;
    boolean other = false;
    for (RecordCheck check : result.recordChecks()) {
      if (check.usable() && check.record().usage() == CertificateUsage.DANE_TA.code()) {
        daneTa = true;
      } else if (check.usable()) {
        other = true;
      }
    }
    List<String> hints = new ArrayList<>();
    if (daneTa) {
      hints.add(
          "no DANE-TA(2) record matches a certificate that the server sends: a 2 x 1 or 2 x 2"
              + " record contains only a digest, so the server must send the trust anchor"
              + " certificate in its chain, even a self-signed root (RFC 7671 section 5.2.2,"
              + " RFC 7672 section 3.1.2); or publish 2 0 1 or 2 1 1 for an issuer certificate"
              + " that the server does send, as 'dane-check tlsa --cert FILE' prints");
    }
    if (other || !daneTa) {
      hints.add(hint(reason));
    }
    return List.copyOf(hints);
  }

  /** Returns what to change for this failure. */
  static String hint(FailureReason reason) {
    return switch (reason) {
      case NO_USABLE_RECORDS ->
          "publish a usable record: usage 3 (DANE-EE) or 2 (DANE-TA), selector 0 or 1, matching"
              + " type 1 or 2, for example the output of 'dane-check tlsa --cert FILE'"
              + " (RFC 7672 section 3.1)";
      case NO_MATCH ->
          "no record matches this chain: publish the records that 'dane-check tlsa --cert FILE'"
              + " prints for it, and keep the old records until the new chain is live"
              + " (RFC 7671 section 8.1)";
      case NO_PATH_TO_ANCHOR ->
          "a DANE-TA(2) record matches, but the leaf does not chain to that certificate: send the"
              + " intermediate certificates in order, up to and including the trust anchor"
              + " (RFC 7672 section 3.1.2)";
      case EXPIRED, NOT_YET_VALID ->
          "renew the certificate whose dates are out of range below the trust anchor; DANE-TA(2)"
              + " checks validity dates, while a 3 1 1 record would not";
      case HOST_MISMATCH ->
          "the leaf names none of the reference names: add the MX host name (the TLSA base"
              + " domain) to its subjectAltName (RFC 7672 section 3.2.2)";
      case PKIX_VALIDATION_FAILED ->
          "PKIX-TA(0) and PKIX-EE(1) need a path to a trusted root: give the root with --ca-file,"
              + " or publish DANE-TA(2) or DANE-EE(3) records instead";
      case INVALID_CHAIN ->
          "the chain is empty, too long or not encodable: give the server's chain, leaf first,"
              + " at most 10 certificates";
    };
  }
}
