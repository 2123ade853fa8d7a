package io.github.dane4j.testkit.dns;

import static io.github.dane4j.testkit.dns.DnsTestSupport.SHORT_TIMEOUT;
import static io.github.dane4j.testkit.dns.DnsTestSupport.answers;
import static io.github.dane4j.testkit.dns.DnsTestSupport.query;
import static io.github.dane4j.testkit.dns.DnsTestSupport.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/** Scripted misbehaviour, observed through a plain stub resolver. */
class BehaviourTest {

  private static final Duration DELAY = Duration.ofSeconds(2);

  private static TestDnsServer server;

  @BeforeAll
  static void startServer() {
    TestZone zone =
        TestZone.builder("example.test.")
            .a("mx", "192.0.2.25")
            .tlsa("_25._tcp.mx", 3, 1, 1, "0011223344556677")
            .a("servfail", "192.0.2.1")
            .a("refused", "192.0.2.2")
            .a("silent", "192.0.2.3")
            .a("wrong-id", "192.0.2.4")
            .a("wrong-question", "192.0.2.5")
            .a("garbage", "192.0.2.6")
            .a("slow", "192.0.2.7")
            .a("udp-truncated", "192.0.2.8")
            .a("throws", "192.0.2.9")
            .a("first-wins", "192.0.2.10")
            .build();
    server =
        TestDnsServer.builder()
            .zone(zone)
            .behaviour(Behaviour.forName("servfail.example.test.", Reply.servfail()))
            .behaviour(Behaviour.forName("refused.example.test.", Reply.refused()))
            .behaviour(Behaviour.forName("silent.example.test.", Reply.none()))
            .behaviour(Behaviour.forName("wrong-id.example.test.", Reply.mismatchedId()))
            .behaviour(
                Behaviour.forName("wrong-question.example.test.", Reply.mismatchedQuestion()))
            .behaviour(Behaviour.forName("garbage.example.test.", Reply.garbage()))
            .behaviour(Behaviour.forName("slow.example.test.", Reply.delayed(DELAY)))
            .behaviour(Behaviour.forType(Type.TLSA, Reply.servfail()))
            .behaviour(
                query ->
                    query.name().equals(DnsTestSupport.name("udp-truncated.example.test."))
                            && query.transport() == Transport.UDP
                        ? Reply.truncated()
                        : Reply.normal())
            .behaviour(
                query -> {
                  if (query.name().equals(DnsTestSupport.name("throws.example.test."))) {
                    throw new IllegalStateException("scripted failure");
                  }
                  return Reply.normal();
                })
            .behaviour(Behaviour.forQuery("first-wins.example.test.", Type.A, Reply.refused()))
            .behaviour(Behaviour.forQuery("first-wins.example.test.", Type.A, Reply.servfail()))
            .build()
            .start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static SimpleResolver shortStub() {
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTimeout(SHORT_TIMEOUT);
    return resolver;
  }

  @Test
  void servfail_scriptedName_servfail() throws Exception {
    Message response = resolve(shortStub(), "servfail.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(answers(response, Type.A)).isEmpty();
  }

  @Test
  void refused_scriptedName_refused() throws Exception {
    Message response = resolve(shortStub(), "refused.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void none_scriptedName_clientTimesOut() {
    assertThatThrownBy(() -> resolve(shortStub(), "silent.example.test.", Type.A))
        .isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void none_scriptedName_queryStillLogged() {
    assertThatThrownBy(() -> resolve(shortStub(), "silent.example.test.", Type.TXT))
        .isInstanceOf(SocketTimeoutException.class);

    assertThat(server.queryLog())
        .extracting(ObservedQuery::name)
        .contains(DnsTestSupport.name("silent.example.test."));
  }

  @Test
  void mismatchedId_scriptedName_clientRejectsResponse() {
    assertThatThrownBy(() -> resolve(shortStub(), "wrong-id.example.test.", Type.A))
        .isInstanceOf(WireParseException.class)
        .hasMessageContaining("id");
  }

  @Test
  void mismatchedQuestion_scriptedName_clientRejectsResponse() {
    assertThatThrownBy(() -> resolve(shortStub(), "wrong-question.example.test.", Type.A))
        .isInstanceOf(WireParseException.class)
        .hasMessageContaining("mismatched-question.wrong-question.example.test.");
  }

  @Test
  void garbage_overUdp_clientFailsToParse() {
    assertThatThrownBy(() -> resolve(shortStub(), "garbage.example.test.", Type.A))
        .isInstanceOf(WireParseException.class);
  }

  @Test
  void garbage_overTcp_clientFailsToParse() {
    SimpleResolver resolver = shortStub();
    resolver.setTCP(true);

    assertThatThrownBy(() -> resolve(resolver, "garbage.example.test.", Type.A))
        .isInstanceOf(WireParseException.class);
  }

  @Test
  void forType_tlsaServfail_addressQueriesStillAnswered() throws Exception {
    Message tlsa = resolve(shortStub(), "_25._tcp.mx.example.test.", Type.TLSA);
    Message address = resolve(shortStub(), "mx.example.test.", Type.A);

    assertThat(tlsa.getRcode()).as("TLSA RCODE").isEqualTo(Rcode.SERVFAIL);
    assertThat(address.getRcode()).as("A RCODE").isEqualTo(Rcode.NOERROR);
    assertThat(answers(address, Type.A)).hasSize(1);
  }

  @Test
  void delayed_clientTimeoutShorterThanDelay_timesOut() {
    assertThatThrownBy(() -> resolve(shortStub(), "slow.example.test.", Type.A))
        .isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void delayed_otherQueryMeanwhile_answeredFirst() throws Exception {
    SimpleResolver patient = new SimpleResolver(server.address());
    patient.setTimeout(DELAY.multipliedBy(5));
    CompletableFuture<Message> slow =
        patient.sendAsync(query("slow.example.test.", Type.A)).toCompletableFuture();

    Message fast = resolve(shortStub(), "mx.example.test.", Type.A);

    assertThat(answers(fast, Type.A)).hasSize(1);
    assertThat(slow).as("delayed answer while the other query was answered").isNotDone();
    Message late = slow.get(DnsTestSupport.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(answers(late, Type.A)).hasSize(1);
  }

  @Test
  void delayed_overTcp_answerArrives() throws Exception {
    SimpleResolver patient = new SimpleResolver(server.address());
    patient.setTCP(true);
    patient.setTimeout(DELAY.multipliedBy(5));

    Message response = resolve(patient, "slow.example.test.", Type.A);

    assertThat(answers(response, Type.A)).hasSize(1);
  }

  @Test
  void truncatedOverUdpOnly_clientRetriesOverTcp() throws Exception {
    server.clearQueryLog();

    Message response = resolve(shortStub(), "udp-truncated.example.test.", Type.A);

    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(server.queryLog())
        .filteredOn(
            query -> query.name().equals(DnsTestSupport.name("udp-truncated.example.test.")))
        .extracting(ObservedQuery::transport)
        .containsExactly(Transport.UDP, Transport.TCP);
  }

  @Test
  void throwingBehaviour_servfail() throws Exception {
    Message response = resolve(shortStub(), "throws.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void severalBehaviours_firstNonNormalReplyWins() throws Exception {
    Message response = resolve(shortStub(), "first-wins.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void forQuery_otherType_answeredNormally() throws Exception {
    Message response = resolve(shortStub(), "first-wins.example.test.", Type.AAAA);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
  }
}
