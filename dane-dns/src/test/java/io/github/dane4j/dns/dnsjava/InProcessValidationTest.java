package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.BlockingDnsFetcher;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.testing.DnsWorld;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.ObservedQuery;
import io.github.dane4j.testkit.dns.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The dnsjava fetcher with in-process validation against every status path of the test world. */
class InProcessValidationTest {
  private static final TlsaRecord PUBLISHED = TlsaRecord.parse("3 1 1 " + DnsWorld.HEX);

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

  private static DnsAnswer<TlsaRecord> tlsa(String host) throws InterruptedException {
    return dns.tlsa(TlsaQuery.tcp(host, 25));
  }

  @Test
  void tlsa_signedZone_secureRecords() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("mx1.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).containsExactly(PUBLISHED);
    assertThat(answer.authenticity()).isEqualTo(AuthenticitySource.VALIDATED_IN_PROCESS);
    assertThat(answer.queryName()).isEqualTo("_25._tcp.mx1.example.test");
    assertThat(answer.namesFollowed()).containsExactly("_25._tcp.mx1.example.test");
    assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.ttl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void mx_signedZone_secureRecordsWithPreferences() throws Exception {
    DnsAnswer<MxRecord> answer = dns.mx("example.test.");

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records())
        .containsExactlyInAnyOrder(
            new MxRecord(10, "mx1.example.test"), new MxRecord(20, "mx2.example.test"));
  }

  @Test
  void addresses_ipv4AndIpv6_secureRecords() throws Exception {
    DnsAnswer<InetAddress> v4 = dns.addresses("mx1.example.test", AddressFamily.IPV4);
    DnsAnswer<InetAddress> v6 = dns.addresses("mx1.example.test", AddressFamily.IPV6);

    assertThat(v4.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(v4.records()).containsExactly(InetAddress.getByName("192.0.2.1"));
    assertThat(v6.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(v6.records()).containsExactly(InetAddress.getByName("2001:db8::1"));
  }

  @Test
  void tlsa_nameWithOtherTypesOnly_secureNodata() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("nodata.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.NODATA);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.ttl()).as("TTL from the SOA record").isPositive();
  }

  @Test
  void tlsa_missingNameUnderNsec_secureNxdomain() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("missing.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.NXDOMAIN);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void tlsa_nsec3Zone_secureRecords() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("mx.nsec3.test");

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).containsExactly(PUBLISHED);
  }

  @Test
  void tlsa_missingNameUnderNsec3_secureNxdomain() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("missing.nsec3.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.NXDOMAIN);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
  }

  @Test
  void addresses_missingTypeUnderNsec3_secureNodata() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("mx.nsec3.test", AddressFamily.IPV6);

    assertThat(answer.kind()).isEqualTo(AnswerKind.NODATA);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
  }

  @Test
  void tlsa_insecureDelegation_insecureRecords() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("host.unsigned.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INSECURE);
    assertThat(answer.isLookupFailure()).isFalse();
  }

  @Test
  void addresses_optOutUnsignedChild_insecure() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("host.child.optout.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INSECURE);
  }

