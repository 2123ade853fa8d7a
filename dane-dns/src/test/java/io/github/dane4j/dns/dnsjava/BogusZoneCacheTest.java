package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A zone whose chain of trust fails stays bogus for a short time, so that lookups below it do not
 * send its DNSKEY query again: the testkit server counts the queries.
 */
class BogusZoneCacheTest {
  private static final Name ZONE = Name.fromConstantString("broken.test.");

  private static TestDnsServer server;
  private static DnsFetcherSettings settings;

  @BeforeAll
  static void startServer() {
    TestZone broken =
        TestZone.builder("broken.test.")
            .a("www", "192.0.2.1")
            .a("mail", "192.0.2.2")
            .broken(Breakage.DS_WITHOUT_MATCHING_DNSKEY)
            .build();
    TestZone root = TestZone.builder("test.").delegate(broken).build();
    server = TestDnsServer.builder().trustAnchor(root).build().start();
    settings =
        DnsFetcherSettings.builder()
            .resolver(server.address())
            .rootTrustAnchors(false)
            .trustAnchors(server.trustAnchors())
            .queryTimeout(Duration.ofSeconds(5))
            .retries(1)
            .build();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void sendAsync_bogusZoneTwice_oneDnskeyQuery() {
    DnssecValidator validator =
        new DnssecValidator(
            UpstreamResolver.forAddresses(List.of(server.address()), settings),
            TrustAnchors.records(settings),
            Clock.systemUTC(),
            settings.udpPayloadSize());
    server.clearQueryLog();

    Message first = lookup(validator, "www.broken.test.");
    Message second = lookup(validator, "mail.broken.test.");

    assertThat(first.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(second.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(ResponseReader.validationReason(second))
        .isEqualTo(ResponseReader.validationReason(first));
    assertThat(
            server.queryLog().stream()
                .filter(query -> query.type() == Type.DNSKEY && query.name().equals(ZONE))
                .count())
        .as("DNSKEY queries for broken.test.")
        .isEqualTo(1);
  }

  private static Message lookup(DnssecValidator validator, String name) {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN));
    return validator.sendAsync(query).toCompletableFuture().join();
  }
}
