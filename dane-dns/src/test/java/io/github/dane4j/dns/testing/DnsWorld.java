package io.github.dane4j.dns.testing;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.testkit.dns.Behaviour;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.ObservedQuery;
import io.github.dane4j.testkit.dns.Reply;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Type;

/**
 * A zone tree on the testkit DNS server for the fetcher tests, with {@code test.} as the only trust
 * anchor:
 *
 * <ul>
 *   <li>{@code example.test.}: signed (NSEC); MX, addresses, TLSA, CNAME and DNAME layouts, a large
 *       TLSA RRset, an empty TLSA record, alias loops and long chains;
 *   <li>{@code nsec3.test.}: signed with NSEC3; {@code optout.test.}: NSEC3 with opt-out and an
 *       unsigned child {@code child.optout.test.};
 *   <li>{@code unsigned.test.}: an insecure delegation, with aliases into {@code example.test.};
 *   <li>{@code bogus.test.}: one TLSA RRset for each kind of signature breakage; {@code
 *       dsmismatch.test.}: a DS that matches no DNSKEY; {@code rsa.test.} and {@code ed.test.}:
 *       other algorithms;
 *   <li>{@code slowkeys.test.}: a signed zone whose DNSKEY queries time out.
 * </ul>
 *
 * <p>Scripted misbehaviour answers queries for names under {@code misbehave.example.test.}.
 */
public final class DnsWorld implements AutoCloseable {

  /** A SHA-256 sized association data value, in hex. */
  public static final String HEX =
      "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20";

  /** Another one, for the shared RRset behind the DNAME. */
  public static final String SHARED_HEX =
      "A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0";

  /** Number of records in {@code _25._tcp.big.example.test.}, enough to need TCP. */
  public static final int BIG_RRSET_SIZE = 40;

  /** Length of the CNAME chain that starts at {@code c0.example.test.}. */
  public static final int LONG_CHAIN_LENGTH = 6;

  private final TestDnsServer server;

  private DnsWorld(TestDnsServer server) {
    this.server = server;
  }

  /** Builds the zones and starts the server on an ephemeral loopback port. */
  public static DnsWorld start() {
    TestZone example = example();
    TestZone unsigned =
        TestZone.builder("unsigned.test.")
            .unsigned()
            .a("host", "192.0.2.10")
            .tlsa("_25._tcp.host", 3, 1, 1, HEX)
            .cname("alias", "mx1.example.test.")
            .cname("alias2", "alias.example.test.")
            .build();
    TestZone nsec3 =
        TestZone.builder("nsec3.test.")
            .nsec3(0, "-", false)
            .a("mx", "192.0.2.30")
            .tlsa("_25._tcp.mx", 3, 1, 1, HEX)
            .build();
    TestZone optOutChild =
        TestZone.builder("child.optout.test.").unsigned().a("host", "192.0.2.40").build();
    TestZone optOut =
        TestZone.builder("optout.test.")
            .nsec3(0, "-", true)
            .a("www", "192.0.2.41")
            .delegate(optOutChild)
            .build();
    TestZone bogus = bogus();
    TestZone dsMismatch =
        TestZone.builder("dsmismatch.test.")
            .a("mx", "192.0.2.60")
            .tlsa("_25._tcp.mx", 3, 1, 1, HEX)
            .broken(Breakage.DS_WITHOUT_MATCHING_DNSKEY)
            .build();
    TestZone rsa =
        TestZone.builder("rsa.test.")
            .signed(DNSSEC.Algorithm.RSASHA256)
            .tlsa("_25._tcp.mx", 3, 1, 1, HEX)
            .build();
    TestZone ed25519 =
        TestZone.builder("ed.test.")
            .signed(DNSSEC.Algorithm.ED25519)
            .tlsa("_25._tcp.mx", 3, 1, 1, HEX)
            .build();
    TestZone shared = TestZone.builder("shared.test.").tlsa("tlsa", 3, 1, 1, SHARED_HEX).build();
    TestZone slowKeys =
        TestZone.builder("slowkeys.test.")
            .a("mx", "192.0.2.70")
            .tlsa("_25._tcp.mx", 3, 1, 1, HEX)
            .build();
    TestZone root =
        TestZone.builder("test.")
            .delegate(example)
            .delegate(unsigned)
            .delegate(nsec3)
            .delegate(optOut)
            .delegate(bogus)
            .delegate(dsMismatch)
            .delegate(rsa)
            .delegate(ed25519)
            .delegate(shared)
            .delegate(slowKeys)
            .build();

    TestDnsServer.Builder builder = TestDnsServer.builder().trustAnchor(root);
    for (Behaviour behaviour : behaviours()) {
      builder.behaviour(behaviour);
    }
    return new DnsWorld(builder.build().start());
  }

