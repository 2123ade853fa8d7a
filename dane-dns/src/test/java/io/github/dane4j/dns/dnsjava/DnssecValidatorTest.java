package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.spi.ExtendedDnsError;
import io.github.dane4j.dns.testing.DnsWorld;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.ObservedQuery;
import java.time.Clock;
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
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
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

/**
 * The contract between {@link DnssecValidator} and the rest of the dnsjava provider: how it reports
 * each verdict, what its upstream queries carry, and that they run on the caller's executor, which
 * {@link LookupContext} relies on.
 */
class DnssecValidatorTest {
  private static DnsWorld world;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
  }

  @AfterAll
  static void stopWorld() {
    world.close();
  }

  private static DnssecValidator validator(Resolver upstream) {
    return new DnssecValidator(
        upstream, TrustAnchors.records(world.inProcess().build()), Clock.systemUTC(), 1232);
  }

  private static SimpleResolver stub() {
    SimpleResolver resolver = new SimpleResolver(world.server().address());
    resolver.setTimeout(Duration.ofMillis(400));
    resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    return resolver;
  }

  private static Message query(String name, int type) {
    return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
  }

  @Test
  void secureAnswer_adSetRcodeAndIdKept() {
    Message query = query("mx1.example.test.", Type.A);

    Message response = validator(stub()).sendAsync(query).toCompletableFuture().join();

    assertThat(response.getHeader().getFlag(Flags.AD)).isTrue();
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getHeader().getID()).isEqualTo(query.getHeader().getID());
    assertThat(response.getSection(Section.ANSWER)).isNotEmpty();
  }

  @Test
  void bogusAnswer_servfailWithEdeAndReason() {
    Message response =
        validator(stub())
            .sendAsync(
                query(
                    "_25._tcp." + DnsWorld.bogusHost(Breakage.EXPIRED_SIGNATURES) + ".", Type.TLSA))
            .toCompletableFuture()
            .join();

    assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(ResponseReader.extendedError(response))
        .as("Signature Expired, RFC 8914 section 4.8")
        .extracting(ExtendedDnsError::infoCode)
        .isEqualTo(7);
    assertThat(ResponseReader.validationReason(response)).contains("expired");
  }

  @Test
  void insecureAnswer_noAdDataKept() {
    Message response =
        validator(stub())
            .sendAsync(query("host.unsigned.test.", Type.A))
            .toCompletableFuture()
            .join();

    assertThat(response.getHeader().getFlag(Flags.AD)).isFalse();
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER)).isNotEmpty();
  }

  @Test
  void upstreamQueries_carryCdAndDo() {
    world.server().clearQueryLog();

    validator(stub()).sendAsync(query("mx1.example.test.", Type.A)).toCompletableFuture().join();

    assertThat(world.queries()).isNotEmpty().allMatch(ObservedQuery::checkingDisabled);
    assertThat(world.queries()).allMatch(ObservedQuery::dnssecOk);
  }

  @Test
  void upstreamQueries_receiveCallersExecutor() {
    RecordingResolver head = new RecordingResolver(stub());
    Executor mine = command -> ForkJoinPool.commonPool().execute(command);

    validator(head)
        .sendAsync(query("mx1.example.test.", Type.A), mine)
        .toCompletableFuture()
        .join();

    assertThat(head.types).contains(Type.A, Type.DNSKEY, Type.DS);
    assertThat(head.executors).containsExactly(mine);
  }

  @Test
  void nxdomainWhileDnskeyQueryFails_stageFailsIndeterminate() {
    CompletionStage<Message> stage =
        validator(stub()).sendAsync(query("missing.slowkeys.test.", Type.A));

    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(UpstreamFailure.class)
        .hasMessageStartingWith("DNSSEC status indeterminate")
        .hasMessageContaining("slowkeys.test./DNSKEY");
  }

  @Test
  void keyCache_secondLookup_noKeyQueries() {
    DnssecValidator validator = validator(stub());
    validator.sendAsync(query("mx1.example.test.", Type.A)).toCompletableFuture().join();
    world.server().clearQueryLog();

    validator.sendAsync(query("mx2.example.test.", Type.A)).toCompletableFuture().join();

    assertThat(world.queries()).extracting(ObservedQuery::type).containsExactly(Type.A);
    assertThat(validator.keyCache().size()).isEqualTo(2);
  }

  /** Records the query types and executors of the queries passed to the upstream. */
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
