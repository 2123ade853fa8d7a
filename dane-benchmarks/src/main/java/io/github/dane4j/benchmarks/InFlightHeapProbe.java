package io.github.dane4j.benchmarks;

import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.DaneSmtp;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.Misbehaviour;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Measures the heap that one in-flight domain verification keeps: it starts many verifications
 * against an SMTP server that accepts the connection and never sends its greeting, waits until
 * every connection is open, and compares the heap in use after full garbage collections with the
 * heap before. Thread stacks are outside the heap and not counted.
 *
 * <p>Run: {@code java -cp dane-benchmarks/target/benchmarks.jar
 * io.github.dane4j.benchmarks.InFlightHeapProbe [verifications]}, default 200.
 */
public final class InFlightHeapProbe {
  private static final int DEFAULT_VERIFICATIONS = 200;
  private static final Duration GREETING_WAIT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private InFlightHeapProbe() {}

  /**
   * Prints the heap per in-flight verification.
   *
   * @param args the number of verifications, optional
   * @throws Exception if a server cannot start or the wait is interrupted
   */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_VERIFICATIONS;
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx1.example.test");
    try (TestSmtpServer silent =
            TestSmtpServer.builder()
                .certificate(new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chain()))
                .misbehaviours(Misbehaviour.SILENT)
                .maxConnections(count)
                .readTimeout(GREETING_WAIT)
                .build()
                .start();
        TestDnsServer dns = startDns(silent.address().getPort())) {
      DnsFetcherSettings settings =
          DnsFetcherSettings.builder()
              .resolver(dns.address())
              .rootTrustAnchors(false)
              .trustAnchors(dns.trustAnchors())
              .build();
      DnsFetcher fetcher = DnsCache.builder().build().wrap(DnsFetchers.create(settings));
      try (DaneSmtpVerifier verifier =
          DaneSmtp.verifier()
              .dns(fetcher)
              .port(silent.address().getPort())
              .addressFamilies(AddressFamily.IPV4)
              .timeouts(GREETING_WAIT)
              .concurrency(count)
              .build()) {
        // One verification first, so that the DNS cache, classes and JSSE are loaded.
        verifier.verifyDomainAsync("example.test");
        awaitOpenConnections(silent, 1);
        long before = usedHeapAfterGc();

        List<CompletableFuture<DomainReport>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          inFlight.add(verifier.verifyDomainAsync("example.test"));
        }
        awaitOpenConnections(silent, count + 1);
        long during = usedHeapAfterGc();

        System.out.printf(
            Locale.ROOT,
            "%d verifications in flight: %d bytes of heap before, %d during, %.1f KiB each%n",
            count,
            before,
            during,
            (during - before) / 1024.0 / count);
        System.out.println("still pending: " + inFlight.stream().filter(f -> !f.isDone()).count());
      } finally {
        fetcher.close();
      }
    }
  }

  private static TestDnsServer startDns(int port) {
    TestZone example =
        TestZone.builder("example.test.")
            .mx("@", 10, "mx1.example.test.")
            .a("mx1", "127.0.0.1")
            .tlsa("_" + port + "._tcp.mx1", 3, 1, 1, "00".repeat(32))
            .build();
    return TestDnsServer.builder()
        .zone(TestZone.builder("test.").delegate(example).build())
        .build()
        .start();
  }

  private static void awaitOpenConnections(TestSmtpServer server, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + GREETING_WAIT.toNanos();
    while (server.sessions().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Only " + server.sessions().size() + " of " + count + " connections opened");
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
