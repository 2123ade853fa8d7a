package io.github.dane4j.testkit.pki;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * PEM text (RFC 7468) for certificates and PKCS#8 private keys. Output uses base64 lines of 64
 * characters and {@code \n} line ends.
 */
public final class Pem {
  private static final String CERTIFICATE_LABEL = "CERTIFICATE";
  private static final String PRIVATE_KEY_LABEL = "PRIVATE KEY";
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private Pem() {}

  /**
   * Encodes certificates as consecutive {@code CERTIFICATE} blocks, in list order.
   *
   * @throws IllegalArgumentException if a certificate cannot be encoded
   */
  public static String encode(List<X509Certificate> certs) {
    StringBuilder text = new StringBuilder();
    for (X509Certificate cert : certs) {
      try {
        text.append(block(CERTIFICATE_LABEL, cert.getEncoded()));
      } catch (CertificateException e) {
        throw new IllegalArgumentException(
            "Cannot encode certificate " + cert.getSubjectX500Principal() + ": " + e.getMessage(),
            e);
      }
    }
    return text.toString();
  }

  /**
   * Parses every {@code CERTIFICATE} block in the text, in order. Text outside blocks and blocks
   * with other labels (such as {@code PRIVATE KEY}) are skipped.
   *
   * @return the certificates as JDK objects; empty if the text has no certificate block
   * @throws IllegalArgumentException if a block has no matching end line, its base64 is invalid, or
   *     its content is not one DER certificate. The message names the line where the block starts.
   */
  public static List<X509Certificate> parseCertificates(String pemText) {
    Objects.requireNonNull(pemText, "pemText");
    List<X509Certificate> certificates = new ArrayList<>();
    String[] lines = pemText.split("\r\n|\r|\n", -1);
    @Nullable String label = null;
    int beginLine = 0;
    StringBuilder base64 = new StringBuilder();

    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (label == null) {
        if (line.startsWith(BEGIN) && line.endsWith(DASHES)) {
          label = line.substring(BEGIN.length(), line.length() - DASHES.length());
          beginLine = i + 1;
          base64.setLength(0);
        }
        continue;
      }
      if (line.startsWith(BEGIN)) {
        throw new IllegalArgumentException(
            "PEM block '"
                + label
                + "' at line "
                + beginLine
                + " has no end line before line "
                + (i + 1));
      }
      if (line.startsWith(END)) {
        if (!line.equals(END + label + DASHES)) {
          throw new IllegalArgumentException(
              "PEM block '"
                  + label
                  + "' at line "
                  + beginLine
                  + " ends with '"
                  + line
                  + "' at line "
                  + (i + 1)
                  + "; expected '"
                  + END
                  + label
                  + DASHES
                  + "'");
        }
        if (label.equals(CERTIFICATE_LABEL)) {
          certificates.add(decodeCertificate(base64.toString(), beginLine));
        }
        label = null;
        continue;
      }
      base64.append(line);
    }

    if (label != null) {
      throw new IllegalArgumentException(
          "PEM block '"
              + label
              + "' at line "
              + beginLine
              + " has no end line '"
              + END
              + label
              + DASHES
              + "'");
    }
    return List.copyOf(certificates);
  }

  /**
   * Encodes a private key as a {@code PRIVATE KEY} block (PKCS#8, RFC 7468 section 10).
   *
   * @throws IllegalArgumentException if the key has no PKCS#8 encoding
   */
  public static String encodePrivateKey(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (!"PKCS#8".equals(key.getFormat()) || encoded == null) {
      throw new IllegalArgumentException(
          "Private key of algorithm "
              + key.getAlgorithm()
              + " has encoding format "
              + key.getFormat()
              + ", not PKCS#8; use a software key such as one from KeyType.generateKeyPair()");
    }
    return block(PRIVATE_KEY_LABEL, encoded);
  }

  private static String block(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return BEGIN + label + DASHES + "\n" + body + "\n" + END + label + DASHES + "\n";
  }

  private static X509Certificate decodeCertificate(String base64, int beginLine) {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Certificate PEM block at line " + beginLine + " has invalid base64: " + e.getMessage(),
          e);
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate certificate =
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
      if (certificate.getEncoded().length != der.length) {
        throw new IllegalArgumentException(
            "Certificate PEM block at line " + beginLine + " has bytes after the certificate");
      }
      return certificate;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "Certificate PEM block at line "
              + beginLine
              + " is not a DER X.509 certificate: "
              + e.getMessage(),
          e);
    }
  }
}
