package io.github.dane4j.core.internal;

import io.github.dane4j.core.MatchingType;
import io.github.dane4j.core.Selector;
import io.github.dane4j.core.TlsaRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The content selected from one certificate under each TLSA selector and its digests.
 *
 * <p>Nothing is computed until a record needs it, and each content and digest is computed at most
 * once per instance. The verifier makes one instance per certificate and verification, so a DANE-EE
 * record costs one digest of the leaf and nothing for the other certificates. Instances are not
 * thread-safe.
 */
final class CertificateDigests {
  /** Selectors Cert(0) and SPKI(1) times the digest matching types SHA2-256(1) and SHA2-512(2). */
  private static final int DIGEST_SLOTS = 4;

  // MessageDigest.getInstance looks up the provider each time, which cost about a tenth of a
  // DANE-EE check in a JMH profile, so each thread keeps one instance per algorithm.
  private static final ThreadLocal<MessageDigest> SHA2_256 =
      ThreadLocal.withInitial(() -> newDigest(MatchingType.SHA2_256.jcaAlgorithm()));
  private static final ThreadLocal<MessageDigest> SHA2_512 =
      ThreadLocal.withInitial(() -> newDigest(MatchingType.SHA2_512.jcaAlgorithm()));

  private final X509Certificate certificate;
  private final int depth;
  private byte @Nullable [] fullCertificate;
  private byte @Nullable [] subjectPublicKeyInfo;
  private boolean subjectPublicKeyInfoRead;
  private final byte[] @Nullable [] digests = new byte[DIGEST_SLOTS][];

  private CertificateDigests(X509Certificate certificate, int depth) {
    this.certificate = certificate;
    this.depth = depth;
  }

  /**
   * Creates the digests of a certificate without computing any of them.
   *
   * @param depth the certificate's depth in the presented chain, or -1 for another certificate; it
   *     only labels an encoding failure
   */
  static CertificateDigests of(X509Certificate certificate, int depth) {
    return new CertificateDigests(certificate, depth);
  }

  X509Certificate certificate() {
    return certificate;
  }

  /**
   * Reads the DER encoding now, so that a certificate that cannot be encoded fails here.
   *
   * @throws CertificateEncodingException if the certificate cannot be encoded
   */
  void encode() throws CertificateEncodingException {
    if (fullCertificate == null) {
      fullCertificate = certificate.getEncoded();
    }
  }

  /**
   * Reads the DER encoding and the SubjectPublicKeyInfo now, so that a certificate that cannot be
   * encoded fails here and no later call throws {@link UnencodableCertificateException}.
   *
   * @throws CertificateEncodingException if the certificate cannot be encoded
   */
  void encodeAll() throws CertificateEncodingException {
    encode();
    if (!subjectPublicKeyInfoRead) {
      subjectPublicKeyInfo = CertificateSelectors.subjectPublicKeyInfo(certificate).orElse(null);
      subjectPublicKeyInfoRead = true;
    }
  }

  /**
   * Returns the association data that a record with this selector and matching type would need to
   * carry to match this certificate: the content itself for Full(0), else its digest.
   *
   * @throws UnencodableCertificateException if the certificate cannot be encoded
   */
  Optional<byte[]> associationData(int selector, int matchingType) {
    return Optional.ofNullable(associationDataOrNull(selector, matchingType));
  }

  /**
   * Returns whether {@code record}'s association data equals what this certificate yields.
   *
   * @throws UnencodableCertificateException if the certificate cannot be encoded
   */
  boolean matches(TlsaRecord record) {
    byte[] expected = associationDataOrNull(record.selector(), record.matchingType());
    return expected != null
        && expected.length == record.associationDataLength()
        && MessageDigest.isEqual(expected, record.associationData());
  }

  private byte @Nullable [] associationDataOrNull(int selector, int matchingType) {
    boolean knownSelector = selector == Selector.CERT.code() || selector == Selector.SPKI.code();
    if (!knownSelector) {
      return null;
    }
    if (matchingType == MatchingType.FULL.code()) {
      return selector == Selector.CERT.code() ? fullCertificate() : subjectPublicKeyInfo();
    }
    ThreadLocal<MessageDigest> messageDigest;
    if (matchingType == MatchingType.SHA2_256.code()) {
      messageDigest = SHA2_256;
    } else if (matchingType == MatchingType.SHA2_512.code()) {
      messageDigest = SHA2_512;
    } else {
      return null;
    }
    int slot = selector * 2 + matchingType - 1;
    byte[] cached = digests[slot];
    if (cached == null) {
      byte[] content =
          selector == Selector.CERT.code() ? fullCertificate() : subjectPublicKeyInfo();
      if (content == null) {
        return null;
      }
      cached = digest(messageDigest, content);
      digests[slot] = cached;
    }
    return cached;
  }

  private byte[] fullCertificate() {
    byte[] full = fullCertificate;
    if (full == null) {
      try {
        full = certificate.getEncoded();
      } catch (CertificateEncodingException e) {
        throw new UnencodableCertificateException(depth, e);
      }
      fullCertificate = full;
    }
    return full;
  }

  private byte @Nullable [] subjectPublicKeyInfo() {
    if (!subjectPublicKeyInfoRead) {
      try {
        subjectPublicKeyInfo = CertificateSelectors.subjectPublicKeyInfo(certificate).orElse(null);
      } catch (CertificateEncodingException e) {
        throw new UnencodableCertificateException(depth, e);
      }
      subjectPublicKeyInfoRead = true;
    }
    return subjectPublicKeyInfo;
  }

  private static byte[] digest(ThreadLocal<MessageDigest> digests, byte[] content) {
    // digest() resets the instance, so the next use on this thread starts afresh.
    return digests.get().digest(content);
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-256 and SHA-512 (MessageDigest Javadoc).
      throw new IllegalStateException("The JDK lacks the " + algorithm + " message digest", e);
    }
  }

  /**
   * Thrown when a certificate's DER encoding is needed but cannot be produced. The verifier turns
   * it into an {@code INVALID_CHAIN} result.
   */
  static final class UnencodableCertificateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int depth;

    UnencodableCertificateException(int depth, CertificateEncodingException cause) {
      super("The certificate at depth " + depth + " cannot be encoded as DER", cause);
      this.depth = depth;
    }

    /** Returns the depth in the presented chain, or -1 for a certificate from elsewhere. */
    int depth() {
      return depth;
    }
  }
}
