package io.github.dane4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.TlsaRecord;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class BlockingDnsFetcherTest {

  /** A fetcher whose MX stage the test controls; the other lookups are not used here. */
  private static final class StageFetcher implements DnsFetcher {
    private final CompletableFuture<DnsAnswer<MxRecord>> stage;

    StageFetcher(CompletableFuture<DnsAnswer<MxRecord>> stage) {
      this.stage = stage;
    }

    @Override
    public String providerName() {
      return "stage";
    }

    @Override
    public CompletionStage<DnsAnswer<MxRecord>> mx(String domain) {
      return stage;
    }

    @Override
    public CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void mx_completedStage_answerReturned() throws Exception {
    DnsAnswer<MxRecord> expected =
        new DnsAnswer<>(
            "example.test",
            AnswerKind.RECORDS,
            DnssecStatus.SECURE,
            List.of(new MxRecord(10, "mx.example.test")),
            List.of("example.test"),
            Duration.ofMinutes(5),
            0,
            null,
            "",
            AuthenticitySource.VALIDATED_IN_PROCESS);

    DnsAnswer<MxRecord> answer =
        new StageFetcher(CompletableFuture.completedFuture(expected)).blocking().mx("example.test");

    assertThat(answer).isEqualTo(expected);
  }

  @Test
  void mx_stageFailed_illegalState() {
    CompletableFuture<DnsAnswer<MxRecord>> failed =
        CompletableFuture.failedFuture(new ArithmeticException("bug"));
    BlockingDnsFetcher blocking = new StageFetcher(failed).blocking();

    assertThatIllegalStateException()
        .isThrownBy(() -> blocking.mx("example.test"))
        .withCauseInstanceOf(ArithmeticException.class);
  }

  @Test
  void mx_interruptedWhileWaiting_interruptedException() {
    BlockingDnsFetcher blocking = new StageFetcher(new CompletableFuture<>()).blocking();
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> blocking.mx("example.test")).isInstanceOf(InterruptedException.class);
  }
}
