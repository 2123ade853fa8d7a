package io.github.dane4j.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.dnsjava.DnsjavaFetcherProvider;
import io.github.dane4j.dns.testing.DnsWorld;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The answer cache: TTLs, failures, size bound, statistics and sharing of lookups in progress. */
class DnsCacheTest {
  private final MutableClock clock = new MutableClock();
  private final ScriptedFetcher source = new ScriptedFetcher();

  private DnsCache cache(int maxEntries) {
    return DnsCache.builder()
        .maxEntries(maxEntries)
        .maxTtl(Duration.ofHours(1))
        .failureTtl(Duration.ofSeconds(5))
        .clock(clock)
        .build();
  }

  private static DnsAnswer<MxRecord> mxAnswer(
      String domain, AnswerKind kind, DnssecStatus status, Duration ttl) {
    return new DnsAnswer<>(
        domain,
        kind,
        status,
        kind == AnswerKind.RECORDS ? List.of(new MxRecord(10, "mx." + domain)) : List.of(),
        List.of(domain),
        ttl,
        kind == AnswerKind.FAILURE ? 2 : 0,
        null,
        "",
        AuthenticitySource.VALIDATED_IN_PROCESS);
  }

  private static DnsAnswer<MxRecord> secure(String domain, Duration ttl) {
    return mxAnswer(domain, AnswerKind.RECORDS, DnssecStatus.SECURE, ttl);
  }

  private static DnsAnswer<MxRecord> mx(DnsFetcher fetcher, String domain) {
    return fetcher.mx(domain).toCompletableFuture().join();
  }

  @Test
  void mx_repeatedWithinTtl_answeredFromCache() {
    DnsFetcher cached = cache(10).wrap(source);
    source.answer(secure("example.test", Duration.ofMinutes(5)));

    mx(cached, "example.test");
    DnsAnswer<MxRecord> second = mx(cached, "EXAMPLE.test.");

    assertThat(source.calls).isEqualTo(1);
    assertThat(second.records()).containsExactly(new MxRecord(10, "mx.example.test"));
  }

  @Test
  void mx_afterTtl_fetchedAgain() {
    DnsCache cache = cache(10);
    DnsFetcher cached = cache.wrap(source);
    source.answer(secure("example.test", Duration.ofMinutes(5)));

    mx(cached, "example.test");
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(2);
    assertThat(cache.statistics().expirations()).isEqualTo(1);
  }

