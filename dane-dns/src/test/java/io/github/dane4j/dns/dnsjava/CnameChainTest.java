package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.BlockingDnsFetcher;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.dns.testing.DnsWorld;
import io.github.dane4j.testkit.dns.ObservedQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Per-hop DNSSEC status of CNAME chains (RFC 7672 section 2.1.3), as dane-smtp needs it for MX
 * hosts and TLSA owner names.
 */
class CnameChainTest {
  private static DnsWorld world;
  private static DnsFetcher fetcher;
  private static BlockingDnsFetcher dns;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
    fetcher = new DnsjavaFetcherProvider().create(world.inProcess().build());
    dns = fetcher.blocking();
  }

  @AfterAll
  static void stopWorld() {
    fetcher.close();
    world.close();
  }

  @Test
  void cnameChain_twoSignedHops_eachHopSecure() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("alias2.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records())
        .containsExactly(
            new CnameHop("alias2.example.test", "alias.example.test", DnssecStatus.SECURE, false),
            new CnameHop("alias.example.test", "mx1.example.test", DnssecStatus.SECURE, false));
    assertThat(answer.namesFollowed())
        .containsExactly("alias2.example.test", "alias.example.test", "mx1.example.test");
  }

  @Test
  void cnameChain_cnameQueryPerHop() throws Exception {
    world.server().clearQueryLog();

    dns.cnameChain("alias2.example.test");

    assertThat(world.queries())
        .filteredOn(query -> query.type() != Type.DNSKEY && query.type() != Type.DS)
        .extracting(ObservedQuery::type)
        .containsOnly(Type.CNAME)
        .hasSize(3);
  }

  @Test
  void cnameChain_intoUnsignedZone_chainInsecure() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("outside.example.test");

    assertThat(answer.records())
        .containsExactly(
            new CnameHop("outside.example.test", "host.unsigned.test", DnssecStatus.SECURE, false));
    assertThat(answer.status())
        .as("the end of the chain lies in an unsigned zone")
        .isEqualTo(DnssecStatus.INSECURE);
  }

  @Test
  void cnameChain_unsignedFirstHop_laterHopsInsecure() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("alias2.unsigned.test");

    assertThat(answer.records())
        .extracting(CnameHop::status)
        .as("alias.example.test's CNAME is signed, but the chain reached it through unsigned data")
        .containsExactly(DnssecStatus.INSECURE, DnssecStatus.INSECURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INSECURE);
  }

  @Test
  void cnameChain_throughDname_synthesisedHopMarked() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("_25._tcp.viadname.example.test");

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records())
        .containsExactly(
            new CnameHop(
                "_25._tcp.viadname.example.test",
                "tlsa.dn.example.test",
                DnssecStatus.SECURE,
                false),
            new CnameHop("tlsa.dn.example.test", "tlsa.shared.test", DnssecStatus.SECURE, true));
  }

  @Test
  void cnameChain_nameWithoutCname_secureNodata() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("mx1.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.NODATA);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).isEmpty();
  }

  @Test
  void cnameChain_missingName_secureNxdomain() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("missing.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.NXDOMAIN);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
  }

  @Test
  void cnameChain_danglingTarget_hopRecorded() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("dangling.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.finalName()).isEqualTo("missing.example.test");
  }

  @Test
  void cnameChain_loop_failure() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("loop1.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).startsWith("CNAME loop at loop2.example.test: ");
  }

  @Test
  void cnameChain_hopFails_wholeChainFails() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("servfail.misbehave.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.records()).isEmpty();
  }

  @Test
  void cnameChain_longerThanLimit_failure() throws Exception {
    try (DnsFetcher limited =
        new DnsjavaFetcherProvider().create(world.inProcess().maxAliasHops(3).build())) {
      DnsAnswer<CnameHop> answer = limited.blocking().cnameChain("c0.example.test");

      assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
      assertThat(answer.reason()).contains("longer than the limit of 3");
    }
  }
}
