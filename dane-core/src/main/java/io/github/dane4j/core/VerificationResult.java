package io.github.dane4j.core;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying a certificate chain against a TLSA RRset: whether the server is
 * authenticated, by which record at which depth, and if not, why.
 *
 * <p>Every expected outcome is a result, never an exception. Instances are immutable.
 */
public final class VerificationResult {
  private final boolean authenticated;
  private final @Nullable TlsaRecord matchedRecord;
  private final int matchDepth;
  private final @Nullable X509Certificate matchedCertificate;
  private final @Nullable FailureReason failure;
  private final List<RecordCheck> recordChecks;
  private final List<X509Certificate> chain;
  private final List<String> referenceNames;
  private final Instant verifiedAt;
  // Built each time it is read, because a successful check rarely reads it. The source depends only
  // on immutable values, so the instance stays immutable.
  private final Supplier<String> message;

  private VerificationResult(
      boolean authenticated,
      @Nullable TlsaRecord matchedRecord,
      int matchDepth,
      @Nullable X509Certificate matchedCertificate,
      @Nullable FailureReason failure,
      List<RecordCheck> recordChecks,
      List<X509Certificate> chain,
      List<String> referenceNames,
      Instant verifiedAt,
      Supplier<String> message) {
    this.authenticated = authenticated;
    this.matchedRecord = matchedRecord;
    this.matchDepth = matchDepth;
    this.matchedCertificate = matchedCertificate;
    this.failure = failure;
    this.recordChecks = List.copyOf(recordChecks);
    this.chain = List.copyOf(chain);
    this.referenceNames = List.copyOf(referenceNames);
    this.verifiedAt = verifiedAt;
    this.message = message;
  }

  /**
   * Creates a successful result.
   *
   * @param matchDepth the depth of the matched certificate in the presented chain (leaf = 0); for a
   *     trust anchor certificate that only a {@code 2 0 0} record carries, the depth one above the
   *     top-most presented certificate that it issued; for a bare key that only a {@code 2 1 0}
   *     record carries, the depth of the top-most presented certificate that it signed, as OpenSSL
   *     reports it
   * @param matchedCertificate the leaf for an end-entity usage, the anchor certificate for a
   *     trust-anchor usage, or for a {@code 2 1 0} bare key the certificate that it signed
   */
  public static VerificationResult authenticated(
      TlsaRecord matchedRecord,
      int matchDepth,
      X509Certificate matchedCertificate,
      List<RecordCheck> recordChecks,
      List<X509Certificate> chain,
      List<String> referenceNames,
      Instant verifiedAt,
      String message) {
    return authenticatedLazily(
        matchedRecord,
        matchDepth,
        matchedCertificate,
        recordChecks,
        chain,
        referenceNames,
        verifiedAt,
        () -> message);
  }

  /**
   * Creates a successful result whose message is built by {@code message} each time it is read. The
   * verifier uses it so that a check whose message is never read does not format one.
   *
   * @param message a side-effect-free source of the message
   */
  static VerificationResult authenticatedLazily(
      TlsaRecord matchedRecord,
      int matchDepth,
      X509Certificate matchedCertificate,
      List<RecordCheck> recordChecks,
      List<X509Certificate> chain,
      List<String> referenceNames,
      Instant verifiedAt,
      Supplier<String> message) {
    if (matchDepth < 0) {
      throw new IllegalArgumentException("Invalid match depth " + matchDepth + ": must be >= 0");
    }
    return new VerificationResult(
        true,
        matchedRecord,
        matchDepth,
        matchedCertificate,
        null,
        recordChecks,
        chain,
        referenceNames,
        verifiedAt,
        message);
  }

  /**
   * Creates a failed result.
   *
   * @param matchedRecord the record that matched before a later check failed, or null
   * @param matchDepth the depth at which that record matched, or -1
   */
  public static VerificationResult failed(
      FailureReason failure,
      @Nullable TlsaRecord matchedRecord,
      int matchDepth,
      List<RecordCheck> recordChecks,
      List<X509Certificate> chain,
      List<String> referenceNames,
      Instant verifiedAt,
      String message) {
    return new VerificationResult(
        false,
        matchedRecord,
        matchedRecord == null ? -1 : matchDepth,
        null,
        failure,
        recordChecks,
        chain,
        referenceNames,
        verifiedAt,
        () -> message);
  }

  /** Returns whether a usable TLSA record authenticated the chain. */
  public boolean authenticated() {
    return authenticated;
  }

  /**
   * Returns the record that authenticated the chain; for a failure after a match (for example a
   * DANE-TA name mismatch), the record that matched.
   */
  public Optional<TlsaRecord> matchedRecord() {
    return Optional.ofNullable(matchedRecord);
  }

  /** Returns the depth of the match (leaf = 0), or empty when no record matched. */
  public OptionalInt matchDepth() {
    return matchDepth < 0 ? OptionalInt.empty() : OptionalInt.of(matchDepth);
  }

  /**
   * Returns the certificate that the matched record designates: the leaf for an end-entity usage,
   * the trust anchor for a trust-anchor usage, and for a bare key from a {@code 2 1 0} record
   * (which has no certificate) the presented certificate that the key signed. Empty unless
   * authenticated.
   */
  public Optional<X509Certificate> matchedCertificate() {
    return Optional.ofNullable(matchedCertificate);
  }

  /** Returns why the chain was not authenticated, or empty when it was. */
  public Optional<FailureReason> failure() {
    return Optional.ofNullable(failure);
  }

  /** Returns the RFC 8460 result type of the failure, or empty when authenticated. */
  public Optional<Rfc8460ResultType> resultType() {
    return failure().map(FailureReason::resultType);
  }

  /** Returns whether the RRset held no usable record (TLS required, no authentication possible). */
  public boolean noUsableRecords() {
    return failure == FailureReason.NO_USABLE_RECORDS;
  }

  /** Returns one entry per record of the RRset, in the order given. */
  public List<RecordCheck> recordChecks() {
    return recordChecks;
  }

  /** Returns the presented chain, leaf first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** Returns the reference identifiers that names were checked against, primary first. */
  public List<String> referenceNames() {
    return referenceNames;
  }

  /** Returns the instant at which certificate validity was evaluated. */
  public Instant verifiedAt() {
    return verifiedAt;
  }

  /**
   * Returns an explanation for operators. On failure it lists, for each presented certificate, the
   * digests computed for the selectors and matching types in the RRset next to the records, so that
   * the record to publish can be read off.
   */
  public String message() {
    return message.get();
  }

  @Override
  public String toString() {
    return authenticated
        ? "authenticated by " + matchedRecord + " at depth " + matchDepth
        : "not authenticated (" + failure + "): " + message();
  }
}