  private static TestZone example() {
    TestZone.Builder zone =
        TestZone.builder("example.test.")
            .mx("@", 10, "mx1.example.test.")
            .mx("@", 20, "mx2.example.test.")
            .a("mx1", "192.0.2.1")
            .aaaa("mx1", "2001:db8::1")
            .tlsa("_25._tcp.mx1", 3, 1, 1, HEX)
            .a("mx2", "192.0.2.2")
            .txt("_25._tcp.nodata", "not a TLSA record")
            .cname("alias", "mx1.example.test.")
            .cname("alias2", "alias.example.test.")
            .cname("outside", "host.unsigned.test.")
            .cname("dangling", "missing.example.test.")
            .cname("_25._tcp.viacname", "_25._tcp.mx1.example.test.")
            .cname("_25._tcp.intounsigned", "_25._tcp.host.unsigned.test.")
            .cname("_25._tcp.viadname", "tlsa.dn.example.test.")
            .dname("dn", "shared.test.")
            .tlsaRaw("_25._tcp.empty", new byte[] {3, 1, 1})
            .cname("loop1", "loop2.example.test.")
            .cname("loop2", "loop1.example.test.");
    for (int i = 0; i < BIG_RRSET_SIZE; i++) {
      zone.tlsa("_25._tcp.big", 3, 1, 1, String.format("%064X", i + 1));
    }
    for (int i = 0; i < LONG_CHAIN_LENGTH; i++) {
      zone.cname("c" + i, "c" + (i + 1) + ".example.test.");
    }
    zone.a("c" + LONG_CHAIN_LENGTH, "192.0.2.99");
    return zone.build();
  }

  private static TestZone bogus() {
    TestZone.Builder zone = TestZone.builder("bogus.test.").a("mx", "192.0.2.50");
    for (Breakage breakage :
        List.of(
            Breakage.EXPIRED_SIGNATURES,
            Breakage.NOT_YET_VALID_SIGNATURES,
            Breakage.WRONG_KEY,
            Breakage.MISSING_SIGNATURES,
            Breakage.UNSUPPORTED_ALGORITHM)) {
      String owner = "_25._tcp." + bogusLabel(breakage);
      zone.tlsa(owner, 3, 1, 1, HEX).broken(owner, Type.TLSA, breakage);
    }
    return zone.build();
  }

  /**
   * Returns the host in {@code bogus.test.} whose TLSA RRset has {@code breakage}, for example
   * {@code expired-signatures.bogus.test}.
   */
  public static String bogusHost(Breakage breakage) {
    return bogusLabel(breakage) + ".bogus.test";
  }

  private static String bogusLabel(Breakage breakage) {
    return breakage.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static List<Behaviour> behaviours() {
    return List.of(
        Behaviour.forName("servfail.misbehave.example.test.", Reply.servfail()),
        Behaviour.forName("refused.misbehave.example.test.", Reply.refused()),
        Behaviour.forName("silent.misbehave.example.test.", Reply.none()),
        Behaviour.forName("id.misbehave.example.test.", Reply.mismatchedId()),
        Behaviour.forName("question.misbehave.example.test.", Reply.mismatchedQuestion()),
        Behaviour.forName("garbage.misbehave.example.test.", Reply.garbage()),
        Behaviour.forQuery(
            "_25._tcp.tlsafail.misbehave.example.test.", Type.TLSA, Reply.servfail()),
        Behaviour.forQuery("slowkeys.test.", Type.DNSKEY, Reply.none()));
  }

  /** Returns the server. */
  public TestDnsServer server() {
    return server;
  }

  /** Returns the queries the server received, oldest first. */
  public List<ObservedQuery> queries() {
    return server.queryLog();
  }

  /**
   * Returns settings for in-process validation against this world: the server as the only resolver,
   * {@code test.} as the only trust anchor, and short timeouts.
   */
  public DnsFetcherSettings.Builder inProcess() {
    return DnsFetcherSettings.builder()
        .resolver(server.address())
        .rootTrustAnchors(false)
        .trustAnchors(server.trustAnchors())
        .queryTimeout(Duration.ofMillis(400))
        .retries(1)
        .lookupTimeout(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    server.close();
  }
}
