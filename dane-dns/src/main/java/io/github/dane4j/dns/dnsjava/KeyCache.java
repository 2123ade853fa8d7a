package io.github.dane4j.dns.dnsjava;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/**
 * The zones whose DNSSEC state {@link DnssecValidator} has proven: the DNSKEY RRset of each secure
 * zone, each proven-insecure delegation and, briefly, each zone whose chain of trust failed, so
 * that lookups under a known zone do not verify the chain of trust again.
 *
 * <p>Entries live for the TTL of the data that proved them, at most {@link #MAX_TTL}, and never
 * past the expiry of the signatures involved. When the cache is full the least recently used entry
 * is dropped. Shared by all lookups of one fetcher; thread-safe.
 */
final class KeyCache {
  /** The maximum time an entry is kept, whatever the TTL of its records. */
  static final Duration MAX_TTL = Duration.ofMinutes(15);

  /**
   * How long a zone whose chain of trust failed stays bogus, so that lookups below it do not walk
   * the chain again each time. It is short because a transient or forged failure must not last.
   */
  static final Duration BOGUS_TTL = Duration.ofSeconds(15);

  /** The number of zones kept. */
  static final int MAX_ENTRIES = 1000;

  /**
   * A cached zone.
   *
   * @param zone the zone apex, or the delegation point of an insecure zone
   * @param keys the verified DNSKEY RRset of a secure zone, or null for an insecure delegation or a
   *     bogus zone
   * @param expires when the entry stops being used
   * @param bogus why the chain of trust to the zone failed, or null unless the zone is bogus
   */
  record Entry(Name zone, @Nullable RRset keys, Instant expires, @Nullable Verdict bogus) {}

  private final Map<Name, Entry> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Name, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /**
   * Returns the entry for the deepest zone at or above {@code name} that is cached and not expired,
   * or null.
   */
  synchronized @Nullable Entry closest(Name name, Instant now) {
    for (int strip = 0; strip < name.labels(); strip++) {
      Name ancestor = strip == 0 ? name : new Name(name, strip);
      Entry entry = entries.get(ancestor);
      if (entry == null) {
        continue;
      }
      if (!now.isBefore(entry.expires())) {
        entries.remove(ancestor);
        continue;
      }
      return entry;
    }
    return null;
  }

  /**
   * Stores the verified DNSKEY RRset of {@code zone} for {@code ttl}, capped at {@link #MAX_TTL}.
   */
  synchronized void putSecure(Name zone, RRset keys, Duration ttl, Instant now) {
    put(new Entry(zone, keys, now.plus(min(ttl, MAX_TTL)), null));
  }

  /** Stores that {@code cut} is a proven insecure delegation, for {@code ttl} at most. */
  synchronized void putInsecure(Name cut, Duration ttl, Instant now) {
    put(new Entry(cut, null, now.plus(min(ttl, MAX_TTL)), null));
  }

  /**
   * Stores that the chain of trust to {@code zone} failed with the bogus {@code verdict}, for
   * {@link #BOGUS_TTL}.
   */
  synchronized void putBogus(Name zone, Verdict verdict, Instant now) {
    put(new Entry(zone, null, now.plus(BOGUS_TTL), verdict));
  }

  synchronized int size() {
    return entries.size();
  }

  private void put(Entry entry) {
    entries.put(entry.zone(), entry);
  }

  private static Duration min(Duration a, Duration b) {
    Duration smaller = a.compareTo(b) <= 0 ? a : b;
    return smaller.isNegative() ? Duration.ZERO : smaller;
  }
}
