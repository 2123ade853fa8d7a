package io.github.dane4j.dns.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.BlockingDnsFetcher;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.testing.DnsWorld;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JNDI fetcher against the testkit server: records arrive, but never as secure. */
class JndiFetcherTest {
  private static DnsWorld world;
  private static DnsFetcher fetcher;
  private static BlockingDnsFetcher dns;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
    fetcher =
        new JndiFetcherProvider()
            .create(
                DnsFetcherSettings.builder()
                    .resolver(world.server().address())
                    .queryTimeout(Duration.ofMillis(300))
                    .retries(0)
                    .build());
    dns = fetcher.blocking();
  }

  @AfterAll
  static void stopWorld() {
    fetcher.close();
    world.close();
  }

  @Test
  void tlsa_signedZone_recordsFlaggedUnverified() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("mx1.example.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.records()).containsExactly(TlsaRecord.parse("3 1 1 " + DnsWorld.HEX));
    assertThat(answer.status()).isEqualTo(DnssecStatus.UNVERIFIED);
    assertThat(answer.authenticity()).isEqualTo(AuthenticitySource.NOT_ESTABLISHED);
    assertThat(answer.isSecure()).isFalse();
  }

  @Test
  void mx_signedZone_recordsWithPreferences() throws Exception {
    DnsAnswer<MxRecord> answer = dns.mx("example.test");

    assertThat(answer.records())
        .containsExactlyInAnyOrder(
            new MxRecord(10, "mx1.example.test"), new MxRecord(20, "mx2.example.test"));
    assertThat(answer.status()).isEqualTo(DnssecStatus.UNVERIFIED);
  }

  @Test
  void addresses_ipv4AndIpv6_records() throws Exception {
    DnsAnswer<InetAddress> v4 = dns.addresses("mx1.example.test", AddressFamily.IPV4);
    DnsAnswer<InetAddress> v6 = dns.addresses("mx1.example.test", AddressFamily.IPV6);

    assertThat(v4.records()).containsExactly(InetAddress.getByName("192.0.2.1"));
    assertThat(v6.records()).containsExactly(InetAddress.getByName("2001:db8::1"));
  }

  @Test
  void tlsa_throughCname_namesFollowed() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("viacname.example.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.namesFollowed())
        .containsExactly("_25._tcp.viacname.example.test", "_25._tcp.mx1.example.test");
  }

  @Test
  void tlsa_throughDname_sharedRecords() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("viadname.example.test", 25));

    assertThat(answer.records()).containsExactly(TlsaRecord.parse("3 1 1 " + DnsWorld.SHARED_HEX));
    assertThat(answer.finalName()).isEqualTo("tlsa.shared.test");
  }

  @Test
  void tlsa_missingName_nxdomainUnverified() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("missing.example.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.NXDOMAIN);
    assertThat(answer.status()).isEqualTo(DnssecStatus.UNVERIFIED);
  }

  @Test
  void tlsa_nameWithOtherTypes_nodata() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("nodata.example.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.NODATA);
  }

  @Test
  void tlsa_emptyAssociationData_failure() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("empty.example.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).contains("association data is empty");
  }

  @Test
  void addresses_servfail_failureWithRcode() throws Exception {
    DnsAnswer<InetAddress> answer =
        dns.addresses("servfail.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.rcode()).isEqualTo(2);
    assertThat(answer.status()).isEqualTo(DnssecStatus.UNVERIFIED);
  }

  @Test
  void addresses_noResponse_failure() throws Exception {
    DnsAnswer<InetAddress> answer =
        dns.addresses("silent.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).contains("no usable response");
  }

  @Test
  void tlsa_bogusData_recordsStillUnverified() throws Exception {
    // The JDK's provider cannot see DNSSEC, so broken signatures go unnoticed and the status is
    // unverified.
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("wrong-key.bogus.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.status()).isEqualTo(DnssecStatus.UNVERIFIED);
  }

  @Test
  void cnameChain_twoHops_unverifiedHops() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("alias2.example.test");

    assertThat(answer.records())
        .containsExactly(
            new CnameHop(
                "alias2.example.test", "alias.example.test", DnssecStatus.UNVERIFIED, false),
            new CnameHop("alias.example.test", "mx1.example.test", DnssecStatus.UNVERIFIED, false));
  }

  @Test
  void cnameChain_loop_failure() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("loop1.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).contains("CNAME loop");
  }

  @Test
  void lookup_afterClose_failure() throws Exception {
    DnsFetcher closed =
        new JndiFetcherProvider()
            .create(DnsFetcherSettings.builder().resolver(world.server().address()).build());
    closed.close();

    DnsAnswer<MxRecord> answer = closed.blocking().mx("example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).contains("closed");
  }
}
