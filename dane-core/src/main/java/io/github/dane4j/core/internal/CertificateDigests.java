package io.github.dane4j.core.internal;

import io.github.dane4j.core.MatchingType;
import io.github.dane4j.core.Selector;
import io.github.dane4j.core.TlsaRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The content selected from one certificate under each TLSA selector and its digests. Each digest
 * is computed at most once per instance, and the verifier makes one instance per certificate and
 * verification.
 */
final class CertificateDigests {
  private final X509Certificate certificate;
  private final byte[] fullCertificate;
  private final byte @Nullable [] subjectPublicKeyInfo;
  private final Map<Integer, byte[]> digests = new HashMap<>();

  private CertificateDigests(
      X509Certificate certificate, byte[] fullCertificate, byte @Nullable [] subjectPublicKeyInfo) {
    this.certificate = certificate;
    this.fullCertificate = fullCertificate;
    this.subjectPublicKeyInfo = subjectPublicKeyInfo;
  }

  /**
   * Reads the DER certificate and its SubjectPublicKeyInfo.
   *
   * @throws CertificateEncodingException if the certificate cannot be encoded
   */
  static CertificateDigests of(X509Certificate certificate) throws CertificateEncodingException {
    byte[] full = certificate.getEncoded();
    return new CertificateDigests(
        certificate, full, CertificateSelectors.subjectPublicKeyInfo(certificate).orElse(null));
  }

  X509Certificate certificate() {
    return certificate;
  }

  /**
   * Returns the content a selector picks, or empty for an unknown selector or a certificate whose
   * SubjectPublicKeyInfo could not be located.
   */
  Optional<byte[]> content(int selector) {
    if (selector == Selector.CERT.code()) {
      return Optional.of(fullCertificate);
    }
    if (selector == Selector.SPKI.code() && subjectPublicKeyInfo != null) {
      return Optional.of(subjectPublicKeyInfo);
    }
    return Optional.empty();
  }

  /**
   * Returns the association data that a record with this selector and matching type would need to
   * carry to match this certificate: the content itself for Full(0), else its digest.
   */
  Optional<byte[]> associationData(int selector, int matchingType) {
    Optional<byte[]> content = content(selector);
    if (content.isEmpty() || matchingType == MatchingType.FULL.code()) {
      return content;
    }
    Optional<MatchingType> type = MatchingType.fromCode(matchingType);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    int key = selector * 256 + matchingType;
    byte[] cached = digests.get(key);
    if (cached == null) {
      cached = digest(type.get().jcaAlgorithm(), content.get());
      digests.put(key, cached);
    }
    return Optional.of(cached);
  }

  /** Returns whether {@code record}'s association data equals what this certificate yields. */
  boolean matches(TlsaRecord record) {
    Optional<byte[]> expected = associationData(record.selector(), record.matchingType());
    return expected.isPresent() && MessageDigest.isEqual(expected.get(), record.associationData());
  }

  private static byte[] digest(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-256 and SHA-512 (MessageDigest Javadoc).
      throw new IllegalStateException("The JDK lacks the " + algorithm + " message digest", e);
    }
  }
}
