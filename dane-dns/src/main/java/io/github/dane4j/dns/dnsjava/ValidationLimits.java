package io.github.dane4j.dns.dnsjava;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work that {@link DnssecValidator} may spend on one query, so that a hostile zone cannot make
 * a single answer expensive (KeyTrap, CVE-2023-50387; NSEC3 hash exhaustion, CVE-2023-50868).
 *
 * <p>A query that runs out of any budget is bogus: the validator fails closed rather than accepting
 * data it did not finish checking.
 */
final class ValidationLimits {
  /** RRSIG records tried per RRset before the RRset counts as bogus. */
  static final int MAX_SIGNATURES_PER_RRSET = 8;

  /** DNSKEY records tried per signature, so that key tag collisions cannot multiply the work. */
  static final int MAX_KEYS_PER_SIGNATURE = 4;

  /** Signature verifications per query, the chain of trust included. */
  static final int MAX_VERIFICATIONS = 64;

  /** DS digests computed per query. */
  static final int MAX_DS_DIGESTS = 16;

  /** NSEC3 owner-name hashes computed per query. */
  static final int MAX_NSEC3_HASHES = 128;

  /**
   * NSEC3 iterations above which a denial is treated as insecure instead of being checked; RFC 9276
   * section 3.2 allows validators to do so and names 150 as the threshold already in use.
   */
  static final int MAX_NSEC3_ITERATIONS = 150;

  /** DS and DNSKEY queries per query while walking down the chain of trust. */
  static final int MAX_KEY_QUERIES = 32;

  private final AtomicInteger verifications = new AtomicInteger();
  private final AtomicInteger digests = new AtomicInteger();
  private final AtomicInteger hashes = new AtomicInteger();
  private final AtomicInteger keyQueries = new AtomicInteger();

  /** Returns whether some budget ran out. A failure then belongs to the query, not to the zone. */
  boolean exhausted() {
    return verifications.get() > MAX_VERIFICATIONS
        || digests.get() > MAX_DS_DIGESTS
        || hashes.get() > MAX_NSEC3_HASHES
        || keyQueries.get() > MAX_KEY_QUERIES;
  }

  /** Takes one signature verification; returns false when none is left. */
  boolean takeVerification() {
    return verifications.incrementAndGet() <= MAX_VERIFICATIONS;
  }

  /** Takes one DS digest computation; returns false when none is left. */
  boolean takeDigest() {
    return digests.incrementAndGet() <= MAX_DS_DIGESTS;
  }

  /** Takes one NSEC3 hash computation; returns false when none is left. */
  boolean takeHash() {
    return hashes.incrementAndGet() <= MAX_NSEC3_HASHES;
  }

  /** Takes one DS or DNSKEY query; returns false when none is left. */
  boolean takeKeyQuery() {
    return keyQueries.incrementAndGet() <= MAX_KEY_QUERIES;
  }
}
