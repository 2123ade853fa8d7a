package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.testing.DnsWorld;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counts the threads that a burst of in-process lookups starts.
 *
 * <p>Both modes are checked: before the fetcher wrapped its executor, {@code CompletableFuture}
 * replaced the common pool given to it by its default executor in both.
 *
 * <p>The module's test JVM runs with a common fork-join pool parallelism of 1, as on a machine with
 * one or two CPUs. There {@code CompletableFuture}'s default executor starts a new thread for each
 * task, so any validation step handed to it shows up here; dnsjava 3.6.4's {@code
 * ValidatingResolver} started about one thread per NODATA or NXDOMAIN lookup.
 */
class ValidatorThreadsTest {
  private static final int ROUNDS = 40;

  private static DnsWorld world;
  private static DnsFetcher inProcess;
  private static DnsFetcher trusted;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
    inProcess = new DnsjavaFetcherProvider().create(world.inProcess().build());
    // The testkit server never sets the AD bit, so these answers are insecure; only the threads
    // matter here.
    trusted =
        new DnsjavaFetcherProvider()
            .create(world.inProcess().validation(Validation.TRUSTED_RESOLVER).build());
  }

  @AfterAll
  static void stopWorld() {
    inProcess.close();
    trusted.close();
    world.close();
  }

  @Test
  void inProcess_burstOfLookups_fewThreadsStarted() {
    assertThat(ForkJoinPool.getCommonPoolParallelism())
        .as("common pool parallelism set by the surefire configuration")
        .isEqualTo(1);
    // Warm the key cache and start the threads every fetcher needs (selector, pool worker).
    assertThat(burst(inProcess, 1)).allMatch(DnsAnswer::isSecure);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();

    List<DnsAnswer<?>> answers = burst(inProcess, ROUNDS);

    long started = threads.getTotalStartedThreadCount() - before;
    assertThat(answers).allMatch(DnsAnswer::isSecure);
    assertThat(answers).extracting(DnsAnswer::kind).contains(AnswerKind.NODATA);
    assertThat(answers).extracting(DnsAnswer::kind).contains(AnswerKind.NXDOMAIN);
    assertThat(started)
        .as("threads started for %d lookups", answers.size())
        .isLessThan(answers.size() / 10);
  }

  @Test
  void trustedResolver_burstOfLookups_fewThreadsStarted() {
    assertThat(ForkJoinPool.getCommonPoolParallelism()).isEqualTo(1);
    assertThat(burst(trusted, 1)).noneMatch(DnsAnswer::isLookupFailure);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();

    List<DnsAnswer<?>> answers = burst(trusted, ROUNDS);

    long started = threads.getTotalStartedThreadCount() - before;
    assertThat(answers).noneMatch(DnsAnswer::isLookupFailure);
    assertThat(started)
        .as("threads started for %d lookups", answers.size())
        .isLessThan(answers.size() / 10);
  }

  /**
   * Runs {@code rounds} times, all at once, a positive, a NODATA and an NXDOMAIN lookup under NSEC
   * and under NSEC3, and waits for all of them.
   */
  private static List<DnsAnswer<?>> burst(DnsFetcher fetcher, int rounds) {
    List<CompletableFuture<? extends DnsAnswer<?>>> lookups = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      lookups.add(tlsa(fetcher, "mx1.example.test"));
      lookups.add(tlsa(fetcher, "nodata.example.test"));
      lookups.add(tlsa(fetcher, "missing" + i + ".example.test"));
      lookups.add(fetcher.addresses("mx.nsec3.test", AddressFamily.IPV4).toCompletableFuture());
      lookups.add(fetcher.addresses("mx.nsec3.test", AddressFamily.IPV6).toCompletableFuture());
      lookups.add(tlsa(fetcher, "missing" + i + ".nsec3.test"));
    }
    List<DnsAnswer<?>> answers = new ArrayList<>();
    for (CompletableFuture<? extends DnsAnswer<?>> lookup : lookups) {
      answers.add(lookup.join());
    }
    return answers;
  }

  private static CompletableFuture<DnsAnswer<TlsaRecord>> tlsa(DnsFetcher fetcher, String host) {
    return fetcher.tlsa(TlsaQuery.tcp(host, 25)).toCompletableFuture();
  }
}
