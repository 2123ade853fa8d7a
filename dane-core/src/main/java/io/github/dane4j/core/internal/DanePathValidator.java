package io.github.dane4j.core.internal;

import io.github.dane4j.core.FailureReason;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * PKIX path validation from the leaf to a DANE-TA anchor (RFC 6698 section 2.1.1, RFC 7671 section
 * 5.2) or to the caller's PKIX trust anchors.
 *
 * <p>For a DANE-TA anchor it finds a path by issuer names and signatures and validates that path
 * with the JDK's {@link CertPathValidator}. Only when that path fails does the JDK's {@link
 * CertPathBuilder} search the others and report the failure. The caller's PKIX trust anchors always
 * go to the path builder.
 *
 * <p>Revocation is not checked, as RFC 7672 section 4 does not expect it of SMTP clients. The pool
 * of certificates for path building contains the presented certificates in any order plus the
 * certificates of Full(0) trust-anchor records; unrelated certificates are ignored.
 */
final class DanePathValidator {
  private static final String BASIC_CONSTRAINTS_OID = "2.5.29.19";
  private static final String NAME_CONSTRAINTS_OID = "2.5.29.30";
  private static final int KEY_CERT_SIGN = 5;
  private static final int MAX_DETAIL_LENGTH = 300;

  // The JCA getInstance calls look up the provider each time. The instances are not documented as
  // thread-safe, so each thread keeps its own.
  private static final ThreadLocal<CertificateFactory> CERTIFICATE_FACTORY =
      ThreadLocal.withInitial(() -> newInstance(() -> CertificateFactory.getInstance("X.509")));
  private static final ThreadLocal<CertPathValidator> PATH_VALIDATOR =
      ThreadLocal.withInitial(() -> newInstance(() -> CertPathValidator.getInstance("PKIX")));

  /**
   * The outcome of one path validation.
   *
   * @param failure why validation failed, or null on success
   * @param detail what failed and on which certificate; empty on success
   * @param path the validated path from the leaf up to the certificate below the anchor; empty on
   *     failure
   * @param anchor the anchor that the path was validated to, or null on failure
   */
  record Outcome(
      @Nullable FailureReason failure,
      String detail,
      List<X509Certificate> path,
      @Nullable TrustAnchor anchor) {
    boolean valid() {
      return failure == null;
    }

    static Outcome failed(FailureReason failure, String detail) {
      return new Outcome(failure, shorten(detail), List.of(), null);
    }
  }

  private final X509Certificate leaf;
  private final List<X509Certificate> pool;
  private final Instant at;
  private final int maxChainLength;
  // A list, not a map: a verification checks a handful of signatures, and the hash code of a JDK
  // public key walks its whole encoding on every call (X509Key.hashCode in JDK 17).
  private final List<SignatureCheck> signatureChecks = new ArrayList<>();

  /** Whether {@code key} verified the signature on {@code certificate}. */
  private record SignatureCheck(X509Certificate certificate, PublicKey key, boolean verified) {}

  /**
   * Creates a validator for one verification.
   *
   * @param presented the presented chain, leaf first
   * @param recordCertificates certificates carried by Full(0) trust-anchor records
   */
  DanePathValidator(
      List<X509Certificate> presented,
      List<X509Certificate> recordCertificates,
      Instant at,
      int maxChainLength) {
    this.leaf = presented.get(0);
    Set<X509Certificate> unique = new LinkedHashSet<>(presented);
    unique.addAll(recordCertificates);
    this.pool = List.copyOf(unique);
    this.at = at;
    this.maxChainLength = maxChainLength;
  }

