package io.github.dane4j.testkit.dns;

/**
 * A deliberate DNSSEC fault that a {@link TestZone} can carry, for the whole zone ({@link
 * TestZone.Builder#broken(Breakage)}) or for one RRset ({@link TestZone.Builder#broken(String, int,
 * Breakage)}).
 *
 * <p>A validating resolver treats the affected data as bogus (RFC 4035 section 5.5), with one
 * exception: when {@link #UNSUPPORTED_ALGORITHM} applies to a whole zone, the DS RRset that leads
 * to it names only an algorithm that validators do not implement, so the zone is insecure rather
 * than bogus (RFC 4035 section 5.2, RFC 6840 section 5.2).
 */
public enum Breakage {
  /** Signatures whose validity period ended before now (RFC 4034 section 3.1.5). */
  EXPIRED_SIGNATURES,

  /** Signatures whose validity period starts after now (RFC 4034 section 3.1.5). */
  NOT_YET_VALID_SIGNATURES,

  /** Signatures made with a key that the zone's DNSKEY RRset does not contain. */
  WRONG_KEY,

  /** No RRSIG records at all for the affected RRsets. */
  MISSING_SIGNATURES,

  /**
   * An unassigned DNSSEC algorithm number ({@value TestZone#UNSUPPORTED_ALGORITHM_NUMBER}).
   *
   * <p>For one RRset, only its RRSIG records carry that number, so no DNSKEY matches them. For a
   * whole zone, its DNSKEY, its RRSIG records, the DS record that its parent publishes and its
   * trust anchor all carry that number.
   */
  UNSUPPORTED_ALGORITHM,

  /**
   * A DS record (in the parent zone and in the trust anchors) for a key that the zone's DNSKEY
   * RRset does not contain. Applies to whole zones only.
   */
  DS_WITHOUT_MATCHING_DNSKEY
}
