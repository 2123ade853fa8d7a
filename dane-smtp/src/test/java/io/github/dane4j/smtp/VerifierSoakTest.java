package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.Certificates.spkiSha256;
import static io.github.dane4j.smtp.MailWorld.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.io.File;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs a few thousand domain verifications in one JVM and checks that every verifier thread, socket
 * and file descriptor is released afterwards. Each verification contacts two MX hosts, one
 * authenticated and one failing DANE, so both the success and the failure paths repeat.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class VerifierSoakTest {
  private static final int VERIFICATIONS = 2_000;
  private static final int IN_FLIGHT = 16;

  @Test
  void soak_thousandsOfVerifications_noThreadOrDescriptorLeaked() throws Exception {
    TestChain mx1 = chain("mx1.example.test");
    TestChain mx2 = chain("mx2.example.test");
    try (MailWorld world =
        MailWorld.start(
            TestSmtpServer.builder()
                .serverName("mx1.example.test")
                .certificate(served(mx1))
                .maxConnections(64),
            TestSmtpServer.builder()
                .serverName("mx2.example.test")
                .certificate(served(mx2))
                .maxConnections(64))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, "mx1.example.test.")
                  .mx("@", 20, "mx2.example.test.")
                  .a("mx1", ip(0))
                  .a("mx2", ip(1))
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, spkiSha256(mx1.leaf().certificate()))
                  .tlsa(world.tlsaPrefix() + ".mx2", 3, 1, 1, "00".repeat(32))
                  .build()));

      // Warm up once, so that classes, JSSE and dnsjava's shared selector thread exist before the
      // baseline is taken.
      runVerifications(world, 20);
      Set<Thread> threadsBefore = liveThreads();
      long descriptorsBefore = openDescriptors();

      Map<Verdict, Integer> verdicts = runVerifications(world, VERIFICATIONS);

      assertThat(verdicts).containsOnlyKeys(Verdict.DANE_FAILURE);
      assertThat(verdicts.get(Verdict.DANE_FAILURE)).isEqualTo(VERIFICATIONS);
      assertThat(newThreads(threadsBefore)).isEmpty();
      if (descriptorsBefore >= 0) {
        assertThat(openDescriptors()).isLessThanOrEqualTo(descriptorsBefore);
      }
    }
  }

  /** Runs the verifications with a fixed number in flight and counts the domain verdicts. */
  private static Map<Verdict, Integer> runVerifications(MailWorld world, int count) {
    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    try (DaneSmtpVerifier verifier = world.verifier().concurrency(8).build()) {
      List<CompletableFuture<DomainReport>> window = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        window.add(verifier.verifyDomainAsync("example.test"));
        if (window.size() == IN_FLIGHT || i == count - 1) {
          for (CompletableFuture<DomainReport> report : window) {
            verdicts.merge(report.join().verdict(), 1, Integer::sum);
          }
          window.clear();
        }
      }
    }
    return verdicts;
  }

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  /**
   * Returns the threads started since the baseline that are still alive, other than the test SMTP
   * servers' connection threads, which belong to the servers and end when they close.
   */
  private static List<String> newThreads(Set<Thread> before) {
    return liveThreads().stream()
        .filter(thread -> !before.contains(thread))
        .map(Thread::getName)
        .filter(name -> !name.startsWith("dane4j-smtp-"))
        .toList();
  }

  /** Returns the number of open file descriptors of this process, or -1 without /proc. */
  private static long openDescriptors() {
    String[] entries = new File("/proc/self/fd").list();
    return entries == null ? -1 : entries.length;
  }
}