  /**
   * Validates the leaf up to an anchor certificate, enforcing the anchor's basic constraints, path
   * length and name constraints (RFC 7671 section 5.2.1) and its validity dates.
   */
  Outcome validateToCertificate(X509Certificate anchor) {
    Predicate<X509Certificate> issuedByAnchor = certificate -> issuedBy(certificate, anchor);
    Candidate candidate = findCandidatePath(issuedByAnchor, anchor);
    Outcome pathProblem = candidate.failure();
    if (pathProblem != null) {
      return pathProblem;
    }
    int basicConstraints = anchor.getBasicConstraints();
    Optional<String> caProblem = checkAnchorMayIssue(anchor, basicConstraints);
    if (caProblem.isPresent()) {
      return Outcome.failed(FailureReason.NO_PATH_TO_ANCHOR, caProblem.get());
    }
    // The JDK's PKIX provider rejects a TrustAnchor that carries name constraints, so the anchor
    // goes in without them and checkAnchorConstraints applies them to the path.
    TrustAnchor trustAnchor = new TrustAnchor(anchor, null);
    Outcome validated = validatePath(candidate.path(), trustAnchor);
    if (validated != null
        && checkAnchorConstraints(anchor, basicConstraints, validated.path()).isEmpty()) {
      return validated;
    }
    // The path found by names and signatures failed a check, but another path may pass them all:
    // let the JDK's path builder search, and report its failure.
    Outcome built = build(Set.of(trustAnchor), FailureReason.NO_PATH_TO_ANCHOR);
    if (!built.valid()) {
      return built;
    }
    Optional<String> constraintProblem =
        checkAnchorConstraints(anchor, basicConstraints, built.path());
    return constraintProblem.isPresent()
        ? Outcome.failed(FailureReason.NO_PATH_TO_ANCHOR, constraintProblem.get())
        : built;
  }

  /**
   * Validates the leaf up to a bare public key (RFC 7671 section 5.2.3). Such an anchor carries no
   * constraints and no validity dates.
   *
   * @param issuerName the issuer name of the certificate that the key signed, which becomes the
   *     anchor's name
   */
  Outcome validateToKey(PublicKey key, X500Principal issuerName) {
    Predicate<X509Certificate> issuedByAnchor =
        certificate ->
            certificate.getIssuerX500Principal().equals(issuerName) && verifies(certificate, key);
    Candidate candidate = findCandidatePath(issuedByAnchor, null);
    Outcome pathProblem = candidate.failure();
    if (pathProblem != null) {
      return pathProblem;
    }
    TrustAnchor trustAnchor = new TrustAnchor(issuerName, key, null);
    Outcome validated = validatePath(candidate.path(), trustAnchor);
    if (validated != null) {
      return validated;
    }
    return build(Set.of(trustAnchor), FailureReason.NO_PATH_TO_ANCHOR);
  }

  /**
   * Validates the leaf up to any of the caller's PKIX trust anchors (RFC 7671 sections 5.3-5.4).
   */
  Outcome validateToTrustAnchors(Set<TrustAnchor> anchors) {
    if (anchors.isEmpty()) {
      return Outcome.failed(
          FailureReason.PKIX_VALIDATION_FAILED,
          "no PKIX trust anchors are configured (DaneVerifier.Builder.pkixTrustAnchors)");
    }
    return build(anchors, FailureReason.PKIX_VALIDATION_FAILED);
  }

