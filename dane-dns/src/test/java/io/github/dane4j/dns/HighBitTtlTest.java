package io.github.dane4j.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.dnsjava.DnsjavaFetcherProvider;
import io.github.dane4j.dns.jndi.JndiFetcherProvider;
import io.github.dane4j.dns.testing.ValidatingProxy;
import io.github.dane4j.testkit.dns.Behaviour;
import io.github.dane4j.testkit.dns.Reply;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * TTLs with the most significant bit set, served raw by the testkit server. RFC 2181 section 8
 * limits a TTL to 2^31 - 1 seconds and requires that a value with the top bit set is treated as
 * zero, so every provider reports such an answer with TTL zero and the cache does not keep it.
 */
class HighBitTtlTest {
  private static final long HIGH_BIT_TTL = 0x8000_0001L;
  private static final long MAX_UNSIGNED_TTL = 0xFFFF_FFFFL;
  private static final String DATA_HEX =
      "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";

  private static TestDnsServer server;
  private static ValidatingProxy proxy;

  @BeforeAll
  static void startServer() {
    TestZone zone =
        TestZone.builder("ttl.test.")
            .ttl(Duration.ofMinutes(5))
            .tlsa("_25._tcp.high", 3, 1, 1, DATA_HEX)
            .a("high", "192.0.2.7")
            .a("normal", "192.0.2.8")
            .build();
    server =
        TestDnsServer.builder()
            .trustAnchor(zone)
            .behaviour(
                Behaviour.forQuery(
                    "_25._tcp.high.ttl.test.", Type.TLSA, Reply.answerTtl(HIGH_BIT_TTL)))
            .behaviour(
                Behaviour.forQuery("high.ttl.test.", Type.A, Reply.answerTtl(MAX_UNSIGNED_TTL)))
            .build()
            .start();
    proxy = ValidatingProxy.start(server.address(), server.trustAnchors());
  }

  @AfterAll
  static void stopServer() {
    proxy.close();
    server.close();
  }

  private static DnsFetcherSettings.Builder settings() {
    return DnsFetcherSettings.builder()
        .resolver(server.address())
        .rootTrustAnchors(false)
        .trustAnchors(server.trustAnchors())
        .queryTimeout(Duration.ofSeconds(1))
        .retries(1);
  }

  private static DnsFetcher inProcess() {
    return new DnsjavaFetcherProvider().create(settings().build());
  }

  @Test
  void tlsa_inProcessHighBitTtl_reportsZeroTtl() throws Exception {
    try (DnsFetcher fetcher = inProcess()) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("high.ttl.test", 25));

      assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(answer.records()).hasSize(1);
      assertThat(answer.ttl()).isZero();
    }
  }

  @Test
  void addresses_inProcessMaxUnsignedTtl_reportsZeroTtl() throws Exception {
    try (DnsFetcher fetcher = inProcess()) {
      DnsAnswer<InetAddress> answer =
          fetcher.blocking().addresses("high.ttl.test", AddressFamily.IPV4);

      assertThat(answer.records()).containsExactly(InetAddress.getByName("192.0.2.7"));
      assertThat(answer.ttl()).isZero();
    }
  }

  @Test
  void addresses_inProcessNormalTtl_reportsTtl() throws Exception {
    try (DnsFetcher fetcher = inProcess()) {
      DnsAnswer<InetAddress> answer =
          fetcher.blocking().addresses("normal.ttl.test", AddressFamily.IPV4);

      assertThat(answer.ttl()).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void tlsa_trustedResolverHighBitTtl_reportsZeroTtl() throws Exception {
    DnsFetcherSettings trusted =
        DnsFetcherSettings.builder()
            .validation(Validation.TRUSTED_RESOLVER)
            .resolver(proxy.address())
            .queryTimeout(Duration.ofSeconds(1))
            .retries(1)
            .build();
    try (DnsFetcher fetcher = new DnsjavaFetcherProvider().create(trusted)) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("high.ttl.test", 25));

      assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(answer.ttl()).isZero();
    }
  }

  @Test
  void tlsa_jndiHighBitTtl_reportsZeroTtl() throws Exception {
    try (DnsFetcher fetcher = new JndiFetcherProvider().create(settings().build())) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("high.ttl.test", 25));

      assertThat(answer.records()).hasSize(1);
      assertThat(answer.ttl()).isZero();
    }
  }

  @Test
  void cache_highBitTtl_doesNotKeepAnswer() throws Exception {
    DnsCache cache = DnsCache.builder().build();
    try (DnsFetcher fetcher = cache.wrap(inProcess())) {
      fetcher.blocking().tlsa(TlsaQuery.tcp("high.ttl.test", 25));
      fetcher.blocking().tlsa(TlsaQuery.tcp("high.ttl.test", 25));
    }

    assertThat(cache.statistics().hits()).isZero();
    assertThat(cache.statistics().size()).isZero();
  }
}
