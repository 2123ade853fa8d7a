package io.github.dane4j.smtp;

/**
 * The reason codes that the delivery decisions add to those of {@link FailureKind} and {@link
 * io.github.dane4j.core.FailureReason}.
 */
final class ReasonCodes {
  static final String MX_LOOKUP_FAILED = "mx-lookup-failed";
  static final String MX_INSECURE = "mx-insecure";
  static final String NULL_MX = "null-mx";
  static final String DOMAIN_NOT_FOUND = "domain-not-found";
  static final String INVALID_HOST_NAME = "invalid-host-name";
  static final String CNAME_LOOKUP_FAILED = "cname-lookup-failed";
  static final String ADDRESS_LOOKUP_FAILED = "address-lookup-failed";
  static final String NO_ADDRESS_RECORDS = "no-address-records";
  static final String TLSA_LOOKUP_FAILED = "tlsa-lookup-failed";
  static final String DNSSEC_UNVERIFIED = "dnssec-status-unverified";
  static final String TLSA_NO_USABLE_RECORDS = "tlsa-no-usable-records";
  static final String DANE_REQUIRED_INSECURE_MX = "dane-required-insecure-mx";
  static final String DANE_REQUIRED_NO_TLSA = "dane-required-no-tlsa";
  static final String DANE_REQUIRED_NO_USABLE_TLSA = "dane-required-no-usable-tlsa";
  static final String NO_HOSTS_CHECKED = "no-hosts-checked";

  private ReasonCodes() {}
}