  /** Returns whether {@code issuer}'s name and key issued {@code certificate}. */
  boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
    return certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
        && verifies(certificate, issuer.getPublicKey());
  }

  /**
   * Returns whether {@code key} verifies the signature on {@code certificate}, caching the answer.
   */
  boolean verifies(X509Certificate certificate, PublicKey key) {
    for (SignatureCheck check : signatureChecks) {
      if (check.certificate().equals(certificate) && check.key().equals(key)) {
        return check.verified();
      }
    }
    boolean verified;
    try {
      certificate.verify(key);
      verified = true;
    } catch (GeneralSecurityException | RuntimeException e) {
      // A key of another algorithm or a broken signature: the key did not sign this certificate.
      verified = false;
    }
    signatureChecks.add(new SignatureCheck(certificate, key, verified));
    return verified;
  }

  /**
   * A path from the leaf up to the certificate below the anchor, or why none can pass.
   *
   * @param failure why no path can pass, or null
   * @param path the certificates of a path that are all within their validity dates, leaf first;
   *     empty when {@code failure} is set
   */
  private record Candidate(@Nullable Outcome failure, List<X509Certificate> path) {}

  /**
   * Finds the path from the leaf to the anchor by issuer names and signatures, and checks the
   * validity dates of each certificate on it, including an anchor certificate.
   *
   * <p>The JDK path builder often reports an expired certificate only as "no path found", so the
   * dates are checked here first to report EXPIRED or NOT_YET_VALID. RFC 5280 path validation does
   * not check the anchor certificate's own dates. They are checked for a self-signed anchor only,
   * as OpenSSL (which Postfix and Exim use for DANE) does: OpenSSL 3.0 accepts a DANE-TA chain
   * whose matched intermediate has expired but rejects one whose matched self-signed root has.
   */
  private Candidate findCandidatePath(
      Predicate<X509Certificate> issuedByAnchor, @Nullable X509Certificate anchor) {
    if (anchor != null && issuedBy(anchor, anchor)) {
      Optional<Outcome> anchorDates = checkDates(anchor, "trust anchor");
      if (anchorDates.isPresent()) {
        return new Candidate(anchorDates.get(), List.of());
      }
    }
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    if (searchPath(path, issuedByAnchor, anchor, true)) {
      return new Candidate(null, path);
    }
    path.clear();
    path.add(leaf);
    if (!searchPath(path, issuedByAnchor, anchor, false)) {
      return new Candidate(
          Outcome.failed(
              FailureReason.NO_PATH_TO_ANCHOR,
              "no chain of issuer names and signatures of at most "
                  + maxChainLength
                  + " certificates leads from the leaf "
                  + subject(leaf)
                  + " to the anchor"),
          List.of());
    }
    for (int depth = 0; depth < path.size(); depth++) {
      Optional<Outcome> dates =
          checkDates(path.get(depth), depth == 0 ? "leaf" : "certificate at path depth " + depth);
      if (dates.isPresent()) {
        return new Candidate(dates.get(), List.of());
      }
    }
    return new Candidate(null, path);
  }

  /**
   * Extends {@code path} depth first until its top certificate is issued by the anchor.
   *
   * @param validDatesOnly whether to pass only through certificates that are valid at {@link #at}
   */
  private boolean searchPath(
      List<X509Certificate> path,
      Predicate<X509Certificate> issuedByAnchor,
      @Nullable X509Certificate anchor,
      boolean validDatesOnly) {
    X509Certificate top = path.get(path.size() - 1);
    // The path plus the anchor must fit into maxChainLength certificates.
    if (path.size() + 1 > maxChainLength || (validDatesOnly && !withinDates(top))) {
      return false;
    }
    if (issuedByAnchor.test(top)) {
      return true;
    }
    for (X509Certificate candidate : pool) {
      if (candidate.equals(anchor) || path.contains(candidate) || !issuedBy(top, candidate)) {
        continue;
      }
      path.add(candidate);
      if (searchPath(path, issuedByAnchor, anchor, validDatesOnly)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  private boolean withinDates(X509Certificate certificate) {
    return !at.isAfter(certificate.getNotAfter().toInstant())
        && !at.isBefore(certificate.getNotBefore().toInstant());
  }

  private Optional<Outcome> checkDates(X509Certificate certificate, String role) {
    if (at.isAfter(certificate.getNotAfter().toInstant())) {
      return Optional.of(
          Outcome.failed(
              FailureReason.EXPIRED,
              "the "
                  + role
                  + " "
                  + subject(certificate)
                  + " expired at "
                  + certificate.getNotAfter().toInstant()));
    }
    if (at.isBefore(certificate.getNotBefore().toInstant())) {
      return Optional.of(
          Outcome.failed(
              FailureReason.NOT_YET_VALID,
              "the "
                  + role
                  + " "
                  + subject(certificate)
                  + " is not valid before "
                  + certificate.getNotBefore().toInstant()));
    }
    return Optional.empty();
  }

  /**
   * Checks that the anchor certificate may issue certificates, as OpenSSL does for every issuer:
   * when it has a basicConstraints extension, cA must be true, and when it has a keyUsage
   * extension, keyCertSign must be set. The JDK checks this for intermediates but not for the
   * anchor.
   *
   * @param basicConstraints the value of {@code anchor.getBasicConstraints()}
   */
  private static Optional<String> checkAnchorMayIssue(
      X509Certificate anchor, int basicConstraints) {
    if (basicConstraints < 0 && hasExtension(anchor, BASIC_CONSTRAINTS_OID)) {
      return Optional.of(
          "the anchor " + subject(anchor) + " is not a CA certificate (basicConstraints cA=false)");
    }
    boolean[] keyUsage =
        ExtensionLookup.mayContain(anchor, ExtensionLookup.KEY_USAGE) ? anchor.getKeyUsage() : null;
    if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
      return Optional.of(
          "the anchor " + subject(anchor) + " has a keyUsage extension without keyCertSign");
    }
    return Optional.empty();
  }

  /**
   * Checks the anchor's pathLenConstraint against the CA certificates below it, which the JDK
   * ignores for a trust anchor (RFC 5280 section 4.2.1.9: self-issued certificates do not count).
   *
   * @param basicConstraints the value of {@code anchor.getBasicConstraints()}
   */
  private static Optional<String> checkAnchorPathLength(
      X509Certificate anchor, int basicConstraints, List<X509Certificate> path) {
    int maxCaCertificates = basicConstraints;
    if (maxCaCertificates < 0 && !hasExtension(anchor, BASIC_CONSTRAINTS_OID)) {
      return Optional.empty();
    }
    int caCertificates = 0;
    for (int depth = 1; depth < path.size(); depth++) {
      X509Certificate certificate = path.get(depth);
      if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        caCertificates++;
      }
    }
    if (caCertificates > maxCaCertificates) {
      return Optional.of(
          "the anchor "
              + subject(anchor)
              + " allows "
              + maxCaCertificates
              + " CA certificates below it (pathLenConstraint) but the path has "
              + caCertificates);
    }
    return Optional.empty();
  }

  /**
   * Checks the names of each certificate below the anchor against the anchor's name constraints
   * (RFC 5280 section 6.1.3, steps b and c): subject names and subjectAltNames must lie within the
   * permitted subtrees and outside the excluded ones. A self-issued certificate other than the leaf
   * is skipped, as RFC 5280 requires. {@link X509CertSelector#setNameConstraints} does the matching
   * with the JDK's own name-constraint rules.
   *
   * <p>NOTE: like the JDK's path validator, the selector also checks the last subject CN as a DNS
   * name when a certificate has no dNSName, for CA certificates too, so a CA named
   * "CN=Intermediate" fails under an anchor that permits only example.com. OpenSSL applies that
   * check to the leaf only ({@code check_name_constraints} in {@code crypto/x509/x509_vfy.c}), so
   * such chains pass there.
   */
  private static Optional<String> checkAnchorNameConstraints(
      X509Certificate anchor, List<X509Certificate> path) {
    byte[] extension =
        ExtensionLookup.mayContain(anchor, ExtensionLookup.NAME_CONSTRAINTS)
            ? anchor.getExtensionValue(NAME_CONSTRAINTS_OID)
            : null;
    if (extension == null) {
      return Optional.empty();
    }
    Optional<byte[]> constraints =
        Der.readSingle(extension)
            .filter(e -> e.tag() == Der.OCTET_STRING)
            .map(Der.Element::content);
    X509CertSelector selector = new X509CertSelector();
    try {
      if (constraints.isEmpty()) {
        throw new IOException("the extension value is not a DER OCTET STRING");
      }
      selector.setNameConstraints(constraints.get());
    } catch (IOException e) {
      return Optional.of(
          "the name constraints of the anchor " + subject(anchor) + " cannot be parsed");
    }
    for (int depth = 0; depth < path.size(); depth++) {
      X509Certificate certificate = path.get(depth);
      boolean selfIssued =
          certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
      if (depth > 0 && selfIssued) {
        continue;
      }
      if (!selector.match(certificate)) {
        return Optional.of(
            "the names of "
                + subject(certificate)
                + " violate the name constraints of the anchor "
                + subject(anchor));
      }
    }
    return Optional.empty();
  }

  /** Checks the anchor's path length and name constraints against {@code path}. */
  private static Optional<String> checkAnchorConstraints(
      X509Certificate anchor, int basicConstraints, List<X509Certificate> path) {
    Optional<String> pathLengthProblem = checkAnchorPathLength(anchor, basicConstraints, path);
    return pathLengthProblem.isPresent()
        ? pathLengthProblem
        : checkAnchorNameConstraints(anchor, path);
  }

  private static boolean hasExtension(X509Certificate certificate, String oid) {
    return certificate.getExtensionValue(oid) != null;
  }

  /**
   * Validates an explicit path with the JDK's {@link CertPathValidator}, as the JDK's PKIX trust
   * manager does for a chain it received. It runs the same RFC 5280 checks as the path builder
   * (signatures, validity dates, basic constraints, key usage, name and policy constraints, unknown
   * critical extensions, disabled algorithms) without searching for a path.
   *
   * @param path the path from the leaf up to the certificate below the anchor
   * @return the outcome, or null when the JDK rejects the path
   */
  @SuppressWarnings("JavaUtilDate") // PKIXParameters.setDate takes a java.util.Date
  private @Nullable Outcome validatePath(List<X509Certificate> path, TrustAnchor anchor) {
    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPath certPath = CERTIFICATE_FACTORY.get().generateCertPath(path);
      PKIXCertPathValidatorResult result =
          (PKIXCertPathValidatorResult) PATH_VALIDATOR.get().validate(certPath, parameters);
      return new Outcome(null, "", List.copyOf(path), result.getTrustAnchor());
    } catch (GeneralSecurityException e) {
      // The caller falls back to the path builder, which searches the other paths and reports
      // the failure.
      return null;
    }
  }

  /** A JCA factory call. */
  @FunctionalInterface
  private interface JcaFactory<T> {
    T create() throws GeneralSecurityException;
  }

  private static <T> T newInstance(JcaFactory<T> factory) {
    try {
      return factory.create();
    } catch (GeneralSecurityException e) {
      // Every Java SE platform must provide the X.509 CertificateFactory and the PKIX
      // CertPathValidator (Java Security Standard Algorithm Names).
      throw new IllegalStateException("The JDK lacks a required certificate path service", e);
    }
  }

  @SuppressWarnings("JavaUtilDate") // PKIXParameters.setDate takes a java.util.Date
  private Outcome build(Set<TrustAnchor> anchors, FailureReason failure) {
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      // The maximum counts CA certificates between the leaf and the anchor, which together with
      // those two must fit into maxChainLength certificates.
      parameters.setMaxPathLength(Math.max(0, maxChainLength - 2));
      PKIXCertPathBuilderResult result =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      List<X509Certificate> path = new ArrayList<>();
      for (Certificate certificate : result.getCertPath().getCertificates()) {
        path.add((X509Certificate) certificate);
      }
      return new Outcome(null, "", List.copyOf(path), result.getTrustAnchor());
    } catch (CertPathBuilderException e) {
      return Outcome.failed(mapBuilderFailure(e, failure), describe(e));
    } catch (GeneralSecurityException e) {
      return Outcome.failed(failure, describe(e));
    }
  }

  /** Maps an expiry hidden in the builder's exception chain; anything else is {@code other}. */
  private static FailureReason mapBuilderFailure(Throwable exception, FailureReason other) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateExpiredException) {
        return other == FailureReason.PKIX_VALIDATION_FAILED ? other : FailureReason.EXPIRED;
      }
      if (cause instanceof CertificateNotYetValidException) {
        return other == FailureReason.PKIX_VALIDATION_FAILED ? other : FailureReason.NOT_YET_VALID;
      }
      if (cause instanceof CertPathValidatorException validatorException
          && other != FailureReason.PKIX_VALIDATION_FAILED) {
        if (validatorException.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
          return FailureReason.EXPIRED;
        }
        if (validatorException.getReason()
            == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
          return FailureReason.NOT_YET_VALID;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return other;
  }

  private static String describe(Throwable exception) {
    StringBuilder text = new StringBuilder("PKIX path building failed: ");
    text.append(exception.getMessage());
    Throwable cause = exception.getCause();
    if (cause != null && cause != exception && cause.getMessage() != null) {
      text.append(" (").append(cause.getMessage()).append(')');
    }
    return text.toString();
  }

  static String subject(X509Certificate certificate) {
    String name = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    return shorten(name.isEmpty() ? "(empty subject)" : "\"" + name + "\"");
  }

  private static String shorten(String text) {
    return text.length() <= MAX_DETAIL_LENGTH
        ? text
        : text.substring(0, MAX_DETAIL_LENGTH - 3) + "...";
  }
}
