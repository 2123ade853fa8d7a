package io.github.dane4j.core;

/** Why a TLSA record takes no part in matching (RFC 6698 section 4.1, RFC 7671 section 9). */
public enum UnusableReason {
  /** The certificate usage is not 0 to 3. */
  UNKNOWN_USAGE,
  /** The selector is not 0 or 1. */
  UNKNOWN_SELECTOR,
  /** The matching type is not 0 to 2. */
  UNKNOWN_MATCHING_TYPE,
  /** A SHA2-256 or SHA2-512 record whose data is not 32 or 64 bytes long. */
  WRONG_DIGEST_LENGTH,
  /** A Full(0) record whose data is not a DER certificate (selector 0) or SPKI (selector 1). */
  MALFORMED_FULL_DATA,
  /** PKIX-TA(0) or PKIX-EE(1) under the SMTP profile (RFC 7672 section 3.1.3). */
  PKIX_USAGE_NOT_SUPPORTED,
  /**
   * A digest record of a (usage, selector) group that also holds a record with a digest the
   * verifier prefers (RFC 7671 section 9, digest algorithm agility).
   */
  WEAKER_DIGEST
}
