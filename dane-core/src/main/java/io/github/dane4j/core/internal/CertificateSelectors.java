package io.github.dane4j.core.internal;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content that a TLSA selector picks from a certificate (RFC 6698 section 2.1.2), and the
 * parsing of Full(0) association data back into a certificate or public key.
 *
 * <p>Public only so that other dane4j modules, such as the {@code dane-check} command, compute
 * SPKI(1) association data from the same bytes that the verifier compares.
 */
public final class CertificateSelectors {
  /** KeyFactory algorithm names by the hexadecimal content of the SPKI algorithm OID. */
  private static final Map<String, String> KEY_ALGORITHMS_BY_OID =
      Map.of(
          "2A864886F70D010101", "RSA", // rsaEncryption, RFC 8017
          "2A864886F70D01010A", "RSASSA-PSS", // id-RSASSA-PSS, RFC 8017
          "2A8648CE3D0201", "EC", // id-ecPublicKey, RFC 5480
          "2B6570", "Ed25519", // id-Ed25519, RFC 8410
          "2B6571", "Ed448", // id-Ed448, RFC 8410
          "2A8648CE380401", "DSA"); // id-dsa, RFC 3279

  private static final int TBS_FIELDS_BEFORE_SPKI = 5;
  private static final int EXPLICIT_VERSION_TAG = 0xA0;

  private CertificateSelectors() {}

