package io.github.dane4j.core;

/** The result types of SMTP TLS Reporting (RFC 8460 section 4.3) that DANE checks produce. */
public enum Rfc8460ResultType {
  /** The server did not offer STARTTLS or refused it. */
  STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
  /** The certificate chain is trusted but no presented name matches a reference identifier. */
  CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
  /** A certificate of a path that must be valid has expired. */
  CERTIFICATE_EXPIRED("certificate-expired"),
  /** No usable TLSA record authenticates the chain, or the path to the anchor is invalid. */
  CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
  /** Any other failure: handshake, protocol or injection errors. */
  VALIDATION_FAILURE("validation-failure"),
  /** The secure TLSA RRset holds no usable record. */
  TLSA_INVALID("tlsa-invalid"),
  /** A DNS lookup that DANE depends on failed: bogus, indeterminate or SERVFAIL. */
  DNSSEC_INVALID("dnssec-invalid"),
  /** DANE was required for the destination but no secure usable TLSA records were found. */
  DANE_REQUIRED("dane-required");

  private final String token;

  Rfc8460ResultType(String token) {
    this.token = token;
  }

  /** Returns the token used in TLS reports, such as {@code certificate-not-trusted}. */
  public String token() {
    return token;
  }

  @Override
  public String toString() {
    return token;
  }
}
