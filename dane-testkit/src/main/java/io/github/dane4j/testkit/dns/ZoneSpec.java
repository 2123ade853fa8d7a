package io.github.dane4j.testkit.dns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Everything a {@link TestZone.Builder} collected, handed to {@link ZoneSigner}.
 *
 * @param defaultTtl TTL in seconds of the records the signer adds (SOA, NS, DNSKEY, DS)
 * @param algorithm DNSSEC algorithm number of the zone key, or 0 for an unsigned zone
 * @param nsec3 NSEC3 settings, or null for NSEC
 * @param inception start of the validity period of normal signatures
 * @param expiration end of the validity period of normal signatures
 */
record ZoneSpec(
    Name origin,
    long defaultTtl,
    List<Record> records,
    List<TestZone> delegations,
    int algorithm,
    @Nullable Nsec3Parameters nsec3,
    Instant inception,
    Instant expiration,
    Set<Breakage> zoneBreakages,
    Map<RRsetKey, Set<Breakage>> rrsetBreakages) {

  boolean signed() {
    return algorithm != 0;
  }
}
