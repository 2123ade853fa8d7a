package io.github.dane4j.dns.dnsjava;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DNSSEC.DNSSECException;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;

/**
 * Verifies the RRSIG records of an RRset against the DNSKEY RRset of its zone (RFC 4035 section
 * 5.3), with dnsjava's {@link DNSSEC#verify(RRset, RRSIGRecord, DNSKEYRecord, Instant)} doing the
 * cryptography and the validity window check.
 */
final class Signatures {
  /**
   * The signing algorithms this validator implements (RFC 8624 section 3.1): RSA/SHA-1 (5, 7),
   * RSA/SHA-256 (8), RSA/SHA-512 (10), ECDSA P-256 and P-384 (13, 14), Ed25519 (15) and Ed448 (16).
   * DSA, RSA/MD5 and GOST are not implemented, so data signed only with them is treated as
   * unsigned.
   */
  static final Set<Integer> SUPPORTED_ALGORITHMS = Set.of(5, 7, 8, 10, 13, 14, 15, 16);

  /** The smallest RSA modulus accepted, in bits. */
  static final int MIN_RSA_BITS = 1024;

  /**
   * The result of checking one RRset.
   *
   * @param verdict secure, or bogus with the reason
   * @param signature the signature that verified, or null
   */
  record Checked(Verdict verdict, @Nullable RRSIGRecord signature) {}

  private Signatures() {}

  /**
   * Checks that some RRSIG of {@code rrset} made by {@code zone} verifies with a key of {@code
   * keys}.
   *
   * <p>Each signature must name {@code zone} as its signer, must not claim more labels than the
   * owner name has (RFC 4035 section 5.3.1), must use a supported algorithm, and must be within its
   * validity period at {@code now}. Keys are DNSKEY records of {@code keys} with the zone key flag
   * and the DNSSEC protocol and without the REVOKE flag (RFC 5011 section 7) whose key tag and
   * algorithm match the signature.
   */
  static Checked verify(RRset rrset, Name zone, RRset keys, Instant now, ValidationLimits limits) {
    List<RRSIGRecord> signatures = rrset.sigs();
    if (signatures.isEmpty()) {
      return new Checked(
          Verdict.bogus("No RRSIG for " + describe(rrset), ExtendedErrorCodeOption.RRSIGS_MISSING),
          null);
    }

    String failure = "no RRSIG by " + zone + " with a supported algorithm";
    int failureCode = ExtendedErrorCodeOption.DNSSEC_BOGUS;
    int tried = 0;
    for (RRSIGRecord signature : signatures) {
      if (!signature.getSigner().equals(zone)
          || signature.getTypeCovered() != rrset.getType()
          || !SUPPORTED_ALGORITHMS.contains(signature.getAlgorithm())) {
        continue;
      }
      if (signature.getLabels() > ownerLabels(rrset.getName())) {
        failure = "an RRSIG claims more labels than its owner name has";
        continue;
      }
      if (++tried > ValidationLimits.MAX_SIGNATURES_PER_RRSET) {
        failure = "more than " + ValidationLimits.MAX_SIGNATURES_PER_RRSET + " RRSIGs to try";
        break;
      }
      List<DNSKEYRecord> candidates = candidateKeys(keys, signature);
      if (candidates.isEmpty()) {
        failure = "no DNSKEY of " + zone + " matches key tag " + signature.getFootprint();
        failureCode = ExtendedErrorCodeOption.DNSKEY_MISSING;
        continue;
      }
      for (DNSKEYRecord key : candidates) {
        if (!limits.takeVerification()) {
          return new Checked(
              Verdict.bogus(
                  "Validation stopped: more than "
                      + ValidationLimits.MAX_VERIFICATIONS
                      + " signature verifications for one query"),
              null);
        }
        try {
          DNSSEC.verify(rrset, signature, key, now);
          return new Checked(Verdict.secure(), signature);
        } catch (DNSSEC.SignatureExpiredException e) {
          failure = "signature expired at " + signature.getExpire();
          failureCode = ExtendedErrorCodeOption.SIGNATURE_EXPIRED;
        } catch (DNSSEC.SignatureNotYetValidException e) {
          failure = "signature not valid before " + signature.getTimeSigned();
          failureCode = ExtendedErrorCodeOption.SIGNATURE_NOT_YET_VALID;
        } catch (DNSSECException | RuntimeException e) {
          failure = "signature does not verify: " + e.getMessage();
          failureCode = ExtendedErrorCodeOption.DNSSEC_BOGUS;
        }
      }
    }
    return new Checked(
        Verdict.bogus("Invalid signatures on " + describe(rrset) + ": " + failure, failureCode),
        null);
  }

  /**
   * Returns the usable keys of {@code keys} for {@code signature}, at most {@link
   * ValidationLimits#MAX_KEYS_PER_SIGNATURE}.
   */
  static List<DNSKEYRecord> candidateKeys(RRset keys, RRSIGRecord signature) {
    List<DNSKEYRecord> candidates = new ArrayList<>();
    for (Record record : keys.rrs(false)) {
      if (record instanceof DNSKEYRecord key
          && isUsableZoneKey(key)
          && key.getAlgorithm() == signature.getAlgorithm()
          && key.getFootprint() == signature.getFootprint()) {
        candidates.add(key);
        if (candidates.size() == ValidationLimits.MAX_KEYS_PER_SIGNATURE) {
          break;
        }
      }
    }
    return candidates;
  }

  /**
   * Returns whether {@code key} may sign zone data: the zone key flag set, REVOKE clear, protocol
   * 3, a supported algorithm and, for RSA, a modulus of at least {@link #MIN_RSA_BITS} bits. The
   * SEP flag is ignored, as RFC 4034 section 2.1.1 requires.
   */
  static boolean isUsableZoneKey(DNSKEYRecord key) {
    if ((key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) == 0
        || (key.getFlags() & DNSKEYRecord.Flags.REVOKE) != 0
        || key.getProtocol() != DNSKEYRecord.Protocol.DNSSEC
        || !SUPPORTED_ALGORITHMS.contains(key.getAlgorithm())) {
      return false;
    }
    try {
      PublicKey publicKey = key.getPublicKey();
      return !(publicKey instanceof RSAPublicKey rsa)
          || rsa.getModulus().bitLength() >= MIN_RSA_BITS;
    } catch (DNSSECException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Returns the number of labels of {@code owner} as RRSIG counts them (RFC 4034 section 3.1.3).
   */
  static int ownerLabels(Name owner) {
    int labels = owner.labels() - 1;
    return owner.isWild() ? labels - 1 : labels;
  }

  static String describe(RRset rrset) {
    return rrset.getName() + "/" + org.xbill.DNS.Type.string(rrset.getType());
  }
}
