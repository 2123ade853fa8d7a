package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Attacks on {@link DnssecValidator}: an on-path attacker rewrites the responses of the testkit
 * server (a real loopback server) for chosen questions, using only records the zones signed, and
 * the validator must not report the forged answer secure or insecure.
 */
class ValidatorAdversarialTest {
  private static final Name WILD_ZONE = Name.fromConstantString("wild.test.");

  private static TestDnsServer server;
  private static UpstreamResolver upstream;
  private static DnsFetcherSettings settings;

  private final Map<String, Message> forged = new ConcurrentHashMap<>();

  @BeforeAll
  static void startServer() {
    TestZone wild =
        TestZone.builder("wild.test.")
            .wildcard("@", Type.A, "192.0.2.66")
            .a("b", "192.0.2.1")
            .a("x.b", "192.0.2.2")
            .build();
    TestZone nsec3 =
        TestZone.builder("nsec3.test.")
            .nsec3(0, "-", false)
            .wildcard("@", Type.A, "192.0.2.77")
            .a("b", "192.0.2.3")
            .a("x.b", "192.0.2.4")
            .build();
    TestZone sub = TestZone.builder("sub.alias.test.").a("www", "192.0.2.5").build();
    TestZone alias =
        TestZone.builder("alias.test.")
            .wildcard("@", Type.CNAME, "target.alias.test.")
            .a("target", "192.0.2.6")
            .delegate(sub)
            .build();
    TestZone root =
        TestZone.builder("test.").delegate(wild).delegate(nsec3).delegate(alias).build();
    server = TestDnsServer.builder().trustAnchor(root).build().start();
    settings =
        DnsFetcherSettings.builder()
            .resolver(server.address())
            .rootTrustAnchors(false)
            .trustAnchors(server.trustAnchors())
            .queryTimeout(Duration.ofSeconds(2))
            .retries(1)
            .build();
    upstream = UpstreamResolver.forAddresses(List.of(server.address()), settings);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @AfterEach
  void clearForgeries() {
    forged.clear();
  }

  /**
   * RFC 4035 section 5.3.4: a wildcard answer is proven only when the NSEC shows that no closer
   * match exists, that is when the closest encloser of the query name is the wildcard's parent.
   * Here {@code b.wild.test.} exists, so {@code y.b.wild.test.} can never match {@code
   * *.wild.test.} (the true answer is NXDOMAIN); the NSEC {@code x.b.wild.test.} covers the name
   * but proves {@code b.wild.test.} as its closest encloser.
   */
  @Test
  void wildcardAnswer_nsecShowsDeeperClosestEncloser_bogus() throws IOException {
    Name target = Name.fromConstantString("y.b.wild.test.");
    assertThat(status(target, Type.A)).as("the true answer").isEqualTo(DnssecStatus.SECURE);
    Message expansion = real(Name.fromConstantString("q.wild.test."), Type.A);
    Message nxdomain = real(target, Type.A);
    assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);

    Message forgery = response(target, Type.A, Rcode.NOERROR);
    for (RRset set : expansion.getSectionRRsets(Section.ANSWER)) {
      addRenamed(forgery, set, target, Section.ANSWER);
    }
    for (RRset set : nxdomain.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() == Type.NSEC
          && set.getName().equals(Name.fromConstantString("x.b.wild.test."))) {
        addAll(forgery, set, Section.AUTHORITY);
      }
    }
    forge(target, Type.A, forgery);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /** The same attack with NSEC3 is caught: the next closer name {@code b} exists (RFC 5155 8.8). */
  @Test
  void wildcardAnswer_nsec3NextCloserExists_bogus() throws IOException {
    Name target = Name.fromConstantString("y.b.nsec3.test.");
    Message expansion = real(Name.fromConstantString("q.nsec3.test."), Type.A);
    Message nxdomain = real(target, Type.A);

    Message forgery = response(target, Type.A, Rcode.NOERROR);
    for (RRset set : expansion.getSectionRRsets(Section.ANSWER)) {
      addRenamed(forgery, set, target, Section.ANSWER);
    }
    for (RRset set : nxdomain.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() == Type.NSEC3) {
        addAll(forgery, set, Section.AUTHORITY);
      }
    }
    forge(target, Type.A, forgery);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /**
   * Data in a zone below the trust anchor {@code test.} whose RRSIG names a signer above the anchor
   * (the root): the data can only be secure or bogus, since the anchor is the top of its chain of
   * trust (RFC 4035 section 4.3); the validator must not call it insecure.
   */
  @Test
  void answer_rrsigSignerAboveTrustAnchor_bogus() throws IOException {
    Name target = Name.fromConstantString("b.wild.test.");
    Message original = real(target, Type.A);
    RRSIGRecord signature = original.getSectionRRsets(Section.ANSWER).get(0).sigs().get(0);

    Message forgery = response(target, Type.A, Rcode.NOERROR);
    forgery.addRecord(
        new ARecord(target, DClass.IN, 3600, new byte[] {(byte) 203, 0, 113, 66}), Section.ANSWER);
    forgery.addRecord(resigned(signature, target, Name.root), Section.ANSWER);
    forge(target, Type.A, forgery);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /** A forged NXDOMAIN for an existing name, its NSEC "signed" by a signer above the anchor. */
  @Test
  void nxdomain_nsecSignerAboveTrustAnchor_bogus() throws IOException {
    Name target = Name.fromConstantString("b.wild.test.");
    Message original = real(target, Type.A);
    RRSIGRecord signature = original.getSectionRRsets(Section.ANSWER).get(0).sigs().get(0);

    Message forgery = response(target, Type.A, Rcode.NXDOMAIN);
    NSECRecord nsec =
        new NSECRecord(
            WILD_ZONE, DClass.IN, 3600, Name.fromConstantString("c.wild.test."), new int[] {1});
    forgery.addRecord(nsec, Section.AUTHORITY);
    RRSIGRecord nsecSignature =
        new RRSIGRecord(
            WILD_ZONE,
            DClass.IN,
            3600,
            Type.NSEC,
            signature.getAlgorithm(),
            3600,
            signature.getExpire(),
            signature.getTimeSigned(),
            signature.getFootprint(),
            Name.root,
            signature.getSignature());
    forgery.addRecord(nsecSignature, Section.AUTHORITY);
    forge(target, Type.A, forgery);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /**
   * The parent's NSEC at the delegation {@code wild.test.} (NS, DS) says nothing about names below
   * the cut (RFC 6840 section 4.1), so it cannot deny {@code b.wild.test.}.
   */
  @Test
  void nxdomain_parentNsecAtDelegation_bogus() throws IOException {
    Name target = Name.fromConstantString("b.wild.test.");
    Message parentDenial = real(Name.fromConstantString("zzz.test."), Type.A);

    Message forgery = response(target, Type.A, Rcode.NXDOMAIN);
    boolean found = false;
    for (RRset set : parentDenial.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() == Type.NSEC && set.getName().equals(WILD_ZONE)) {
        addAll(forgery, set, Section.AUTHORITY);
        found = true;
      }
    }
    assertThat(found).as("the parent's NSEC at the cut").isTrue();
    forge(target, Type.A, forgery);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /**
   * The child's apex NSEC (SOA, no DS) is signed by the child, so it cannot deny the DS RRset that
   * the parent holds (RFC 6840 section 4.4); stripping the DS with it must not make the zone
   * insecure.
   */
  @Test
  void dsDenial_childApexNsec_notInsecure() throws IOException {
    Name target = Name.fromConstantString("b.wild.test.");
    Message childNodata = real(WILD_ZONE, Type.TXT);

    Message forgery = response(WILD_ZONE, Type.DS, Rcode.NOERROR);
    for (RRset set : childNodata.getSectionRRsets(Section.AUTHORITY)) {
      addAll(forgery, set, Section.AUTHORITY);
    }
    forge(WILD_ZONE, Type.DS, forgery);
    Message unsigned = response(target, Type.A, Rcode.NOERROR);
    unsigned.addRecord(
        new ARecord(target, DClass.IN, 3600, new byte[] {(byte) 203, 0, 113, 66}), Section.ANSWER);
    forge(target, Type.A, unsigned);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /**
   * The TTL is not covered by the signature, so an attacker can raise it; a validator caps it at
   * the RRSIG's original TTL (RFC 4035 section 5.3.3). The TTL that the fetcher reads from the
   * validated response must not exceed the zone's 3600 s.
   */
  @Test
  void answerTtl_raisedByAttacker_cappedAtOriginalTtl() throws IOException {
    Name target = Name.fromConstantString("b.wild.test.");
    Message original = real(target, Type.A);
    RRset set = original.getSectionRRsets(Section.ANSWER).get(0);

    Message forgery = response(target, Type.A, Rcode.NOERROR);
    for (Record record : set.rrs(false)) {
      forgery.addRecord(
          Record.newRecord(
              record.getName(),
              record.getType(),
              record.getDClass(),
              10_000_000L,
              record.rdataToWireCanonical()),
          Section.ANSWER);
    }
    for (RRSIGRecord signature : set.sigs()) {
      // Neither TTL field of the RRSIG record is covered, only its original TTL field.
      forgery.addRecord(
          new RRSIGRecord(
              target,
              DClass.IN,
              10_000_000L,
              signature.getTypeCovered(),
              signature.getAlgorithm(),
              signature.getOrigTTL(),
              signature.getExpire(),
              signature.getTimeSigned(),
              signature.getFootprint(),
              signature.getSigner(),
              signature.getSignature()),
          Section.ANSWER);
    }
    forge(target, Type.A, forgery);

    Message validated = validated(target, Type.A);
    assertThat(validated.getHeader().getFlag(Flags.AD)).isTrue();
    assertThat(
            ResponseReader.readAnswer(validated, target, Type.A, java.time.Instant.now())
                .ttlSeconds())
        .isLessThanOrEqualTo(set.sigs().get(0).getOrigTTL());
  }

  /**
   * The TTL and MINIMUM of the SOA record decide how long the fetcher lets a negative answer be
   * cached (RFC 2308 section 5). A forged SOA without its signatures, next to a valid NSEC proof,
   * makes the answer bogus, so that it cannot stretch that time (RFC 4035 section 5.4).
   */
  @Test
  void negativeTtl_forgedUnsignedSoa_bogus() throws IOException {
    // Below the existing b.wild.test., so the apex wildcard does not apply.
    Name target = Name.fromConstantString("y.b.wild.test.");
    Message original = real(target, Type.A);
    assertThat(original.getRcode()).isEqualTo(Rcode.NXDOMAIN);

    Message forgery = response(target, Type.A, Rcode.NXDOMAIN);
    for (RRset set : original.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() == Type.SOA) {
        SOARecord soa = (SOARecord) set.first();
        forgery.addRecord(
            new SOARecord(
                soa.getName(),
                DClass.IN,
                10_000_000L,
                soa.getHost(),
                soa.getAdmin(),
                soa.getSerial(),
                soa.getRefresh(),
                soa.getRetry(),
                soa.getExpire(),
                10_000_000L),
            Section.AUTHORITY);
      } else {
        addAll(forgery, set, Section.AUTHORITY);
      }
    }
    forge(target, Type.A, forgery);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /**
   * A negative answer in a signed zone without its SOA record is bogus (RFC 4035 section 3.1.3).
   */
  @Test
  void nxdomain_soaStripped_bogus() throws IOException {
    Name target = Name.fromConstantString("y.b.wild.test.");
    Message original = real(target, Type.A);

    Message forgery = response(target, Type.A, Rcode.NXDOMAIN);
    for (RRset set : original.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() != Type.SOA) {
        addAll(forgery, set, Section.AUTHORITY);
      }
    }
    forge(target, Type.A, forgery);

    assertThat(status(target, Type.A)).isEqualTo(DnssecStatus.BOGUS);
  }

  /**
   * The TTL field of the signed SOA record is not covered by its signature, so an attacker can
   * raise it. The negative TTL stays at most what the zone signed: min(TTL, MINIMUM, original TTL).
   */
  @Test
  void negativeTtl_signedSoaTtlRaised_cappedAtSignedValues() throws IOException {
    Name target = Name.fromConstantString("y.b.wild.test.");
    Message original = real(target, Type.A);

    Message forgery = response(target, Type.A, Rcode.NXDOMAIN);
    long signedTtl = Long.MAX_VALUE;
    for (RRset set : original.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() != Type.SOA) {
        addAll(forgery, set, Section.AUTHORITY);
        continue;
      }
      SOARecord soa = (SOARecord) set.first();
      signedTtl = Math.min(soa.getTTL(), soa.getMinimum());
      forgery.addRecord(withTtl(soa, 10_000_000L), Section.AUTHORITY);
      for (RRSIGRecord signature : set.sigs()) {
        signedTtl = Math.min(signedTtl, signature.getOrigTTL());
        forgery.addRecord(withTtl(signature, 10_000_000L), Section.AUTHORITY);
      }
    }
    forge(target, Type.A, forgery);

    Message validated = validated(target, Type.A);
    assertThat(validated.getHeader().getFlag(Flags.AD)).isTrue();
    assertThat(ResponseReader.negativeTtl(validated)).isLessThanOrEqualTo(signedTtl);
  }

  /**
   * A CNAME expanded from a wildcard proves only that its owner does not exist, and only with the
   * wildcard proof (RFC 4035 section 5.3.4). Replayed in place of the DS RRset of the delegation
   * {@code sub.alias.test.}, without that proof, it must not let the walk continue with the
   * parent's keys as if no zone cut were there.
   */
  @Test
  void keysFor_dsReplacedByWildcardCname_bogus() throws IOException {
    Name delegation = Name.fromConstantString("sub.alias.test.");
    Message expansion = real(Name.fromConstantString("q.alias.test."), Type.CNAME);

    Message forgery = response(delegation, Type.DS, Rcode.NOERROR);
    for (RRset set : expansion.getSectionRRsets(Section.ANSWER)) {
      addRenamed(forgery, set, delegation, Section.ANSWER);
    }
    for (RRset set : expansion.getSectionRRsets(Section.AUTHORITY)) {
      addAll(forgery, set, Section.AUTHORITY);
    }
    forge(delegation, Type.DS, forgery);
    ChainOfTrust chain =
        new ChainOfTrust(
            new Forger(),
            Runnable::run,
            TrustAnchors.records(settings),
            new KeyCache(),
            new InFlightQueries(),
            java.time.Instant.now(),
            new ValidationLimits());

    ChainOfTrust.ZoneKeys keys = chain.keysFor(delegation).join();

    assertThat(keys.verdict().security()).isEqualTo(Verdict.Security.BOGUS);
  }

  // The forging resolver and helpers.

  private void forge(Name name, int type, Message response) {
    forged.put(key(name, type), response);
  }

  private static String key(Name name, int type) {
    return name.toString().toLowerCase(java.util.Locale.ROOT) + "/" + type;
  }

  private static Message real(Name name, int type) throws IOException {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().setFlag(Flags.CD);
    return upstream.send(query);
  }

  private static Message response(Name name, int type, int rcode) {
    Message message = new Message();
    message.getHeader().setFlag(Flags.QR);
    message.getHeader().setFlag(Flags.RD);
    message.getHeader().setFlag(Flags.RA);
    message.getHeader().setRcode(rcode);
    message.addRecord(Record.newRecord(name, type, DClass.IN), Section.QUESTION);
    return message;
  }

  private static void addAll(Message message, RRset set, int section) {
    for (Record record : set.rrs(false)) {
      message.addRecord(record, section);
    }
    for (RRSIGRecord signature : set.sigs()) {
      message.addRecord(signature, section);
    }
  }

  private static void addRenamed(Message message, RRset set, Name owner, int section) {
    for (Record record : set.rrs(false)) {
      message.addRecord(record.withName(owner), section);
    }
    for (RRSIGRecord signature : set.sigs()) {
      message.addRecord(signature.withName(owner), section);
    }
  }

  private static Record withTtl(Record record, long ttl) {
    return Record.newRecord(
        record.getName(), record.getType(), record.getDClass(), ttl, record.rdataToWireCanonical());
  }

  private static RRSIGRecord resigned(RRSIGRecord signature, Name owner, Name signer) {
    return new RRSIGRecord(
        owner,
        DClass.IN,
        signature.getTTL(),
        signature.getTypeCovered(),
        signature.getAlgorithm(),
        signature.getOrigTTL(),
        signature.getExpire(),
        signature.getTimeSigned(),
        signature.getFootprint(),
        signer,
        signature.getSignature());
  }

  private Message validated(Name name, int type) {
    Resolver attacker = new Forger();
    DnssecValidator validator =
        new DnssecValidator(
            attacker, TrustAnchors.records(settings), Clock.systemUTC(), settings.udpPayloadSize());
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    return validator.sendAsync(query).toCompletableFuture().join();
  }

  private DnssecStatus status(Name name, int type) {
    Message response;
    try {
      response = validated(name, type);
    } catch (CompletionException e) {
      return DnssecStatus.INDETERMINATE;
    }
    if (response.getRcode() == Rcode.SERVFAIL) {
      return DnssecStatus.BOGUS;
    }
    return response.getHeader().getFlag(Flags.AD) ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
  }

  /** Answers the forged questions itself and passes every other query to the real server. */
  private final class Forger implements Resolver {
    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      Record question = query.getQuestion();
      Message forgery = forged.get(key(question.getName(), question.getType()));
      if (forgery == null) {
        return upstream.sendAsync(query, executor);
      }
      Message copy = forgery.clone();
      copy.getHeader().setID(query.getHeader().getID());
      return CompletableFuture.completedFuture(copy);
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
  }
}
