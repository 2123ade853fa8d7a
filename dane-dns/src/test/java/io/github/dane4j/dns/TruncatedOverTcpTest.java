package io.github.dane4j.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.dnsjava.DnsjavaFetcherProvider;
import io.github.dane4j.testkit.dns.Behaviour;
import io.github.dane4j.testkit.dns.Reply;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * A server that sets the TC bit over TCP as well: the answer can never be complete, so the lookup
 * fails and names the truncation instead of reaching the validator as a broken proof.
 */
class TruncatedOverTcpTest {
  private static TestDnsServer server;

  @BeforeAll
  static void startServer() {
    TestZone zone =
        TestZone.builder("tc.test.")
            .tlsa(
                "_25._tcp.mx",
                3,
                1,
                1,
                "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")
            .build();
    server =
        TestDnsServer.builder()
            .trustAnchor(zone)
            .behaviour(Behaviour.forQuery("_25._tcp.mx.tc.test.", Type.TLSA, Reply.truncated()))
            .build()
            .start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void tlsa_truncatedOverTcp_failsNamingTruncation() throws Exception {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(server.address())
            .rootTrustAnchors(false)
            .trustAnchors(server.trustAnchors())
            .queryTimeout(Duration.ofSeconds(1))
            .retries(1)
            .build();
    try (DnsFetcher fetcher = new DnsjavaFetcherProvider().create(settings)) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx.tc.test", 25));

      assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
      assertThat(answer.status()).isEqualTo(DnssecStatus.INDETERMINATE);
      assertThat(answer.reason()).contains("TC bit is set even over TCP");
    }
  }
}
