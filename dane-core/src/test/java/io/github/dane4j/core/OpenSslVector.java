package io.github.dane4j.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.dane4j.core.internal.RawX509Certificate;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One block of OpenSSL's DANE test vectors ({@code test/danetest.in} and {@code
 * test/dane-cross.in}), as converted into {@code conformance/openssl/cases.tsv} by {@code
 * tools/convert-openssl-dane-vectors.py}.
 *
 * @param id block id, such as {@code danetest-54}
 * @param source source file and line of the block header
 * @param referenceName the reference identifier, which is also the TLSA base domain
 * @param trustAnchor the only certificate of the PKIX trust store OpenSSL uses for the file
 * @param chain the presented certificates, leaf first
 * @param records the TLSA records that OpenSSL loads for the block
 * @param noNameChecks whether the block turns off name checks for DANE-EE(3)
 * @param openSslResult the X509_STORE_CTX error code that OpenSSL expects, 0 for verified
 * @param openSslDepth OpenSSL's match depth, -1 for no match
 * @param generic the expected outcome in the generic profile
 * @param smtp the expected outcome in the SMTP profile, or null when the block loads PKIX-TA(0) or
 *     PKIX-EE(1) records and applies only to the generic profile
 * @param description what the block tests
 */
record OpenSslVector(
    String id,
    String source,
    String referenceName,
    X509Certificate trustAnchor,
    List<X509Certificate> chain,
    List<TlsaRecord> records,
    boolean noNameChecks,
    int openSslResult,
    int openSslDepth,
    Expectation generic,
    @Nullable Expectation smtp,
    String description) {

  private static final String FOLDER = "/conformance/openssl/";

  /**
   * The outcome expected from {@link DaneVerifier}.
   *
   * @param authenticated whether the chain is authenticated
   * @param depth the match depth when authenticated, otherwise -1
   * @param failure the failure category when not authenticated, otherwise null
   */
  record Expectation(boolean authenticated, int depth, @Nullable FailureCategory failure) {}

  /**
   * The failure categories of OpenSSL's verify error codes, each with the failure reasons that
   * count as a match. The mapping is lenient because OpenSSL reports the first failure it meets and
   * another verifier may reasonably check in a different order.
   */
  enum FailureCategory {
    /** X509_V_ERR_DANE_NO_MATCH (65): no record matched, or no path led to the match. */
    NO_MATCH("no-match"),
    /** X509_V_ERR_HOSTNAME_MISMATCH (62): a record matched but the leaf names another host. */
    HOST_MISMATCH("host-mismatch"),
    /** X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (20): no path to a PKIX trust anchor. */
    PKIX_PATH("pkix-path");

    private final String code;

    FailureCategory(String code) {
      this.code = code;
    }

    /** Returns the failure reasons that count as this category. */
    Set<FailureReason> acceptedReasons() {
      return switch (this) {
        case NO_MATCH ->
            EnumSet.of(
                FailureReason.NO_MATCH,
                FailureReason.NO_PATH_TO_ANCHOR,
                FailureReason.PKIX_VALIDATION_FAILED);
        case HOST_MISMATCH -> EnumSet.of(FailureReason.HOST_MISMATCH);
        case PKIX_PATH ->
            EnumSet.of(FailureReason.PKIX_VALIDATION_FAILED, FailureReason.NO_PATH_TO_ANCHOR);
      };
    }

    static FailureCategory fromCode(String code) {
      for (FailureCategory category : values()) {
        if (category.code.equals(code)) {
          return category;
        }
      }
      throw new IllegalStateException(
          "Unknown failure category \"" + code + "\" in cases.tsv; expected one of " + codes());
    }

    private static List<String> codes() {
      return Arrays.stream(values()).map(category -> category.code).toList();
    }
  }

  /** Returns whether the block applies to the SMTP profile. */
  boolean appliesToSmtp() {
    return smtp != null;
  }

  /** Returns the block id and description, for test display names and assertion messages. */
  String displayName() {
    return id + ": " + description;
  }

  /**
   * Reads every block from the test resources, in file order.
   *
   * @throws IllegalStateException if the resources are missing or malformed
   */
  static List<OpenSslVector> loadAll() {
    Map<String, X509Certificate> certificates = new HashMap<>();
    List<OpenSslVector> vectors = new ArrayList<>();
    List<String> columns = List.of();
    for (String line : readLines("cases.tsv")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = List.of(line.split("\t", -1));
      if (columns.isEmpty()) {
        columns = fields;
        continue;
      }
      if (fields.size() != columns.size()) {
        throw new IllegalStateException(
            "Invalid row in cases.tsv: expected "
                + columns.size()
                + " tab-separated fields, found "
                + fields.size()
                + " in: "
                + line);
      }
      vectors.add(fromRow(new Row(columns, fields), certificates));
    }
    return List.copyOf(vectors);
  }

  private static OpenSslVector fromRow(Row row, Map<String, X509Certificate> certificates) {
    List<X509Certificate> chain = new ArrayList<>();
    for (String file : row.get("chain").split(";", -1)) {
      chain.add(certificates.computeIfAbsent(file, OpenSslVector::readCertificate));
    }
    List<TlsaRecord> records = new ArrayList<>();
    for (String record : row.get("tlsa").split(";", -1)) {
      records.add(TlsaRecord.parse(record));
    }
    Expectation smtp =
        row.get("smtp_authenticated").equals("-")
            ? null
            : expectation(
                row.get("smtp_authenticated"), row.get("smtp_depth"), row.get("smtp_failure"));

    return new OpenSslVector(
        row.get("id"),
        row.get("source"),
        row.get("reference_name"),
        certificates.computeIfAbsent(row.get("trust_anchor"), OpenSslVector::readCertificate),
        List.copyOf(chain),
        List.copyOf(records),
        row.get("nonamechecks").equals("1"),
        Integer.parseInt(row.get("openssl_result")),
        Integer.parseInt(row.get("openssl_depth")),
        expectation(row.get("authenticated"), row.get("depth"), row.get("failure")),
        smtp,
        row.get("description"));
  }

  private static Expectation expectation(String authenticated, String depth, String failure) {
    if (authenticated.equals("yes")) {
      return new Expectation(true, Integer.parseInt(depth), null);
    }
    if (authenticated.equals("no")) {
      return new Expectation(false, -1, FailureCategory.fromCode(failure));
    }
    throw new IllegalStateException(
        "Invalid value \"" + authenticated + "\" in cases.tsv: authenticated must be yes or no");
  }

  /**
   * Reads a PEM certificate with the JDK's certificate factory, or as a {@link RawX509Certificate}
   * when the JDK rejects it (the anonymous leaf with an empty issuer DN).
   */
  private static X509Certificate readCertificate(String file) {
    String pem = String.join("", readLines("certs/" + file));
    String base64 =
        pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "");
    byte[] der = Base64.getDecoder().decode(base64);
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException rejectedByJdk) {
      try {
        return RawX509Certificate.fromDer(der);
      } catch (GeneralSecurityException e) {
        e.addSuppressed(rejectedByJdk);
        throw new IllegalStateException("Invalid certificate file " + file, e);
      }
    }
  }

  private static List<String> readLines(String file) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read " + file, e);
    }
  }

  private static InputStream open(String file) {
    InputStream in = OpenSslVector.class.getResourceAsStream(FOLDER + file);
    if (in == null) {
      throw new IllegalStateException(
          "Test resource "
              + FOLDER
              + file
              + " not found; run tools/convert-openssl-dane-vectors.py to create it");
    }
    return in;
  }

  /** One data row of cases.tsv, with its fields looked up by column name. */
  private record Row(List<String> columns, List<String> fields) {
    String get(String column) {
      int index = columns.indexOf(column);
      if (index < 0) {
        throw new IllegalStateException("Column " + column + " missing from cases.tsv");
      }
      return fields.get(index);
    }
  }
}
