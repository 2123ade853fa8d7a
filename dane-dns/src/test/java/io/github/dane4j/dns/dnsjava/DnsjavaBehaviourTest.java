package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.dns.testing.DnsWorld;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.ObservedQuery;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;
import org.xbill.DNS.dnssec.ValidatingResolver;
import org.xbill.DNS.lookup.LookupResult;

/**
 * Pins the dnsjava 3.6.4 behaviour that the dnsjava provider relies on, so that an upgrade that
 * changes any of it fails here first. Each test names what the provider does because of it.
 *
 * <p>The {@code validator_} tests pin dnsjava's {@code ValidatingResolver}, which the provider uses
 * only when {@code DnsjavaFetcherProvider.USE_OWN_VALIDATOR} is off and which
 * ValidatorDifferentialTest compares with {@link DnssecValidator}; DnssecValidatorTest holds the
 * same contract for the validator in use.
 */
class DnsjavaBehaviourTest {
  private static DnsWorld world;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
  }

  @AfterAll
  static void stopWorld() {
    world.close();
  }

  private static SimpleResolver stub() {
    SimpleResolver resolver = new SimpleResolver(world.server().address());
    resolver.setTimeout(Duration.ofMillis(400));
    return resolver;
  }

  private static ValidatingResolver validator(Resolver head) throws Exception {
    ValidatingResolver validator = new ValidatingResolver(head);
    validator.loadTrustAnchors(
        new ByteArrayInputStream(
            world.server().trustAnchors().getBytes(StandardCharsets.US_ASCII)));
    return validator;
  }

  private static Message query(String name, int type) {
    return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
  }

  private static Message send(Resolver resolver, Message query) {
    return resolver.sendAsync(query).toCompletableFuture().join();
  }

  /** QueryOutcome reads SECURE from the AD bit with RCODE NOERROR or NXDOMAIN. */
  @Test
  void validator_secureAnswer_adSetRcodeKept() throws Exception {
    Message response = send(validator(stub()), query("mx1.example.test.", Type.A));

    assertThat(response.getHeader().getFlag(Flags.AD)).isTrue();
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
  }

  /** QueryOutcome reads a validator SERVFAIL as bogus and shows its EDE and reason. */
  @Test
  void validator_bogus_servfailWithEde() throws Exception {
    Message response =
        send(
            validator(stub()),
            query("_25._tcp." + DnsWorld.bogusHost(Breakage.WRONG_KEY) + ".", Type.TLSA));

    assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(response.getHeader().getFlag(Flags.AD)).isFalse();
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(response.getOPT()).isNotNull();
    assertThat(response.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)).isNotEmpty();
    assertThat(ResponseReader.validationReason(response)).isNotEmpty();
  }

  /** QueryOutcome reads an answer without AD as insecure, not as a failure. */
  @Test
  void validator_unsignedZone_noAdRcodeKept() throws Exception {
    Message response = send(validator(stub()), query("host.unsigned.test.", Type.A));

    assertThat(response.getHeader().getFlag(Flags.AD)).isFalse();
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER)).isNotEmpty();
  }

  /** QuerySender never sets CD, because the validator then skips validation. */
  @Test
  void validator_queryWithCd_returnsBogusDataUnvalidated() throws Exception {
    Message query =
        query("_25._tcp." + DnsWorld.bogusHost(Breakage.EXPIRED_SIGNATURES) + ".", Type.TLSA);
    query.getHeader().setFlag(Flags.CD);

    Message response = send(validator(stub()), query);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER)).isNotEmpty();
  }

  /** The validator sends its upstream queries with CD set, as RFC 4035 section 4.9.2 expects. */
  @Test
  void validator_upstreamQueries_carryCdAndDo() throws Exception {
    world.server().clearQueryLog();

    send(validator(stub()), query("mx1.example.test.", Type.A));

    assertThat(world.queries()).isNotEmpty().allMatch(ObservedQuery::checkingDisabled);
    assertThat(world.queries()).allMatch(ObservedQuery::dnssecOk);
  }

  /**
   * LookupContext relies on the validator handing the caller's executor to every upstream query,
   * the DNSKEY and DS queries included.
   */
  @Test
  void validator_upstreamQueries_receiveCallersExecutor() throws Exception {
    RecordingResolver head = new RecordingResolver(stub());
    Executor mine = command -> ForkJoinPool.commonPool().execute(command);

    validator(head)
        .sendAsync(query("mx1.example.test.", Type.A), mine)
        .toCompletableFuture()
        .join();

    assertThat(head.types).contains(Type.A, Type.DNSKEY, Type.DS);
    assertThat(head.executors).containsExactly(mine);
  }

  /**
   * The reason for LookupContext: a failed DNSKEY query while the validator checks an NXDOMAIN
   * response is swallowed, and the NXDOMAIN comes back without AD, as if it were insecure.
   */
  @Test
  void validator_nxdomainKeyFailure_noAd() throws Exception {
    Message response = send(validator(stub()), query("missing.slowkeys.test.", Type.A));

    assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(response.getHeader().getFlag(Flags.AD)).isFalse();
  }

  /** The same failure for a positive answer surfaces as an exception. */
  @Test
  void validator_positiveAnswerWhileDnskeyQueryFails_exception() throws Exception {
    CompletionStage<Message> stage =
        validator(stub()).sendAsync(query("mx.slowkeys.test.", Type.A));

    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .isInstanceOf(CompletionException.class);
  }

  /** UpstreamResolver counts a mismatched ID as a failed attempt and retries. */
  @Test
  void simpleResolver_mismatchedId_wireParseException() {
    CompletionStage<Message> stage = stub().sendAsync(query("id.misbehave.example.test.", Type.A));

    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .hasCauseInstanceOf(WireParseException.class)
        .hasMessageContaining("invalid message id");
  }

  /** UpstreamResolver relies on SimpleResolver checking the question (RFC 5452 section 9.1). */
  @Test
  void simpleResolver_mismatchedQuestion_wireParseException() {
    CompletionStage<Message> stage =
        stub().sendAsync(query("question.misbehave.example.test.", Type.A));

    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .hasCauseInstanceOf(WireParseException.class)
        .hasMessageContaining("invalid name in message");
  }

  /** The provider relies on SimpleResolver retrying a truncated UDP response over TCP. */
  @Test
  void simpleResolver_truncatedUdpResponse_retriedOverTcp() {
    world.server().clearQueryLog();

    Message response = send(stub(), query("_25._tcp.big.example.test.", Type.TLSA));

    assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(response.getSection(Section.ANSWER)).hasSize(DnsWorld.BIG_RRSET_SIZE);
    assertThat(world.queries())
        .extracting(ObservedQuery::transport)
        .containsExactly(
            io.github.dane4j.testkit.dns.Transport.UDP, io.github.dane4j.testkit.dns.Transport.TCP);
  }

  /**
   * An empty TLSA association data field fails the whole message in dnsjava's parser, so the
   * provider reports the lookup as failed and explains the likely cause.
   */
  @Test
  void tlsaParser_emptyAssociationData_wholeMessageRejected() {
    CompletionStage<Message> stage =
        stub().sendAsync(query("_25._tcp.empty.example.test.", Type.TLSA));

    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .hasCauseInstanceOf(WireParseException.class)
        .hasMessageContaining("end of input");
  }

  /** LookupSession cannot report DNSSEC status, which is why the provider chases aliases itself. */
  @Test
  void lookupResult_authenticatedFlag_notPublic() throws Exception {
    Method getter = LookupResult.class.getDeclaredMethod("isAuthenticated");

    assertThat(Modifier.isPublic(getter.getModifiers())).isFalse();
  }

  /** UpstreamResolver rejects a response that Message.normalize returns null for. */
  @Test
  void normalize_twoDnamesAtOneOwner_null() throws Exception {
    Message query = query("tlsa.dn.example.test.", Type.TLSA);
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.addRecord(query.getQuestion(), Section.QUESTION);
    Name owner = Name.fromConstantString("dn.example.test.");
    response.addRecord(
        new DNAMERecord(owner, DClass.IN, 60, Name.fromConstantString("a.test.")), Section.ANSWER);
    response.addRecord(
        new DNAMERecord(owner, DClass.IN, 60, Name.fromConstantString("b.test.")), Section.ANSWER);

    assertThat(response.normalize(query)).isNull();
  }

  /** ResponseReader reads RRsets with rrs(false), because rrs() rotates the records. */
  @Test
  void rrset_rrsWithoutArgument_rotatesOrder() throws Exception {
    Message response = send(stub(), query("example.test.", Type.MX));
    org.xbill.DNS.RRset set = response.getSectionRRsets(Section.ANSWER).get(0);

    List<Record> first = set.rrs();
    List<Record> second = set.rrs();

    assertThat(first).containsExactlyInAnyOrderElementsOf(second);
    assertThat(first).isNotEqualTo(second);
    assertThat(set.rrs(false)).isEqualTo(set.rrs(false));
  }

  /** A head resolver that records the types asked and the executors passed. */
  private static final class RecordingResolver implements Resolver {
    private final Resolver delegate;
    final Set<Integer> types = ConcurrentHashMap.newKeySet();
    final Set<Executor> executors = ConcurrentHashMap.newKeySet();

    RecordingResolver(Resolver delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      types.add(query.getQuestion().getType());
      executors.add(executor);
      return delegate.sendAsync(query, executor);
    }

    @Override
    public void setPort(int port) {
      delegate.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
      delegate.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
      delegate.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
      delegate.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
      delegate.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
      delegate.setTimeout(timeout);
    }
  }
}
