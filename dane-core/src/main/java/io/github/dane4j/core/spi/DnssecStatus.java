package io.github.dane4j.core.spi;

/**
 * The DNSSEC status of a DNS answer, in the sense of RFC 4035 section 4.3 as RFC 7672 section 2.1.1
 * uses it.
 */
public enum DnssecStatus {
  /** A signed chain from a configured trust anchor authenticates the answer. */
  SECURE,
  /** It is proven that no signed chain covers the answer (unsigned zone, insecure delegation). */
  INSECURE,
  /** A signed chain should exist but fails: bad or expired signatures, missing records. */
  BOGUS,
  /** The DNSSEC records needed to decide could not be fetched; handled as a lookup failure. */
  INDETERMINATE,
  /**
   * The provider cannot observe DNSSEC at all (for example the JDK's JNDI DNS provider, which
   * neither sends the DO bit nor reads the AD bit). Such answers are never treated as secure unless
   * the caller explicitly opts in.
   */
  UNVERIFIED
}
