package io.github.dane4j.core.spi;

/** What a DNS lookup returned, independently of its DNSSEC status. */
public enum AnswerKind {
  /** One or more records of the requested type. */
  RECORDS,
  /** The name exists but has no records of the requested type. */
  NODATA,
  /** The name does not exist. */
  NXDOMAIN,
  /**
   * The lookup failed: SERVFAIL, REFUSED, timeout, malformed response, or a DNSSEC validation
   * failure. RFC 7672 section 2.1.1 treats all of these alike.
   */
  FAILURE
}
