package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.testing.DnsWorld;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Random and mutated responses fed to the dnsjava provider's response handling: the lookup always
 * completes with an answer, and a mutation never makes different data look secure.
 *
 * <p>The responses enter where the network would deliver them: a {@link Resolver} in place of one
 * upstream server returns them for the TLSA question and passes every other query (the DNSKEY and
 * DS queries of validation) to the testkit server. Everything above it is the production path:
 * {@link UpstreamResolver}, the in-process validator, {@link QueryOutcome} and {@link
 * RecordLookup}.
 */
class ResponseHandlingPropertyTest {
  private static final String HOST = "mx1.example.test";
  private static final Name OWNER = Name.fromConstantString("_25._tcp." + HOST + ".");
  private static final int TRIES = 300;

  /** The world and fetchers, built once when the first try needs them. */
  private static final class Fixture {
    static final Fixture INSTANCE = new Fixture();

    final DnsWorld world = DnsWorld.start();
    final byte[] original;
    final List<TlsaRecord> originalRecords;
    final InjectingResolver injector;
    final DnsFetcher inProcess;
    final DnsFetcher trusted;

    private Fixture() {
      SimpleResolver real = new SimpleResolver(world.server().address());
      real.setTimeout(Duration.ofSeconds(2));
      real.setEDNS(0, 1232, ExtendedFlags.DO, List.of());

      Message query = Message.newQuery(Record.newRecord(OWNER, Type.TLSA, DClass.IN));
      query.getHeader().setFlag(Flags.CD);
      original = real.sendAsync(query).toCompletableFuture().join().toWire();

      DnsFetcherSettings settings = world.inProcess().retries(0).build();
      injector = new InjectingResolver(real, original);
      UpstreamResolver upstream =
          new UpstreamResolver(List.of(injector), List.of("injected"), settings);
      inProcess =
          fetcher(
              DnsjavaFetcherProvider.inProcessValidator(upstream, settings),
              Validation.IN_PROCESS,
              settings);
      trusted = fetcher(upstream, Validation.TRUSTED_RESOLVER, settings);
      originalRecords =
          inProcess.tlsa(TlsaQuery.tcp(HOST, 25)).toCompletableFuture().join().records();
    }
  }

  private static DnsFetcher fetcher(
      Resolver resolver, Validation validation, DnsFetcherSettings settings) {
    AuthenticitySource source =
        validation == Validation.IN_PROCESS
            ? AuthenticitySource.VALIDATED_IN_PROCESS
            : AuthenticitySource.TRUSTED_LOCAL_RESOLVER;
    return new DnsjavaFetcher(
        new QuerySender(
            resolver, validation, source, settings, ForkJoinPool.commonPool(), Clock.systemUTC()));
  }

  @AfterContainer
  static void stopWorld() {
    Fixture.INSTANCE.inProcess.close();
    Fixture.INSTANCE.trusted.close();
    Fixture.INSTANCE.world.close();
  }

  /**
   * Looks up the TLSA RRset with {@code response} as the upstream's answer; {@code join} throws if
   * the stage completed exceptionally, which fails the property.
   */
  private static DnsAnswer<TlsaRecord> lookUp(boolean inProcess, byte[] response) {
    Fixture fixture = Fixture.INSTANCE;
    synchronized (fixture.injector) {
      fixture.injector.next = response;
      DnsFetcher fetcher = inProcess ? fixture.inProcess : fixture.trusted;
      return fetcher.tlsa(TlsaQuery.tcp(HOST, 25)).toCompletableFuture().join();
    }
  }

  @Property(tries = TRIES)
  void randomBytes_inProcess_failureNeverSecure(@ForAll @Size(max = 600) byte[] bytes) {
    DnsAnswer<TlsaRecord> answer = lookUp(true, bytes);

    assertThat(answer.status()).isNotEqualTo(DnssecStatus.SECURE);
  }

