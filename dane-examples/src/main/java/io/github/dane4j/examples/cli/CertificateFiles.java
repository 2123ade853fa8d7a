package io.github.dane4j.examples.cli;

import io.github.dane4j.core.internal.CertificateSelectors;
import io.github.dane4j.core.internal.RawX509Certificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads PEM certificate files and describes certificates for the text output. */
final class CertificateFiles {
  private static final int SAN_DNS_NAME = 2;
  private static final int DER_SEQUENCE = 0x30;
  private static final String PEM_BEGIN = "-----BEGIN ";

  /** An RFC 7468 encapsulation boundary whose label is printable ASCII other than '-'. */
  private static final Pattern PEM_BEGIN_LINE =
      Pattern.compile("-----BEGIN ([!-,.-~][ -,.-~]*)-----");

  /** A qualified exception class name and colon, such as "java.io.IOException: ". */
  private static final Pattern JAVA_CLASS_PREFIX =
      Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** The largest certificate file read; a chain of ten large RSA certificates is under 64 KiB. */
  static final int MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;

  private CertificateFiles() {}

  /**
   * Reads every certificate of a PEM (or DER) file, in file order. Blocks with another label, such
   * as a private key in a combined PEM file, are skipped. A certificate that the JDK rejects but
   * that is well-formed DER without extensions, such as one with an empty issuer name, is loaded as
   * a {@link RawX509Certificate}, which only DANE-EE(3) records can match.
   *
   * @param option the option that named the file, for error messages
   * @throws UsageException if the file is missing, unreadable, contains no CERTIFICATE block, or a
   *     block that is not valid Base64 or not an X.509 certificate. The message names the file and
   *     the block number, which counts PEM blocks of every label from 1.
   */
  static List<X509Certificate> read(Path file, String option) {
    byte[] content = readBounded(file, option, MAX_CERTIFICATE_FILE_BYTES);
    String where = file + " (given to " + option + ")";
    String text = new String(content, StandardCharsets.ISO_8859_1);
    String expected = expectedContent(option);
    if (text.contains(PEM_BEGIN) && content.length > 0 && (content[0] & 0xFF) == DER_SEQUENCE) {
      throw new UsageException(
          "Invalid "
              + where
              + ": the file starts with DER data and also contains PEM blocks; give "
              + expected
              + " in one form, for example PEM only");
    }
    if (!text.contains(PEM_BEGIN)) {
      if (content.length > 0 && (content[0] & 0xFF) == DER_SEQUENCE) {
        return List.of(parseCertificate(content, where + ": the DER content"));
      }
      throw new UsageException(
          "No CERTIFICATE block found in "
              + where
              + ": the file has no '-----BEGIN CERTIFICATE-----' line and is not a DER"
              + " certificate; give "
              + expected);
    }
    List<X509Certificate> chain = new ArrayList<>();
    List<String> otherLabels = new ArrayList<>();
    int blockNumber = 0;
    Matcher begin = PEM_BEGIN_LINE.matcher(text);
    int searchFrom = 0;
    while (begin.find(searchFrom)) {
      blockNumber++;
      String label = begin.group(1);
      String endLine = "-----END " + label + "-----";
      int endIndex = text.indexOf(endLine, begin.end());
      if (endIndex < 0) {
        throw new UsageException(
            "Invalid PEM in "
                + where
                + ": block "
                + blockNumber
                + " ("
                + label
                + ") has no '"
                + endLine
                + "' line; the file may be cut off, so copy it again");
      }
      searchFrom = endIndex + endLine.length();
      // OpenSSL's TRUSTED CERTIFICATE block is a certificate followed by trust settings, which
      // the parser ignores because it reads one DER certificate.
      if (!label.equals("CERTIFICATE") && !label.equals("TRUSTED CERTIFICATE")) {
        otherLabels.add(label);
        continue;
      }
      String block = "block " + blockNumber;
      byte[] der;
      try {
        der =
            Base64.getDecoder()
                .decode(WHITESPACE.matcher(text.substring(begin.end(), endIndex)).replaceAll(""));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "Invalid PEM in "
                + where
                + ": "
                + block
                + " is not valid Base64 ("
                + e.getMessage()
                + "); the block may have been changed while copying, so copy it again",
            e);
      }
      chain.add(parseCertificate(der, where + ": " + block));
    }
    if (chain.isEmpty() && otherLabels.isEmpty()) {
      throw new UsageException(
          "No CERTIFICATE block found in "
              + where
              + ": no line has the form '-----BEGIN CERTIFICATE-----'; give "
              + expected);
    }
    if (chain.isEmpty()) {
      throw new UsageException(
          "No CERTIFICATE block found in "
              + where
              + (otherLabels.size() == 1
                  ? ": it contains only a " + otherLabels.get(0) + " block"
                  : ": it contains only these blocks: " + String.join(", ", otherLabels))
              + "; give the certificate file, whose blocks start with"
              + " '-----BEGIN CERTIFICATE-----', not the key file");
    }
    return List.copyOf(chain);
  }

  /** Describes the file that an option expects, for error messages. */
  private static String expectedContent(String option) {
    return option.equals("--ca-file")
        ? "the PEM file of the root CA certificates that PKIX validation trusts"
        : "the PEM file of the server's certificate or chain";
  }

  /**
   * Parses one DER certificate with the JDK, or as a {@link RawX509Certificate} when the JDK
   * rejects it but the DER is well-formed.
   *
   * @param where the file and block, for error messages
   * @throws UsageException if neither parser accepts the certificate
   */
  private static X509Certificate parseCertificate(byte[] der, String where) {
    try {
      Certificate parsed =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
      if (parsed instanceof X509Certificate certificate) {
        return certificate;
      }
      throw new UsageException("Invalid certificate in " + where + " is not an X.509 certificate");
    } catch (CertificateException | RuntimeException jdkRejection) {
      // The JDK parser throws unchecked exceptions, not only CertificateException, on some
      // malformed input.
      if (jdkRejection instanceof UsageException usage) {
        throw usage;
      }
      try {
        return RawX509Certificate.fromDer(der);
      } catch (GeneralSecurityException e) {
        e.addSuppressed(jdkRejection);
        throw new UsageException(
            "Invalid certificate in "
                + where
                + " is not a valid X.509 certificate: "
                + reason(jdkRejection)
                + "; check that the block was copied whole and unchanged, from"
                + " '-----BEGIN CERTIFICATE-----' to '-----END CERTIFICATE-----'",
            e);
      }
    }
  }

  /**
   * Returns the innermost message of a parser exception, without the Java class names that the JDK
   * puts in front of wrapped messages.
   */
  private static String reason(Exception exception) {
    @Nullable String message = null;
    for (@Nullable Throwable cause = exception; cause != null; cause = cause.getCause()) {
      String text = cause.getMessage();
      if (text != null && !text.isBlank()) {
        message = text;
      }
    }
    if (message == null) {
      return "the parser gave no reason";
    }
    return JAVA_CLASS_PREFIX.matcher(message).replaceAll("").strip();
  }

  /**
   * Reads a whole file given on the command line, but at most {@code maxBytes}, so that a device
   * such as {@code /dev/zero} or a huge file is rejected instead of read without end.
   *
   * @param option the option or argument that named the file, for error messages
   * @throws UsageException if the file is missing, a directory, unreadable or larger than the limit
   */
  static byte[] readBounded(Path file, String option, int maxBytes) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "File not found for " + option + ": " + file + "; check the path", e);
    } catch (IOException e) {
      throw new UsageException(
          "Cannot read " + file + " given to " + option + ": " + UserText.describe(e), e);
    }
    if (attributes.isDirectory()) {
      throw new UsageException(
          "Invalid " + option + ": " + file + " is a directory; give the path of a file");
    }
    if (!attributes.isRegularFile()) {
      // A FIFO or device can block forever or never end, so only regular files are read.
      throw new UsageException(
          "Invalid " + option + ": " + file + " is not a regular file; give the path of a file");
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
      throw new UsageException(
          "Cannot read " + file + " given to " + option + ": " + UserText.describe(e), e);
    }
  }

  /**
   * Returns the SHA-256 digest of the certificate's SubjectPublicKeyInfo, in upper-case hex: the
   * data of a {@code 3 1 1} record. The bytes come from the TBSCertificate, as the verifier takes
   * them, not from the JDK's re-encoding of the key.
   */
  static String spkiSha256(X509Certificate certificate) {
    byte[] spki;
    try {
      spki = CertificateSelectors.subjectPublicKeyInfo(certificate).orElse(null);
    } catch (CertificateEncodingException e) {
      spki = null;
    }
    return spki == null
        ? "(not computable: malformed SubjectPublicKeyInfo)"
        : HexFormat.of().withUpperCase().formatHex(sha256(spki));
  }

  /**
   * Returns a description of the first certificate whose signature the JDK cannot check because it
   * lacks the algorithm or the issuer's key type (for example brainpool curves, which JDK 16 and
   * later no longer offer), or null. Only pairs whose names link are tried; a bad signature is not
   * reported here, because the verifier reports it.
   */
  static @Nullable String unverifiableSignature(List<X509Certificate> chain) {
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate subject = chain.get(i);
      X509Certificate issuer = chain.get(i + 1);
      if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        continue;
      }
      String unsupported = null;
      try {
        subject.verify(issuer.getPublicKey());
      } catch (NoSuchAlgorithmException | InvalidKeyException | NoSuchProviderException e) {
        unsupported = UserText.describe(e);
      } catch (SignatureException e) {
        // SunEC reports a curve it lacks, such as brainpoolP256r1, as "Curve not supported".
        String message = String.valueOf(e.getMessage());
        unsupported = message.contains("not supported") ? UserText.clean(message) : null;
      } catch (GeneralSecurityException | RuntimeException e) {
        // An unparsable key: the verifier's own result explains it.
        unsupported = null;
      }
      if (unsupported != null) {
        return "the JDK cannot verify the signature of the certificate at depth "
            + i
            + " ("
            + subject.getSubjectX500Principal().getName()
            + ", algorithm "
            + subject.getSigAlgName()
            + ", issuer key "
            + issuer.getPublicKey().getAlgorithm()
            + ": "
            + unsupported
            + "), so no chain through it can be built; have it issued by a CA whose key type Java"
            + " supports, such as RSA, ECDSA on P-256, P-384 or P-521, or Ed25519";
      }
    }
    return null;
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
    String subject = certificate.getSubjectX500Principal().getName();
    return List.of(
        (subject.isEmpty() ? "(empty subject name)" : subject)
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
