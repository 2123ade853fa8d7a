package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.ExtendedDnsError;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * The classification of one query sent through the fetcher's resolver: either a usable response
 * with its DNSSEC status, or a failure.
 *
 * <p>The status comes from the AD bit and the RCODE alone (RFC 4035 section 3.2.3, RFC 7672 section
 * 2.1.1); a validation reason or an extended DNS error only adds detail, because a validator may
 * attach them to insecure answers too.
 *
 * @param response the response, or null for a failure
 * @param status {@link DnssecStatus#SECURE} or {@link DnssecStatus#INSECURE} for a response; {@link
 *     DnssecStatus#BOGUS} or {@link DnssecStatus#INDETERMINATE} for a failure
 * @param rcode the RCODE of the response that decided the outcome, or -1 when none arrived
 * @param extendedError the extended DNS error that came with it, or null
 * @param reason why the query failed, or the validator's note on an insecure answer; may be empty
 */
record QueryOutcome(
    @Nullable Message response,
    DnssecStatus status,
    int rcode,
    @Nullable ExtendedDnsError extendedError,
    String reason) {

  /**
   * Extended DNS error codes (RFC 8914 section 4) that report a DNSSEC validation failure: DNSSEC
   * Bogus (6), Signature Expired (7), Signature Not Yet Valid (8), DNSKEY Missing (9), RRSIGs
   * Missing (10), No Zone Key Bit Set (11), NSEC Missing (12) and Signature Expired before Valid
   * (25).
   */
  private static final Set<Integer> VALIDATION_FAILURE_CODES = Set.of(6, 7, 8, 9, 10, 11, 12, 25);

  /** Returns whether the query failed; RFC 7672 section 2.1.1 treats every failure alike. */
  boolean failed() {
    return response == null;
  }

  /**
   * Classifies the response to one query, or the error in its place.
   *
   * @param validation how the fetcher establishes DNSSEC status
   * @param context the context the query was sent with, which records upstream failures
   */
  static QueryOutcome classify(
      @Nullable Message response,
      @Nullable Throwable error,
      Validation validation,
      LookupContext context) {
    if (response == null) {
      return fromError(error, validation);
    }

    int rcode = response.getRcode();
    UpstreamFailure upstreamFailure = context.firstFailure();
    boolean answered = rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN;
    if (answered && response.getHeader().getFlag(Flags.AD)) {
      return new QueryOutcome(response, DnssecStatus.SECURE, rcode, null, "");
    }
    if (upstreamFailure != null) {
      // A validator may swallow an upstream failure and return the data without the AD bit, as
      // dnsjava's does; what is not proven secure after a failed key query is indeterminate, not
      // insecure.
      return new QueryOutcome(
          null,
          DnssecStatus.INDETERMINATE,
          upstreamFailure.rcode() >= 0 ? upstreamFailure.rcode() : rcode,
          upstreamFailure.extendedError(),
          "DNSSEC status indeterminate: " + upstreamFailure.getMessage());
    }
    if (answered) {
      return new QueryOutcome(
          response,
          DnssecStatus.INSECURE,
          rcode,
          ResponseReader.extendedError(response),
          ResponseReader.validationReason(response));
    }

    ExtendedDnsError extendedError = ResponseReader.extendedError(response);
    String validatorReason = ResponseReader.validationReason(response);
    if (validation == Validation.IN_PROCESS && rcode == Rcode.SERVFAIL) {
      // Upstream RCODE failures never reach the validator (UpstreamResolver turns them into
      // exceptions), so a SERVFAIL from it means that validation failed: the data is bogus.
      return new QueryOutcome(
          null,
          DnssecStatus.BOGUS,
          rcode,
          extendedError,
          "DNSSEC validation failed" + (validatorReason.isEmpty() ? "" : ": " + validatorReason));
    }
    return new QueryOutcome(
        null,
        statusOfFailure(extendedError, validation),
        rcode,
        extendedError,
        "The resolver returned " + Rcode.string(rcode));
  }

  private static QueryOutcome fromError(@Nullable Throwable error, Validation validation) {
    UpstreamFailure upstreamFailure = findUpstreamFailure(error);
    if (upstreamFailure != null) {
      return new QueryOutcome(
          null,
          statusOfFailure(upstreamFailure.extendedError(), validation),
          upstreamFailure.rcode(),
          upstreamFailure.extendedError(),
          upstreamFailure.getMessage() == null
              ? "Upstream query failed"
              : upstreamFailure.getMessage());
    }
    Throwable cause = unwrap(error);
    String detail =
        cause == null
            ? "no response and no error"
            : cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return new QueryOutcome(null, DnssecStatus.INDETERMINATE, -1, null, "Lookup failed: " + detail);
  }

  /**
   * Returns the status of a failed query: bogus when a trusted validating resolver reported a
   * validation failure with an extended DNS error, indeterminate otherwise. In-process validation
   * reaches this method only with upstream failures, which leave the status indeterminate.
   */
  private static DnssecStatus statusOfFailure(
      @Nullable ExtendedDnsError extendedError, Validation validation) {
    if (validation == Validation.TRUSTED_RESOLVER
        && extendedError != null
        && VALIDATION_FAILURE_CODES.contains(extendedError.infoCode())) {
      return DnssecStatus.BOGUS;
    }
    return DnssecStatus.INDETERMINATE;
  }

  private static @Nullable UpstreamFailure findUpstreamFailure(@Nullable Throwable error) {
    Throwable current = error;
    int depth = 0;
    while (current != null && depth++ < 10) {
      if (current instanceof UpstreamFailure failure) {
        return failure;
      }
      current = current.getCause();
    }
    return null;
  }

  private static @Nullable Throwable unwrap(@Nullable Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
