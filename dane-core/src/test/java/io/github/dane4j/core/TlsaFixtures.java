package io.github.dane4j.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Builds TLSA records for test certificates. The selected content is computed with Bouncy Castle,
 * independently of the code under test.
 */
public final class TlsaFixtures {
  /** The reference name used by most tests: the TLSA base domain of the MX host. */
  public static final String MX_HOST = "mx1.example.com";

  private TlsaFixtures() {}

  /** Returns a record whose data matches {@code certificate} under the selector and type. */
  public static TlsaRecord record(
      int usage, int selector, int matchingType, X509Certificate certificate) {
    return TlsaRecord.of(usage, selector, matchingType, data(selector, matchingType, certificate));
  }

  /** Returns the association data of {@code certificate} under the selector and matching type. */
  public static byte[] data(int selector, int matchingType, X509Certificate certificate) {
    byte[] content = selector == 0 ? encoded(certificate) : subjectPublicKeyInfo(certificate);
    return switch (matchingType) {
      case 0 -> content;
      case 1 -> digest("SHA-256", content);
      case 2 -> digest("SHA-512", content);
      default -> throw new IllegalArgumentException("No digest for matching type " + matchingType);
    };
  }

  /** Returns a record with the given fields and {@code length} bytes of data, all {@code 0x5A}. */
  public static TlsaRecord filler(int usage, int selector, int matchingType, int length) {
    byte[] data = new byte[length];
    Arrays.fill(data, (byte) 0x5A);
    return TlsaRecord.of(usage, selector, matchingType, data);
  }

  /** Returns the DER SubjectPublicKeyInfo as Bouncy Castle reads it from the certificate. */
  public static byte[] subjectPublicKeyInfo(X509Certificate certificate) {
    try {
      return new X509CertificateHolder(encoded(certificate)).getSubjectPublicKeyInfo().getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the SMTP-profile verifier with default settings. */
  public static DaneVerifier smtpVerifier() {
    return DaneVerifier.builder().build();
  }

  /** Returns the default reference names: only {@link #MX_HOST}. */
  public static List<String> mxHostOnly() {
    return List.of(MX_HOST);
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] digest(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
