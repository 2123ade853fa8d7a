package io.github.dane4j.dns.dnsjava;

/** Reads TTL values as RFC 2181 section 8 defines them. */
final class DnsTtl {
  /** The largest TTL, 2^31 - 1 seconds (RFC 2181 section 8). */
  static final long MAX_TTL = 0x7FFF_FFFFL;

  private DnsTtl() {}

  /**
   * Returns the TTL in seconds that a received 32-bit TTL field means: the value itself up to
   * {@link #MAX_TTL}, and zero for a value with the most significant bit set, which RFC 2181
   * section 8 requires to be treated as zero. dnsjava 3.6 keeps such a value as read, as an
   * unsigned number up to 2^32 - 1.
   */
  static long fromWire(long ttl) {
    return ttl < 0 || ttl > MAX_TTL ? 0 : ttl;
  }
}
