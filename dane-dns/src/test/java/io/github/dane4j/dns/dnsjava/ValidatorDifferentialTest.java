package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.testkit.dns.Behaviour;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.Reply;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

/**
 * Sends the same queries to {@link DnssecValidator} and to dnsjava 3.6.4's {@code
 * ValidatingResolver}, both over the testkit DNS server, and compares the status each reports with
 * the status the RFCs require.
 *
 * <p>Where the two validators differ, the expected status is ours and the case names the RFC
 * section that decides; every other case expects both to agree.
 */
class ValidatorDifferentialTest {
  private static TestDnsServer server;
  private static Resolver ours;
  private static Resolver theirs;

  @BeforeAll
  static void startServer() {
    TestZone signed =
        TestZone.builder("nsec.test.")
            .a("www", "192.0.2.1")
            .tlsa("_25._tcp.www", 3, 1, 1, "0102030405060708090A0B0C0D0E0F10")
            .wildcard("wild", Type.A, "192.0.2.2")
            .cname("alias", "www.nsec.test.")
            .cname("alias2", "alias.nsec.test.")
            .cname("outside", "host.plain.test.")
            .cname("dangling", "missing.nsec.test.")
            .dname("dn", "nsec3.test.")
            .build();
    TestZone nsec3 =
        TestZone.builder("nsec3.test.")
            .nsec3(0, "-", false)
            .a("www", "192.0.2.3")
            .a("deep.ent", "192.0.2.4")
            .wildcard("wild", Type.A, "192.0.2.5")
            .build();
    TestZone optOutChild =
        TestZone.builder("child.optout.test.").unsigned().a("host", "192.0.2.6").build();
    TestZone optOut =
        TestZone.builder("optout.test.")
            .nsec3(0, "-", true)
            .a("www", "192.0.2.7")
            .delegate(optOutChild)
            .build();
    TestZone costly =
        TestZone.builder("costly.test.").nsec3(200, "AB", false).a("www", "192.0.2.14").build();
    TestZone plain = TestZone.builder("plain.test.").unsigned().a("host", "192.0.2.8").build();
    TestZone expired =
        TestZone.builder("expired.test.")
            .a("www", "192.0.2.9")
            .broken(Breakage.EXPIRED_SIGNATURES)
            .build();
    TestZone mismatch =
        TestZone.builder("mismatch.test.")
            .a("www", "192.0.2.10")
            .broken(Breakage.DS_WITHOUT_MATCHING_DNSKEY)
            .build();
    TestZone unsupported =
        TestZone.builder("unsupported.test.")
            .a("www", "192.0.2.11")
            .broken(Breakage.UNSUPPORTED_ALGORITHM)
            .build();
    TestZone noKeys = TestZone.builder("nokeys.test.").a("www", "192.0.2.12").build();
    TestZone.Builder bogus = TestZone.builder("bogus.test.");
    for (Breakage breakage :
        List.of(
            Breakage.EXPIRED_SIGNATURES,
            Breakage.NOT_YET_VALID_SIGNATURES,
            Breakage.WRONG_KEY,
            Breakage.MISSING_SIGNATURES,
            Breakage.UNSUPPORTED_ALGORITHM)) {
      String owner = breakage.name().toLowerCase(Locale.ROOT).replace('_', '-');
      bogus.a(owner, "192.0.2.13").broken(owner, Type.A, breakage);
    }
    TestZone root =
        TestZone.builder("test.")
            .delegate(signed)
            .delegate(nsec3)
            .delegate(optOut)
            .delegate(plain)
            .delegate(costly)
            .delegate(expired)
            .delegate(mismatch)
            .delegate(unsupported)
            .delegate(noKeys)
            .delegate(bogus.build())
            .build();
    server =
        TestDnsServer.builder()
            .trustAnchor(root)
            .behaviour(Behaviour.forQuery("nokeys.test.", Type.DNSKEY, Reply.rcode(Rcode.NOERROR)))
            .build()
            .start();

    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(server.address())
            .rootTrustAnchors(false)
            .trustAnchors(server.trustAnchors())
            .queryTimeout(Duration.ofSeconds(2))
            .retries(1)
            .build();
    UpstreamResolver upstream = UpstreamResolver.forAddresses(List.of(server.address()), settings);
    ours =
        new DnssecValidator(
            upstream, TrustAnchors.records(settings), Clock.systemUTC(), settings.udpPayloadSize());
    theirs = DnsjavaFetcherProvider.validator(upstream, settings);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static Stream<Arguments> agreed() {
    return Stream.of(
        Arguments.of("www.nsec.test.", Type.A, DnssecStatus.SECURE),
        Arguments.of("_25._tcp.www.nsec.test.", Type.TLSA, DnssecStatus.SECURE),
        Arguments.of("www.nsec.test.", Type.AAAA, DnssecStatus.SECURE), // NSEC NODATA
        Arguments.of("_tcp.www.nsec.test.", Type.A, DnssecStatus.SECURE), // empty non-terminal
        Arguments.of("missing.nsec.test.", Type.A, DnssecStatus.SECURE), // NSEC NXDOMAIN
        Arguments.of("a.wild.nsec.test.", Type.A, DnssecStatus.SECURE), // NSEC wildcard
        Arguments.of("a.wild.nsec.test.", Type.AAAA, DnssecStatus.SECURE), // wildcard NODATA
        Arguments.of("x.y.wild.nsec.test.", Type.A, DnssecStatus.SECURE), // two labels deep
        Arguments.of("alias2.nsec.test.", Type.A, DnssecStatus.SECURE), // CNAME chain
        Arguments.of("dangling.nsec.test.", Type.A, DnssecStatus.SECURE), // CNAME to NXDOMAIN
        Arguments.of("outside.nsec.test.", Type.A, DnssecStatus.INSECURE), // CNAME into unsigned
        Arguments.of("www.dn.nsec.test.", Type.A, DnssecStatus.SECURE), // DNAME
        Arguments.of("www.nsec3.test.", Type.A, DnssecStatus.SECURE),
        Arguments.of("www.nsec3.test.", Type.AAAA, DnssecStatus.SECURE), // NSEC3 NODATA
        Arguments.of("ent.nsec3.test.", Type.A, DnssecStatus.SECURE), // NSEC3 empty non-terminal
        Arguments.of("missing.nsec3.test.", Type.A, DnssecStatus.SECURE), // NSEC3 NXDOMAIN
        Arguments.of("a.wild.nsec3.test.", Type.A, DnssecStatus.SECURE), // NSEC3 wildcard
        Arguments.of("a.wild.nsec3.test.", Type.TXT, DnssecStatus.SECURE), // NSEC3 wildcard NODATA
        Arguments.of("x.y.wild.nsec3.test.", Type.A, DnssecStatus.SECURE),
        Arguments.of("www.optout.test.", Type.A, DnssecStatus.SECURE),
        Arguments.of("host.child.optout.test.", Type.A, DnssecStatus.INSECURE), // opt-out
        Arguments.of("missing.optout.test.", Type.A, DnssecStatus.INSECURE),
        Arguments.of("www.costly.test.", Type.A, DnssecStatus.SECURE),
        Arguments.of("missing.costly.test.", Type.A, DnssecStatus.INSECURE),
        Arguments.of("host.plain.test.", Type.A, DnssecStatus.INSECURE), // insecure delegation
        Arguments.of("missing.plain.test.", Type.A, DnssecStatus.INSECURE),
        Arguments.of(
            "www.unsupported.test.", Type.A, DnssecStatus.INSECURE), // RFC 4035 section 5.2
        Arguments.of("www.expired.test.", Type.A, DnssecStatus.BOGUS),
        Arguments.of("www.mismatch.test.", Type.A, DnssecStatus.BOGUS),
        Arguments.of("www.nokeys.test.", Type.A, DnssecStatus.BOGUS), // DNSKEY missing
        Arguments.of("expired-signatures.bogus.test.", Type.A, DnssecStatus.BOGUS),
        Arguments.of("not-yet-valid-signatures.bogus.test.", Type.A, DnssecStatus.BOGUS),
        Arguments.of("wrong-key.bogus.test.", Type.A, DnssecStatus.BOGUS),
        Arguments.of("missing-signatures.bogus.test.", Type.A, DnssecStatus.BOGUS),
        Arguments.of("unsupported-algorithm.bogus.test.", Type.A, DnssecStatus.BOGUS));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("agreed")
  void validators_sameScenario_sameStatus(String name, int type, DnssecStatus expected) {
    assertThat(status(ours, name, type)).as("DnssecValidator").isEqualTo(expected);
    assertThat(status(theirs, name, type)).as("dnsjava's ValidatingResolver").isEqualTo(expected);
  }

  /**
   * A NODATA proof by NSEC3 records with 200 iterations: RFC 9276 section 3.2 lets a validator
   * treat NSEC3 records above its iteration limit (150 here) as insecure, which this validator does
   * for every kind of denial. dnsjava 3.6.4 does so for the NXDOMAIN case above but reports this
   * NODATA as bogus.
   */
  @Test
  void validators_nodataAboveIterationLimit_differ() {
    assertThat(status(ours, "www.costly.test.", Type.AAAA)).isEqualTo(DnssecStatus.INSECURE);
    assertThat(status(theirs, "www.costly.test.", Type.AAAA)).isEqualTo(DnssecStatus.BOGUS);
  }

  /** Returns the status a validating resolver reports for one query, as QueryOutcome reads it. */
  private static DnssecStatus status(Resolver resolver, String name, int type) {
    Message query =
        Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    Message response;
    try {
      response = resolver.sendAsync(query).toCompletableFuture().join();
    } catch (CompletionException e) {
      return DnssecStatus.INDETERMINATE;
    }
    if (response.getRcode() == Rcode.SERVFAIL) {
      return DnssecStatus.BOGUS;
    }
    return response.getHeader().getFlag(Flags.AD) ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
  }
}