  /**
   * Cuts the DER SubjectPublicKeyInfo out of the certificate's TBSCertificate, byte for byte as the
   * issuer signed it.
   *
   * <p>{@code getPublicKey().getEncoded()} is not used because a provider may re-encode the key,
   * for example by adding the NULL parameters of an RSA AlgorithmIdentifier that the certificate
   * omits, and then the digest would differ from the one published in DNS.
   *
   * @return the SubjectPublicKeyInfo, or empty when the TBSCertificate is not well-formed DER
   * @throws CertificateEncodingException if the certificate cannot be encoded
   */
  public static Optional<byte[]> subjectPublicKeyInfo(X509Certificate certificate)
      throws CertificateEncodingException {
    byte[] tbs = certificate.getTBSCertificate();
    if (tbs.length == 0
        || (tbs[0] & 0xFF) != Der.SEQUENCE
        || Der.end(tbs, 0, tbs.length) != tbs.length) {
      return Optional.empty();
    }
    // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject,
    // subjectPublicKeyInfo, ... (RFC 5280 section 4.1). Every field must be well-formed DER, not
    // only those up to the SubjectPublicKeyInfo.
    int fieldsBeforeSpki = TBS_FIELDS_BEFORE_SPKI;
    int spkiStart = -1;
    int spkiEnd = -1;
    int index = 0;
    int position = Der.contentStart(tbs, 0);
    while (position < tbs.length) {
      int fieldEnd = Der.end(tbs, position, tbs.length);
      if (fieldEnd < 0) {
        return Optional.empty();
      }
      if (index == 0 && (tbs[position] & 0xFF) == EXPLICIT_VERSION_TAG) {
        fieldsBeforeSpki++;
      }
      if (index == fieldsBeforeSpki) {
        spkiStart = position;
        spkiEnd = fieldEnd;
      }
      index++;
      position = fieldEnd;
    }
    if (spkiStart < 0 || !isWellFormedSpki(tbs, spkiStart, spkiEnd)) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(tbs, spkiStart, spkiEnd));
  }

  /**
   * Returns whether {@code data} is one DER SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID, ... },
   * BIT STRING } with nothing after it (RFC 5280 section 4.1.2.7).
   */
  static boolean isWellFormedSpki(byte[] data) {
    return isWellFormedSpki(data, 0, data.length);
  }

  /** Checks the bytes from {@code start} to {@code end} as {@link #isWellFormedSpki(byte[])}. */
  private static boolean isWellFormedSpki(byte[] buffer, int start, int end) {
    if (start >= end
        || (buffer[start] & 0xFF) != Der.SEQUENCE
        || Der.end(buffer, start, end) != end) {
      return false;
    }
    int algorithm = Der.contentStart(buffer, start);
    int algorithmEnd = Der.end(buffer, algorithm, end);
    if (algorithmEnd < 0 || algorithmEnd == end) {
      return false;
    }
    int key = algorithmEnd;
    // The key must be the second and last element of the sequence.
    int keyEnd = Der.end(buffer, key, end);
    if (keyEnd != end
        || (buffer[algorithm] & 0xFF) != Der.SEQUENCE
        || (buffer[key] & 0xFF) != Der.BIT_STRING) {
      return false;
    }
    // The first content byte of a BIT STRING counts the unused bits of the last byte (0 to 7).
    int keyContent = Der.contentStart(buffer, key);
    if (keyContent == keyEnd || (buffer[keyContent] & 0xFF) > 7) {
      return false;
    }
    int algorithmContent = Der.contentStart(buffer, algorithm);
    return algorithmContent < algorithmEnd
        && (buffer[algorithmContent] & 0xFF) == Der.OBJECT_IDENTIFIER
        && Der.hasWellFormedChildren(buffer, algorithm, algorithmEnd);
  }

  /**
   * Decodes a DER SubjectPublicKeyInfo into a public key.
   *
   * @return the key, or empty when the data is malformed or the key algorithm is not one of RSA,
   *     RSASSA-PSS, EC, Ed25519, Ed448 and DSA, or no installed provider decodes it
   */
  static Optional<PublicKey> decodePublicKey(byte[] spki) {
    if (!isWellFormedSpki(spki)) {
      return Optional.empty();
    }
    Optional<String> algorithm =
        Der.readSingle(spki)
            .flatMap(Der.Element::children)
            .flatMap(parts -> parts.get(0).children())
            .map(algorithmParts -> Hex.encode(algorithmParts.get(0).content()))
            .map(KEY_ALGORITHMS_BY_OID::get);
    if (algorithm.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          KeyFactory.getInstance(algorithm.get()).generatePublic(new X509EncodedKeySpec(spki)));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns whether {@code data} has the outer shape of one DER X.509 certificate: SEQUENCE {
   * SEQUENCE tbsCertificate, SEQUENCE signatureAlgorithm, BIT STRING signature } with nothing after
   * it (RFC 5280 section 4.1). The content of tbsCertificate is not checked.
   */
  static boolean isWellFormedCertificate(byte[] data) {
    Optional<List<Der.Element>> parts =
        Der.readSingle(data).filter(e -> e.tag() == Der.SEQUENCE).flatMap(Der.Element::children);
    return parts.isPresent()
        && parts.get().size() == 3
        && parts.get().get(0).tag() == Der.SEQUENCE
        && parts.get().get(1).tag() == Der.SEQUENCE
        && parts.get().get(2).tag() == Der.BIT_STRING;
  }

  /**
   * Parses {@code data} as one DER X.509 certificate with no bytes after it.
   *
   * <p>The DER check comes first because {@link CertificateFactory} also accepts PEM and Base64
   * text and ignores trailing bytes, which a TLSA record must not carry.
   *
   * @return the certificate, or empty when {@code data} is not exactly one DER certificate
   */
  static Optional<X509Certificate> parseCertificate(byte[] data) {
    if (Der.readSingle(data).filter(e -> e.tag() == Der.SEQUENCE).isEmpty()) {
      return Optional.empty();
    }
    try {
      Certificate parsed =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(data));
      if (parsed instanceof X509Certificate certificate
          && Arrays.equals(certificate.getEncoded(), data)) {
        return Optional.of(certificate);
      }
      return Optional.empty();
    } catch (CertificateException | RuntimeException e) {
      // The JDK parser throws unchecked exceptions on some malformed input.
      return Optional.empty();
    }
  }
}
