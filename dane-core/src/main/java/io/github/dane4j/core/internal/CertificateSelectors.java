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
 */
final class CertificateSelectors {
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
  static Optional<byte[]> subjectPublicKeyInfo(X509Certificate certificate)
      throws CertificateEncodingException {
    Optional<List<Der.Element>> fields =
        Der.readSingle(certificate.getTBSCertificate())
            .filter(tbs -> tbs.tag() == Der.SEQUENCE)
            .flatMap(Der.Element::children);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    List<Der.Element> tbsFields = fields.get();
    // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject,
    // subjectPublicKeyInfo, ... (RFC 5280 section 4.1).
    int index = 0;
    if (!tbsFields.isEmpty() && tbsFields.get(0).tag() == EXPLICIT_VERSION_TAG) {
      index = 1;
    }
    index += TBS_FIELDS_BEFORE_SPKI;
    if (index >= tbsFields.size()) {
      return Optional.empty();
    }
    Der.Element spki = tbsFields.get(index);
    return isWellFormedSpki(spki.encoded()) ? Optional.of(spki.encoded()) : Optional.empty();
  }

  /**
   * Returns whether {@code data} is one DER SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID, ... },
   * BIT STRING } with nothing after it (RFC 5280 section 4.1.2.7).
   */
  static boolean isWellFormedSpki(byte[] data) {
    Optional<List<Der.Element>> parts =
        Der.readSingle(data).filter(e -> e.tag() == Der.SEQUENCE).flatMap(Der.Element::children);
    if (parts.isEmpty() || parts.get().size() != 2) {
      return false;
    }
    Der.Element algorithm = parts.get().get(0);
    Der.Element key = parts.get().get(1);
    if (algorithm.tag() != Der.SEQUENCE || key.tag() != Der.BIT_STRING) {
      return false;
    }
    // The first content byte of a BIT STRING counts the unused bits of the last byte (0 to 7).
    if (key.end() == key.contentStart() || (data[key.contentStart()] & 0xFF) > 7) {
      return false;
    }
    Optional<List<Der.Element>> algorithmParts = algorithm.children();
    return algorithmParts.isPresent()
        && !algorithmParts.get().isEmpty()
        && algorithmParts.get().get(0).tag() == Der.OBJECT_IDENTIFIER;
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
