package io.github.dane4j.dns;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.internal.DomainNames;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A cache of DNS answers, bounded in size, that keeps each answer no longer than its TTL.
 *
 * <p>{@link #wrap(DnsFetcher)} puts the cache in front of a fetcher; several fetchers may share one
 * cache and its capacity, each with its own entries. Concurrent lookups of the same question share
 * one query. Entries live:
 *
 * <ul>
 *   <li>records: for the answer's TTL, the lowest TTL of the records used (which dane-dns caps at
 *       the signatures' expiry), at most {@link Builder#maxTtl(Duration)};
 *   <li>NXDOMAIN and NODATA: for the answer's TTL, which dane-dns takes from the SOA record (RFC
 *       2308 section 5), at most {@link Builder#maxTtl(Duration)};
 *   <li>failures and bogus or indeterminate answers: for {@link Builder#failureTtl(Duration)} only,
 *       so that a broken zone is not asked again on every lookup, yet a repaired one is seen soon.
 * </ul>
 *
 * <p>An answer with TTL zero, as every JNDI answer has, is not cached, nor is one whose TTL exceeds
 * 2^31 - 1 seconds: RFC 2181 section 8 says to treat a TTL with the most significant bit set as
 * zero, and the dane-dns providers already report such a TTL as zero. A hit returns the answer with
 * the TTL that is left. The least recently used entry makes room when the cache is full.
 *
 * <p>This cache stores final answers. The in-process validator of the dnsjava provider also caches
 * the validated DNSKEY and DS RRsets of each zone, so a cold answer under a known zone costs one
 * query, not a walk of the chain of trust.
 *
 * <p>Instances are thread-safe.
 */
public final class DnsCache {

  /** Default maximum number of entries. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** Default upper bound on the time an answer is kept. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);

  /** Default time a failure or a bogus or indeterminate answer is kept. */
  public static final Duration DEFAULT_FAILURE_TTL = Duration.ofSeconds(5);

  private final int maxEntries;
  // RFC 2181 section 8: a TTL is at most 2^31 - 1 seconds.
  private static final long MAX_TTL_SECONDS = 0x7FFF_FFFFL;

  private final long maxTtlMillis;
  private final long failureTtlMillis;
  private final Clock clock;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long hits;
  private long misses;
  private long evictions;
  private long expirations;

  private DnsCache(Builder builder) {
    this.maxEntries = builder.maxEntries;
    this.maxTtlMillis = builder.maxTtl.toMillis();
    this.failureTtlMillis = builder.failureTtl.toMillis();
    this.clock = builder.clock;
  }

  /** Starts building a cache. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a fetcher that answers from this cache and asks {@code fetcher} on a miss. Closing the
   * returned fetcher closes {@code fetcher} and drops its entries.
   *
   * @throws NullPointerException if {@code fetcher} is null
   */
  public DnsFetcher wrap(DnsFetcher fetcher) {
    return new CachingFetcher(Objects.requireNonNull(fetcher, "fetcher"));
  }

  /** Returns the counters and the current size. */
  public synchronized Statistics statistics() {
    return new Statistics(hits, misses, evictions, expirations, entries.size());
  }

  /** Removes every entry; the counters keep their values. */
  public synchronized void clear() {
    entries.clear();
  }

  /**
   * Counters of a {@link DnsCache}.
   *
   * @param hits lookups answered from the cache, including those that joined a lookup in progress
   * @param misses lookups passed on to the fetcher
   * @param evictions entries removed to make room
   * @param expirations entries found expired and removed
   * @param size the number of entries now, including lookups in progress
   */
  public record Statistics(long hits, long misses, long evictions, long expirations, int size) {

    /** Returns the share of lookups answered from the cache, from 0 to 1; 0 before any lookup. */
    public double hitRate() {
      long total = hits + misses;
      return total == 0 ? 0 : (double) hits / total;
    }
  }

  /** Identifies one question asked of one wrapped fetcher. */
  private record Key(Object scope, String operation, String name) {}

  /** One cached or in-progress answer. */
  private static final class Entry {
    final CompletableFuture<DnsAnswer<?>> answer = new CompletableFuture<>();

    /** Wall-clock millisecond at which the entry expires; unset while the lookup runs. */
    volatile long expiresAtMillis = Long.MAX_VALUE;
  }

  @SuppressWarnings(
      "unchecked") // every entry under a key contains answers of the key's record type
  private <T> CompletionStage<DnsAnswer<T>> get(
      Key key, Supplier<CompletionStage<DnsAnswer<T>>> lookup) {
    Entry entry;
    synchronized (this) {
      long now = clock.millis();
      Entry existing = entries.get(key);
      if (existing != null && (!existing.answer.isDone() || existing.expiresAtMillis > now)) {
        hits++;
        return existing.answer.thenApply(
            answer -> withRemainingTtl((DnsAnswer<T>) answer, existing));
      }
      if (existing != null) {
        entries.remove(key);
        expirations++;
      }
      misses++;
      entry = new Entry();
      entries.put(key, entry);
      evictIfFull();
    }

    CompletionStage<DnsAnswer<T>> stage;
    try {
      stage = lookup.get();
    } catch (RuntimeException e) {
      remove(key, entry);
      entry.answer.completeExceptionally(e);
      throw e;
    }
    stage.whenComplete(
        (answer, error) -> {
          if (answer == null) {
            remove(key, entry);
            entry.answer.completeExceptionally(
                error != null
                    ? error
                    : new IllegalStateException(
                        "The fetcher returned neither an answer nor an error"));
            return;
          }
          long keepMillis = keepMillis(answer);
          if (keepMillis <= 0) {
            remove(key, entry);
          } else {
            entry.expiresAtMillis = clock.millis() + keepMillis;
          }
          entry.answer.complete(answer);
        });
    return entry.answer.thenApply(answer -> (DnsAnswer<T>) answer);
  }

  private long keepMillis(DnsAnswer<?> answer) {
    if (answer.kind() == AnswerKind.FAILURE
        || answer.status() == DnssecStatus.BOGUS
        || answer.status() == DnssecStatus.INDETERMINATE) {
      return failureTtlMillis;
    }
    if (answer.ttl().toSeconds() > MAX_TTL_SECONDS) {
      return 0;
    }
    return Math.min(answer.ttl().toMillis(), maxTtlMillis);
  }

  private <T> DnsAnswer<T> withRemainingTtl(DnsAnswer<T> answer, Entry entry) {
    if (answer.ttl().isZero() || entry.expiresAtMillis == Long.MAX_VALUE) {
      return answer;
    }
    long leftSeconds = Math.max(0, (entry.expiresAtMillis - clock.millis()) / 1000);
    Duration ttl = Duration.ofSeconds(Math.min(leftSeconds, answer.ttl().toSeconds()));
    if (ttl.equals(answer.ttl())) {
      return answer;
    }
    return new DnsAnswer<>(
        answer.queryName(),
        answer.kind(),
        answer.status(),
        answer.records(),
        answer.namesFollowed(),
        ttl,
        answer.rcode(),
        answer.extendedError(),
        answer.reason(),
        answer.authenticity());
  }

  private void evictIfFull() {
    Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
    while (entries.size() > maxEntries && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
      evictions++;
    }
  }

  private synchronized void remove(Key key, Entry entry) {
    entries.remove(key, entry);
  }

  private synchronized void removeScope(Object scope) {
    entries.keySet().removeIf(key -> key.scope() == scope);
  }

  /** The fetcher view that {@link #wrap(DnsFetcher)} returns. */
  private final class CachingFetcher implements DnsFetcher {
    private final DnsFetcher delegate;
    private final Object scope = new Object();

    CachingFetcher(DnsFetcher delegate) {
      this.delegate = delegate;
    }

    @Override
    public String providerName() {
      return delegate.providerName();
    }

    @Override
    public CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query) {
      Objects.requireNonNull(query, "query");
      return get(new Key(scope, "TLSA", query.ownerName()), () -> delegate.tlsa(query));
    }

    @Override
    public CompletionStage<DnsAnswer<MxRecord>> mx(String domain) {
      String name = DomainNames.normalize(domain, "MX domain");
      return get(new Key(scope, "MX", name), () -> delegate.mx(domain));
    }

    @Override
    public CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family) {
      Objects.requireNonNull(family, "family");
      String name = DomainNames.normalize(host, "host name");
      return get(new Key(scope, family.name(), name), () -> delegate.addresses(host, family));
    }

    @Override
    public CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name) {
      String normalized = DomainNames.normalize(name, "name");
      return get(new Key(scope, "CNAME-chain", normalized), () -> delegate.cnameChain(name));
    }

    @Override
    public void close() {
      removeScope(scope);
      delegate.close();
    }
  }

  /** Builder of a {@link DnsCache}. Not thread-safe. */
  public static final class Builder {
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private Duration maxTtl = DEFAULT_MAX_TTL;
    private Duration failureTtl = DEFAULT_FAILURE_TTL;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the maximum number of entries; the default is {@link #DEFAULT_MAX_ENTRIES}.
     *
     * @throws IllegalArgumentException if {@code entries} is less than 1
     */
    public Builder maxEntries(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException(
            "Invalid cache size " + entries + ": must be at least 1");
      }
      this.maxEntries = entries;
      return this;
    }

    /**
     * Sets the longest time any answer is kept, whatever its TTL; the default is {@link
     * #DEFAULT_MAX_TTL}.
     *
     * @throws IllegalArgumentException if {@code ttl} is negative
     * @throws NullPointerException if {@code ttl} is null
     */
    public Builder maxTtl(Duration ttl) {
      this.maxTtl = requireNotNegative("maximum TTL", ttl);
      return this;
    }

    /**
     * Sets how long a failure or a bogus or indeterminate answer is kept; the default is {@link
     * #DEFAULT_FAILURE_TTL}. Zero turns their caching off.
     *
     * @throws IllegalArgumentException if {@code ttl} is negative
     * @throws NullPointerException if {@code ttl} is null
     */
    public Builder failureTtl(Duration ttl) {
      this.failureTtl = requireNotNegative("failure TTL", ttl);
      return this;
    }

    /**
     * Sets the clock that expiry is measured with; the default is {@link Clock#systemUTC()}.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the cache. */
    public DnsCache build() {
      return new DnsCache(this);
    }

    private static Duration requireNotNegative(String setting, Duration value) {
      Objects.requireNonNull(value, setting);
      if (value.isNegative()) {
        throw new IllegalArgumentException(
            "Invalid " + setting + " " + value + ": must not be negative");
      }
      return value;
    }
  }
}
