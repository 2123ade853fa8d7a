package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Concurrent lookups on a cold cache share their walk down the chain of trust: the testkit server
 * counts the DS and DNSKEY queries it receives.
 */
class InFlightQueriesTest {
  private static final int LOOKUPS = 40;
  private static final Name ROOT = Name.fromConstantString("test.");
  private static final Name ZONE = Name.fromConstantString("shared.test.");

  private static TestDnsServer server;
  private static DnsFetcherSettings settings;
  private static ExecutorService executor;

  @BeforeAll
  static void startServer() {
    TestZone.Builder zone = TestZone.builder("shared.test.");
    for (int i = 0; i < LOOKUPS; i++) {
      zone.a("host" + i, "192.0.2." + (i + 1));
    }
    TestZone root = TestZone.builder("test.").delegate(zone.build()).build();
    server = TestDnsServer.builder().trustAnchor(root).build().start();
    settings =
        DnsFetcherSettings.builder()
            .resolver(server.address())
            .rootTrustAnchors(false)
            .trustAnchors(server.trustAnchors())
            .queryTimeout(Duration.ofSeconds(5))
            .retries(1)
            .build();
    executor = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stopServer() {
    executor.shutdownNow();
    server.close();
  }

  @Test
  void sendAsync_concurrentColdLookups_oneKeyQueryPerZone() {
    UpstreamResolver upstream = UpstreamResolver.forAddresses(List.of(server.address()), settings);
    DnssecValidator validator =
        new DnssecValidator(
            upstream, TrustAnchors.records(settings), Clock.systemUTC(), settings.udpPayloadSize());
    server.clearQueryLog();

    List<CompletableFuture<Message>> lookups = new ArrayList<>();
    for (int i = 0; i < LOOKUPS; i++) {
      Name name = Name.fromConstantString("host" + i + ".shared.test.");
      Message query = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
      lookups.add(validator.sendAsync(query, executor).toCompletableFuture());
    }
    List<Message> responses = lookups.stream().map(CompletableFuture::join).toList();

    assertThat(responses).allMatch(response -> response.getHeader().getFlag(Flags.AD));
    assertThat(count(ROOT, Type.DNSKEY)).as("DNSKEY queries for test.").isEqualTo(1);
    assertThat(count(ZONE, Type.DS)).as("DS queries for shared.test.").isEqualTo(1);
    assertThat(count(ZONE, Type.DNSKEY)).as("DNSKEY queries for shared.test.").isEqualTo(1);
    assertThat(validator.inFlightQueries().size()).as("queries still shared").isZero();
  }

  private static long count(Name name, int type) {
    return server.queryLog().stream()
        .filter(query -> query.type() == type && query.name().equals(name))
        .count();
  }
}
