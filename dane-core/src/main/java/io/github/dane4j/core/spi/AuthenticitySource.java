package io.github.dane4j.core.spi;

/** How the DNSSEC status of an answer was established. */
public enum AuthenticitySource {
  /** dane4j validated the answer itself, from its configured trust anchors. */
  VALIDATED_IN_PROCESS,
  /** A trusted validating resolver on the loopback interface set or cleared the AD bit. */
  TRUSTED_LOCAL_RESOLVER,
  /**
   * A validating resolver that is not on loopback set or cleared the AD bit, and the caller
   * asserted that the path to it is secure (RFC 4035 section 4.9.3, RFC 6698 section 4.1).
   */
  ASSERTED_REMOTE_RESOLVER,
  /** Nobody established it; the status is {@link DnssecStatus#UNVERIFIED}. */
  NOT_ESTABLISHED
}
