package io.github.dane4j.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** Reads PEM certificate files and describes certificates for the text output. */
final class CertificateFiles {
  private static final int SAN_DNS_NAME = 2;

  /** The largest certificate file read; a chain of ten large RSA certificates is under 64 KiB. */
  static final int MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;

  private CertificateFiles() {}

  /**
   * Reads every certificate of a PEM (or DER) file, in file order.
   *
   * @param option the option that named the file, for error messages
   * @throws UsageException if the file is missing, unreadable, holds no certificate or a block that
   *     is not a certificate the JDK can parse
   */
  static List<X509Certificate> read(Path file, String option) {
    byte[] content = readBounded(file, option, MAX_CERTIFICATE_FILE_BYTES);
    Collection<? extends Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(content));
    } catch (CertificateException e) {
      throw new UsageException(
          "Invalid certificate in "
              + file
              + " given to "
              + option
              + ": "
              + e.getMessage()
              + "; the file must hold PEM blocks '-----BEGIN CERTIFICATE-----' that the JDK can"
              + " parse",
          e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : certificates) {
      chain.add((X509Certificate) certificate);
    }
    if (chain.isEmpty()) {
      throw new UsageException(
          "No certificate in "
              + file
              + " given to "
              + option
              + "; the file must hold at least one '-----BEGIN CERTIFICATE-----' block");
    }
    return List.copyOf(chain);
  }

  /**
   * Reads a whole file given on the command line, but at most {@code maxBytes}, so that a device
   * such as {@code /dev/zero} or a huge file is rejected instead of read without end.
   *
   * @param option the option or argument that named the file, for error messages
   * @throws UsageException if the file is missing, a directory, unreadable or larger than the limit
   */
  static byte[] readBounded(Path file, String option, int maxBytes) {
    if (Files.isDirectory(file)) {
      throw new UsageException(
          "Invalid " + option + ": " + file + " is a directory; give the path of a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(maxBytes + 1);
      if (content.length > maxBytes) {
        throw new UsageException(
            "Invalid "
                + option
                + ": "
                + file
                + " is larger than "
                + maxBytes / 1024
                + " KiB; give a file of the expected kind");
      }
      return content;
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "File not found for " + option + ": " + file + "; check the path", e);
    } catch (IOException e) {
      throw new UsageException("Cannot read " + file + " given to " + option + ": " + e, e);
    }
  }

  /** Returns the SHA-256 digest of the certificate's public key (SPKI), in upper-case hex. */
  static String spkiSha256(X509Certificate certificate) {
    return HexFormat.of()
        .withUpperCase()
        .formatHex(sha256(certificate.getPublicKey().getEncoded()));
  }

  /** Returns the SHA-256 digest of a byte string. */
  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK offers no SHA-256", e);
    }
  }

  /** Returns the SHA-512 digest of a byte string. */
  static byte[] sha512(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK offers no SHA-512", e);
    }
  }

  /** Returns the certificate's SAN dNSName entries, in certificate order. */
  static List<String> dnsNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    Collection<List<?>> entries;
    try {
      entries = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (entries == null) {
      return List.of();
    }
    for (List<?> entry : entries) {
      if (entry.size() >= 2
          && entry.get(0) instanceof Integer type
          && type == SAN_DNS_NAME
          && entry.get(1) instanceof String name) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * Describes one certificate in two lines: subject and DNS names, then validity and the SPKI
   * SHA-256 digest.
   */
  static List<String> describe(X509Certificate certificate, Instant now) {
    List<String> names = dnsNames(certificate);
    Instant notAfter = certificate.getNotAfter().toInstant();
    String expiry = notAfter.isBefore(now) ? " (expired)" : "";
    if (certificate.getNotBefore().toInstant().isAfter(now)) {
      expiry = " (not yet valid)";
    }
    return List.of(
        certificate.getSubjectX500Principal().getName()
            + (names.isEmpty() ? "" : "  DNS: " + String.join(", ", names)),
        "valid "
            + certificate.getNotBefore().toInstant()
            + " to "
            + notAfter
            + expiry
            + "  SPKI SHA-256 "
            + spkiSha256(certificate));
  }
}
