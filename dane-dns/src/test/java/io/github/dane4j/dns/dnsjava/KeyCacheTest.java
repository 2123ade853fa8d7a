package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/** The validator's cache of proven zones: closest match, expiry, TTL cap and size bound. */
class KeyCacheTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final RRset KEYS = new RRset();

  @Test
  void closest_nameBelowCachedZones_deepestZone() {
    KeyCache cache = new KeyCache();
    cache.putSecure(name("test."), KEYS, Duration.ofMinutes(5), NOW);
    cache.putInsecure(name("unsigned.test."), Duration.ofMinutes(5), NOW);

    KeyCache.Entry entry = cache.closest(name("a.b.unsigned.test."), NOW);

    assertThat(entry).isNotNull();
    assertThat(entry).extracting(KeyCache.Entry::zone).isEqualTo(name("unsigned.test."));
    assertThat(entry).extracting(KeyCache.Entry::keys).isNull();
  }

  @Test
  void closest_afterTtl_entryGone() {
    KeyCache cache = new KeyCache();
    cache.putSecure(name("test."), KEYS, Duration.ofSeconds(30), NOW);

    assertThat(cache.closest(name("www.test."), NOW.plusSeconds(29))).isNotNull();
    assertThat(cache.closest(name("www.test."), NOW.plusSeconds(30))).isNull();
  }

  @Test
  void putSecure_longTtl_cappedAtMaximum() {
    KeyCache cache = new KeyCache();
    cache.putSecure(name("test."), KEYS, Duration.ofDays(2), NOW);

    assertThat(cache.closest(name("test."), NOW.plus(KeyCache.MAX_TTL))).isNull();
  }

  @Test
  void putBogus_afterBogusTtl_entryGone() {
    KeyCache cache = new KeyCache();
    Verdict bogus = Verdict.bogus("No DNSKEY RRset at test.");
    cache.putBogus(name("test."), bogus, NOW);

    KeyCache.Entry entry = cache.closest(name("www.test."), NOW);

    assertThat(entry).isNotNull();
    assertThat(entry).extracting(KeyCache.Entry::bogus).isEqualTo(bogus);
    assertThat(cache.closest(name("www.test."), NOW.plus(KeyCache.BOGUS_TTL))).isNull();
  }

  @Test
  void put_moreZonesThanMaximum_sizeBounded() {
    KeyCache cache = new KeyCache();
    for (int i = 0; i <= KeyCache.MAX_ENTRIES; i++) {
      cache.putSecure(name("zone" + i + ".test."), KEYS, Duration.ofMinutes(5), NOW);
    }

    assertThat(cache.size()).isEqualTo(KeyCache.MAX_ENTRIES);
    assertThat(cache.closest(name("zone0.test."), NOW)).as("least recently used").isNull();
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }
}