  @Test
  void mx_hit_ttlCountsDown() {
    DnsFetcher cached = cache(10).wrap(source);
    source.answer(secure("example.test", Duration.ofMinutes(5)));

    mx(cached, "example.test");
    clock.advance(Duration.ofMinutes(2));
    DnsAnswer<MxRecord> hit = mx(cached, "example.test");

    assertThat(hit.ttl()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void mx_negativeAnswer_keptForItsTtl() {
    DnsFetcher cached = cache(10).wrap(source);
    source.answer(
        mxAnswer("example.test", AnswerKind.NXDOMAIN, DnssecStatus.SECURE, Duration.ofMinutes(5)));

    mx(cached, "example.test");
    clock.advance(Duration.ofSeconds(299));
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(1);
  }

  @Test
  void mx_failure_keptOnlyForFailureTtl() {
    DnsFetcher cached = cache(10).wrap(source);
    source.answer(mxAnswer("example.test", AnswerKind.FAILURE, DnssecStatus.BOGUS, Duration.ZERO));

    mx(cached, "example.test");
    clock.advance(Duration.ofSeconds(4));
    mx(cached, "example.test");
    clock.advance(Duration.ofSeconds(2));
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(2);
  }

  @Test
  void mx_indeterminateLongTtl_keptBriefly() {
    DnsFetcher cached = cache(10).wrap(source);
    source.answer(
        mxAnswer(
            "example.test", AnswerKind.FAILURE, DnssecStatus.INDETERMINATE, Duration.ofHours(1)));

    mx(cached, "example.test");
    clock.advance(Duration.ofSeconds(6));
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(2);
  }

  @Test
  void mx_zeroTtl_notCached() {
    DnsCache cache = cache(10);
    DnsFetcher cached = cache.wrap(source);
    source.answer(secure("example.test", Duration.ZERO));

    mx(cached, "example.test");
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(2);
    assertThat(cache.statistics().size()).isZero();
  }

  @Test
  void mx_ttlLongerThanMaximum_capped() {
    DnsFetcher cached = cache(10).wrap(source);
    source.answer(secure("example.test", Duration.ofDays(2)));

    mx(cached, "example.test");
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(2);
  }

  @Test
  void mx_ttlWithTopBitSet_notCached() {
    DnsCache cache = cache(10);
    DnsFetcher cached = cache.wrap(source);
    source.answer(secure("example.test", Duration.ofSeconds(0x8000_0000L)));

    mx(cached, "example.test");
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(2);
    assertThat(cache.statistics().size()).isZero();
  }

  @Test
  void mx_ttlAtRfc2181Maximum_cappedNotDropped() {
    DnsCache cache = cache(10);
    DnsFetcher cached = cache.wrap(source);
    source.answer(secure("example.test", Duration.ofSeconds(0x7FFF_FFFFL)));

    mx(cached, "example.test");
    mx(cached, "example.test");

    assertThat(source.calls).isEqualTo(1);
  }

  @Test
  void mx_cacheFull_leastRecentlyUsedEvicted() {
    DnsCache cache = cache(2);
    DnsFetcher cached = cache.wrap(source);
    source.answer(secure("a.test", Duration.ofMinutes(5)));

    mx(cached, "a.test");
    mx(cached, "b.test");
    mx(cached, "a.test");
    mx(cached, "c.test");
    mx(cached, "a.test");
    mx(cached, "b.test");

    assertThat(source.requested).containsExactly("a.test", "b.test", "c.test", "b.test");
    assertThat(cache.statistics().evictions()).isEqualTo(2);
    assertThat(cache.statistics().size()).isEqualTo(2);
  }

  @Test
  void mx_sameQuestionInProgress_oneFetchShared() {
    DnsCache cache = cache(10);
    DnsFetcher cached = cache.wrap(source);
    CompletableFuture<DnsAnswer<MxRecord>> pending = new CompletableFuture<>();
    source.pending = pending;

    CompletableFuture<DnsAnswer<MxRecord>> first = cached.mx("example.test").toCompletableFuture();
    CompletableFuture<DnsAnswer<MxRecord>> second = cached.mx("example.test").toCompletableFuture();
    pending.complete(secure("example.test", Duration.ofMinutes(5)));

    assertThat(source.calls).isEqualTo(1);
    assertThat(first.join().records()).isEqualTo(second.join().records());
    assertThat(cache.statistics().hits()).isEqualTo(1);
  }

  @Test
  void statistics_hitsAndMisses_hitRate() {
    DnsCache cache = cache(10);
    DnsFetcher cached = cache.wrap(source);
    source.answer(secure("example.test", Duration.ofMinutes(5)));

    mx(cached, "example.test");
    mx(cached, "example.test");
    mx(cached, "example.test");
    mx(cached, "other.test");

    assertThat(cache.statistics().hits()).isEqualTo(2);
    assertThat(cache.statistics().misses()).isEqualTo(2);
    assertThat(cache.statistics().hitRate()).isEqualTo(0.5);
  }

  @Test
  void wrap_twoFetchersShareCache_entriesKeptApart() {
    DnsCache cache = cache(10);
    ScriptedFetcher other = new ScriptedFetcher();
    source.answer(secure("example.test", Duration.ofMinutes(5)));
    other.answer(secure("example.test", Duration.ofMinutes(5)));

    mx(cache.wrap(source), "example.test");
    mx(cache.wrap(other), "example.test");

    assertThat(source.calls).isEqualTo(1);
    assertThat(other.calls).isEqualTo(1);
  }

  @Test
  void close_entriesDroppedAndFetcherClosed() {
    DnsCache cache = cache(10);
    DnsFetcher cached = cache.wrap(source);
    source.answer(secure("example.test", Duration.ofMinutes(5)));
    mx(cached, "example.test");

    cached.close();

    assertThat(cache.statistics().size()).isZero();
    assertThat(source.closed).isTrue();
  }

  @Test
  void tlsa_warmCacheOverDnsjava_noQuerySent() throws Exception {
    DnsCache cache = DnsCache.builder().build();
    try (DnsWorld world = DnsWorld.start();
        DnsFetcher cached =
            cache.wrap(new DnsjavaFetcherProvider().create(world.inProcess().build()))) {
      TlsaQuery query = TlsaQuery.tcp("mx1.example.test", 25);
      DnsAnswer<TlsaRecord> cold = cached.blocking().tlsa(query);
      world.server().clearQueryLog();

      DnsAnswer<TlsaRecord> warm = cached.blocking().tlsa(query);

      assertThat(warm.records()).isEqualTo(cold.records());
      assertThat(warm.status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(world.queries()).isEmpty();
    }
  }

  /** A fetcher that returns scripted MX answers and counts what it was asked. */
  private static final class ScriptedFetcher implements DnsFetcher {
    int calls;
    boolean closed;
    final List<String> requested = new ArrayList<>();
    DnsAnswer<MxRecord> answer = secure("unset.test", Duration.ZERO);
    @Nullable CompletableFuture<DnsAnswer<MxRecord>> pending;

    void answer(DnsAnswer<MxRecord> next) {
      this.answer = next;
    }

    @Override
    public String providerName() {
      return "scripted";
    }

    @Override
    public CompletionStage<DnsAnswer<MxRecord>> mx(String domain) {
      calls++;
      requested.add(domain);
      return pending != null ? pending : CompletableFuture.completedFuture(answer);
    }

    @Override
    public CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A clock that tests move forward by hand. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
