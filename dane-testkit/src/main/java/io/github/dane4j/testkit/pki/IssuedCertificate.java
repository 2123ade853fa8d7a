package io.github.dane4j.testkit.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A certificate made by {@link CertificateBuilder} together with the key pair of its subject. */
public final class IssuedCertificate {
  private final X509Certificate certificate;
  private final KeyPair keyPair;

  IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
  }

  /** Returns the certificate, a JDK (SUN provider) object. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Returns the subject's key pair: the public key in the certificate and its private key. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /**
   * Encodes the certificate as one PEM block ({@code -----BEGIN CERTIFICATE-----}, base64 in lines
   * of 64 characters, RFC 7468 section 5).
   */
  public String pem() {
    return Pem.encode(List.of(certificate));
  }

  @Override
  public String toString() {
    return "IssuedCertificate["
        + certificate.getSubjectX500Principal().getName()
        + ", serial "
        + certificate.getSerialNumber().toString(16)
        + "]";
  }
}