  @Test
  void addresses_optOutSignedName_secure() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("www.optout.test", AddressFamily.IPV4);

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
  }

  @ParameterizedTest
  @EnumSource(
      value = Breakage.class,
      names = {
        "EXPIRED_SIGNATURES",
        "NOT_YET_VALID_SIGNATURES",
        "WRONG_KEY",
        "MISSING_SIGNATURES",
        "UNSUPPORTED_ALGORITHM"
      })
  void tlsa_brokenSignatures_bogusFailure(Breakage breakage) throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa(DnsWorld.bogusHost(breakage));

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(answer.records()).isEmpty();
    assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(answer.reason()).startsWith("DNSSEC validation failed");
    assertThat(answer.extendedError()).isNotNull();
  }

  @Test
  void tlsa_dsWithoutMatchingDnskey_bogusFailure() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("mx.dsmismatch.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.BOGUS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mx.rsa.test", "mx.ed.test"})
  void tlsa_otherSigningAlgorithms_secureRecords(String host) throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa(host);

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).containsExactly(PUBLISHED);
  }

  @Test
  void addresses_servfail_failureWithRcode() throws Exception {
    DnsAnswer<InetAddress> answer =
        dns.addresses("servfail.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INDETERMINATE);
    assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(answer.reason()).contains("SERVFAIL");
  }

  @Test
  void addresses_refused_failureWithRcode() throws Exception {
    DnsAnswer<InetAddress> answer =
        dns.addresses("refused.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.rcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void addresses_noResponse_failureAfterRetry() throws Exception {
    world.server().clearQueryLog();

    DnsAnswer<InetAddress> answer =
        dns.addresses("silent.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INDETERMINATE);
    assertThat(answer.rcode()).isEqualTo(-1);
    assertThat(answer.reason()).contains("timed out");
    assertThat(queriesFor("silent.misbehave.example.test.", Type.A))
        .as("one query and one retry")
        .hasSize(2);
  }

  @Test
  void addresses_mismatchedId_responseDiscardedAndLookupFails() throws Exception {
    world.server().clearQueryLog();

    DnsAnswer<InetAddress> answer = dns.addresses("id.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).contains("id");
    assertThat(queriesFor("id.misbehave.example.test.", Type.A)).hasSize(2);
  }

  @Test
  void addresses_mismatchedQuestion_responseDiscardedAndLookupFails() throws Exception {
    DnsAnswer<InetAddress> answer =
        dns.addresses("question.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).contains("invalid name");
  }

  @Test
  void addresses_garbageResponse_failure() throws Exception {
    DnsAnswer<InetAddress> answer =
        dns.addresses("garbage.misbehave.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).startsWith("Invalid response");
  }

  @Test
  void tlsa_servfailForTlsaOnly_addressesStillSecure() throws Exception {
    String host = "tlsafail.misbehave.example.test";
    DnsAnswer<TlsaRecord> tlsa = tlsa(host);

    assertThat(tlsa.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(tlsa.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(dns.addresses("mx1.example.test", AddressFamily.IPV4).status())
        .isEqualTo(DnssecStatus.SECURE);
  }

  @Test
  void tlsa_throughCname_secureWithNamesFollowed() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("viacname.example.test");

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).containsExactly(PUBLISHED);
    assertThat(answer.namesFollowed())
        .containsExactly("_25._tcp.viacname.example.test", "_25._tcp.mx1.example.test");
    assertThat(answer.finalName()).isEqualTo("_25._tcp.mx1.example.test");
  }

  @Test
  void tlsa_throughDname_secureSharedRrset() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("viadname.example.test");

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).containsExactly(TlsaRecord.parse("3 1 1 " + DnsWorld.SHARED_HEX));
    assertThat(answer.namesFollowed())
        .containsExactly(
            "_25._tcp.viadname.example.test", "tlsa.dn.example.test", "tlsa.shared.test");
  }

  @Test
  void tlsa_cnameIntoUnsignedZone_insecure() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("intounsigned.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INSECURE);
    assertThat(answer.finalName()).isEqualTo("_25._tcp.host.unsigned.test");
  }

  @Test
  void addresses_aliasChain_secureThroughEveryHop() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("alias2.example.test", AddressFamily.IPV4);

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.namesFollowed())
        .containsExactly("alias2.example.test", "alias.example.test", "mx1.example.test");
  }

  @Test
  void addresses_danglingCname_nxdomainForTarget() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("dangling.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.NXDOMAIN);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.finalName()).isEqualTo("missing.example.test");
  }

  @Test
  void tlsa_largeRrset_retriedOverTcp() throws Exception {
    world.server().clearQueryLog();

    DnsAnswer<TlsaRecord> answer = tlsa("big.example.test");

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).hasSize(DnsWorld.BIG_RRSET_SIZE);
    assertThat(queriesFor("_25._tcp.big.example.test.", Type.TLSA))
        .extracting(ObservedQuery::transport)
        .containsExactly(Transport.UDP, Transport.TCP);
  }

  @Test
  void tlsa_emptyAssociationData_failureNamingTheCause() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("empty.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.isLookupFailure()).isTrue();
    assertThat(answer.reason()).contains("TLSA record with empty certificate association data");
  }

  @Test
  void tlsa_dnskeyQueriesTimeOut_failureNotInsecure() throws Exception {
    DnsAnswer<TlsaRecord> answer = tlsa("mx.slowkeys.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INDETERMINATE);
    assertThat(answer.reason()).contains("slowkeys.test./DNSKEY");
  }

  @Test
  void tlsa_nxdomainKeyTimeout_failure() throws Exception {
    // dnsjava's validator returns this NXDOMAIN without AD after the DNSKEY query failed; taken at
    // face value it would be an insecure denial, which would let DANE be skipped.
    DnsAnswer<TlsaRecord> answer = tlsa("missing.slowkeys.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INDETERMINATE);
    assertThat(answer.reason()).startsWith("DNSSEC status indeterminate");
  }

  @Test
  void addresses_nodataKeyTimeout_failure() throws Exception {
    // The validator also swallows the failed key query while it checks a NODATA response.
    DnsAnswer<InetAddress> answer = dns.addresses("mx.slowkeys.test", AddressFamily.IPV6);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INDETERMINATE);
  }

  @Test
  void addresses_cnameLoop_failure() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("loop1.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.isLookupFailure()).isTrue();
  }

  @Test
  void addresses_cnameLoop_reasonNamesLoop() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("loop1.example.test", AddressFamily.IPV4);

    assertThat(answer.reason())
        .isEqualTo(
            "CNAME loop at loop2.example.test: its CNAME target loop1.example.test was already"
                + " followed");
  }

  @Test
  void mx_cnameLoop_reasonNamesLoop() throws Exception {
    DnsAnswer<MxRecord> answer = dns.mx("loop2.example.test");

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).startsWith("CNAME loop at loop1.example.test: ");
    assertThat(answer.reason()).doesNotContain("NSEC");
  }

  @Test
  void addresses_bogusWithoutAlias_keepsValidationReason() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("mx.dsmismatch.test", AddressFamily.IPV4);

    assertThat(answer.status()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(answer.reason()).doesNotContain("CNAME");
  }

  @Test
  void addresses_chainLongerThanLimit_failure() throws Exception {
    try (DnsFetcher limited =
        new DnsjavaFetcherProvider().create(world.inProcess().maxAliasHops(5).build())) {
      DnsAnswer<InetAddress> answer =
          limited.blocking().addresses("c0.example.test", AddressFamily.IPV4);

      assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
      assertThat(answer.reason()).contains("longer than the limit of 5");
    }
  }

  @Test
  void addresses_chainWithinLimit_records() throws Exception {
    DnsAnswer<InetAddress> answer = dns.addresses("c0.example.test", AddressFamily.IPV4);

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.namesFollowed()).hasSize(DnsWorld.LONG_CHAIN_LENGTH + 1);
  }

  @Test
  void tlsa_moreRecordsThanLimit_failure() throws Exception {
    try (DnsFetcher limited =
        new DnsjavaFetcherProvider().create(world.inProcess().maxRecordsPerResponse(20).build())) {
      DnsAnswer<TlsaRecord> answer = limited.blocking().tlsa(TlsaQuery.tcp("big.example.test", 25));

      assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
      assertThat(answer.reason()).contains("more than the limit of 20");
    }
  }

  @Test
  void lookup_deadlineShorterThanResponse_failureTimedOut() throws Exception {
    try (DnsFetcher hasty =
        new DnsjavaFetcherProvider()
            .create(
                world
                    .inProcess()
                    .queryTimeout(Duration.ofSeconds(5))
                    .lookupTimeout(Duration.ofMillis(200))
                    .build())) {
      DnsAnswer<InetAddress> answer =
          hasty.blocking().addresses("silent.misbehave.example.test", AddressFamily.IPV4);

      assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
      assertThat(answer.reason()).contains("timed out after PT0.2S");
    }
  }

  @Test
  void lookup_afterClose_failure() throws Exception {
    DnsFetcher closed = new DnsjavaFetcherProvider().create(world.inProcess().build());
    closed.close();

    DnsAnswer<TlsaRecord> answer = closed.blocking().tlsa(TlsaQuery.tcp("mx1.example.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.reason()).contains("closed");
  }

  @Test
  void upstreamQueries_dnssecOkSet() throws Exception {
    world.server().clearQueryLog();

    tlsa("mx1.example.test");

    assertThat(world.queries()).isNotEmpty().allMatch(ObservedQuery::dnssecOk);
  }

  @Test
  void keyCache_knownZone_noKeyQueries() throws Exception {
    try (DnsFetcher fresh = new DnsjavaFetcherProvider().create(world.inProcess().build())) {
      fresh.blocking().addresses("mx1.example.test", AddressFamily.IPV4);
      world.server().clearQueryLog();

      DnsAnswer<InetAddress> answer =
          fresh.blocking().addresses("mx2.example.test", AddressFamily.IPV4);

      assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(world.queries()).extracting(ObservedQuery::type).containsExactly(Type.A);
    }
  }

  @Test
  void coldLookup_oneQueryPerUncachedKeyRrset() throws Exception {
    try (DnsFetcher fresh = new DnsjavaFetcherProvider().create(world.inProcess().build())) {
      world.server().clearQueryLog();

      fresh.blocking().tlsa(TlsaQuery.tcp("mx1.example.test", 25));

      assertThat(world.queries())
          .extracting(query -> query.name() + " " + Type.string(query.type()))
          .containsExactlyInAnyOrder(
              "_25._tcp.mx1.example.test. TLSA",
              "test. DNSKEY",
              "example.test. DS",
              "example.test. DNSKEY");
    }
  }

  @Test
  void lookup_invalidName_illegalArgument() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> fetcher.mx("bad..name"))
        .withMessageContaining("bad..name");
  }

  private static List<ObservedQuery> queriesFor(String name, int type) {
    Name expected = Name.fromConstantString(name);
    return world.queries().stream()
        .filter(query -> query.name().equals(expected) && query.type() == type)
        .toList();
  }
}
