package io.github.dane4j.core;

/**
 * Why a chain was not authenticated, each with the RFC 8460 result type that a TLS report uses for
 * it and a short code for the {@code failure-reason-code} field.
 */
public enum FailureReason {
  /** The RRset holds no usable record: TLS is required but cannot be authenticated. */
  NO_USABLE_RECORDS(Rfc8460ResultType.TLSA_INVALID, "tlsa-no-usable-records"),
  /** No usable record matches any presented certificate at an allowed depth. */
  NO_MATCH(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED, "dane-no-match"),
  /**
   * A DANE-TA(2) record matches, but the leaf does not chain to the matched anchor (bad signature,
   * missing intermediate, constraint violated).
   */
  NO_PATH_TO_ANCHOR(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED, "dane-ta-no-path"),
  /** A certificate below the anchor, or a self-signed anchor, is expired. */
  EXPIRED(Rfc8460ResultType.CERTIFICATE_EXPIRED, "certificate-expired"),
  /** A certificate below the anchor, or a self-signed anchor, is not yet valid. */
  NOT_YET_VALID(Rfc8460ResultType.CERTIFICATE_EXPIRED, "certificate-not-yet-valid"),
  /** The chain is trusted but no presented name matches a reference identifier. */
  HOST_MISMATCH(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH, "certificate-host-mismatch"),
  /** PKIX-TA(0) or PKIX-EE(1) matched, but PKIX validation to the caller's anchors failed. */
  PKIX_VALIDATION_FAILED(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED, "pkix-validation-failed"),
  /**
   * The server presented no certificate, more than {@link DaneVerifier#maxChainLength()}
   * certificates, or one that cannot be encoded.
   */
  INVALID_CHAIN(Rfc8460ResultType.VALIDATION_FAILURE, "invalid-certificate-chain");

  private final Rfc8460ResultType resultType;
  private final String reasonCode;

  FailureReason(Rfc8460ResultType resultType, String reasonCode) {
    this.resultType = resultType;
    this.reasonCode = reasonCode;
  }

  /** Returns the RFC 8460 result type for this failure. */
  public Rfc8460ResultType resultType() {
    return resultType;
  }

  /** Returns a short, stable code for the RFC 8460 {@code failure-reason-code} field. */
  public String reasonCode() {
    return reasonCode;
  }
}