  @Property(tries = TRIES)
  void randomBytes_trustedResolver_secureOnlyWithAdBit(@ForAll @Size(max = 600) byte[] bytes) {
    DnsAnswer<TlsaRecord> answer = lookUp(false, bytes);

    if (answer.status() == DnssecStatus.SECURE) {
      assertThat(bytes.length).isGreaterThan(3);
      assertThat(bytes[3] & 0x20).as("AD bit").isNotZero();
    }
  }

  @Property(tries = TRIES)
  void realResponseWithRandomTail_inProcess_neverSecure(@ForAll("headerThenNoise") byte[] bytes) {
    DnsAnswer<TlsaRecord> answer = lookUp(true, bytes);

    assertThat(answer.status()).isNotEqualTo(DnssecStatus.SECURE);
  }

  @Property(tries = TRIES)
  void mutatedRealResponse_inProcess_secureOnlyWithOriginalRecords(
      @ForAll("mutations") byte[] bytes) {
    DnsAnswer<TlsaRecord> answer = lookUp(true, bytes);

    if (answer.status() == DnssecStatus.SECURE) {
      assertThat(answer.records())
          .containsExactlyInAnyOrderElementsOf(Fixture.INSTANCE.originalRecords);
    }
  }

  /** Generates the original response's header and question followed by random bytes. */
  @Provide
  Arbitrary<byte[]> headerThenNoise() {
    byte[] original = Fixture.INSTANCE.original;
    int questionEnd = 12 + OWNER.length() + 4;
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(400)
        .map(
            noise -> {
              byte[] bytes = Arrays.copyOf(original, questionEnd + noise.length);
              System.arraycopy(noise, 0, bytes, questionEnd, noise.length);
              return bytes;
            });
  }

  /** Generates the original response with 1 to 8 bytes overwritten, or cut short. */
  @Provide
  Arbitrary<byte[]> mutations() {
    byte[] original = Fixture.INSTANCE.original;
    Arbitrary<int[]> positions =
        Arbitraries.integers()
            .between(0, original.length - 1)
            .array(int[].class)
            .ofMinSize(1)
            .ofMaxSize(8);
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofSize(8);
    Arbitrary<byte[]> overwritten =
        Combinators.combine(positions, values)
            .as(
                (at, value) -> {
                  byte[] bytes = original.clone();
                  for (int i = 0; i < at.length; i++) {
                    bytes[at[i]] = value[i];
                  }
                  return bytes;
                });
    Arbitrary<byte[]> truncated =
        Arbitraries.integers()
            .between(0, original.length - 1)
            .map(length -> Arrays.copyOf(original, length));
    return Arbitraries.oneOf(overwritten, overwritten, overwritten, truncated);
  }

  /**
   * Stands in for one upstream server: answers the TLSA question with the bytes in {@link #next},
   * checked like dnsjava's {@link SimpleResolver} checks a datagram (ID, then parse, then
   * question), and passes every other query to the real server.
   */
  private static final class InjectingResolver implements Resolver {
    private final SimpleResolver real;
    volatile byte[] next;

    InjectingResolver(SimpleResolver real, byte[] first) {
      this.real = real;
      this.next = first;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      if (!query.getQuestion().getName().equals(OWNER)
          || query.getQuestion().getType() != Type.TLSA) {
        return real.sendAsync(query, executor);
      }
      byte[] bytes = next.clone();
      if (bytes.length >= 2) {
        // A datagram with another ID would be dropped before parsing; keep the query's ID so that
        // the rest of the message is exercised.
        bytes[0] = (byte) (query.getHeader().getID() >> 8);
        bytes[1] = (byte) query.getHeader().getID();
      }
      try {
        Message response = new Message(bytes);
        Record question = response.getQuestion();
        if (question == null
            || !question.getName().equals(OWNER)
            || question.getType() != Type.TLSA
            || question.getDClass() != DClass.IN) {
          throw new WireParseException("question does not match the query");
        }
        return CompletableFuture.completedFuture(response);
      } catch (IOException | RuntimeException e) {
        return CompletableFuture.failedFuture(
            e instanceof WireParseException ? e : new WireParseException(e.toString()));
      }
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
