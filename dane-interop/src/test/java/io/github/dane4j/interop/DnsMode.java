package io.github.dane4j.interop;

/** The three ways in which the suite lets dane4j look up DNS records. */
enum DnsMode {
  /** Unbound is the trusted validating resolver: dane4j trusts its AD bit. */
  TRUSTED_RESOLVER,
  /**
   * dane4j validates DNSSEC itself from the test zone's trust anchor file and uses Unbound only to
   * fetch the records.
   */
  IN_PROCESS,
  /**
   * The JDK's JNDI DNS client through Unbound, with the opt-in to unverified DNS: it cannot see
   * DNSSEC, so DANE never applies.
   */
  JNDI
}
