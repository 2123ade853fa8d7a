package io.github.dane4j.benchmarks;

import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.DaneSmtp;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.TlsProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Measures the heap that one in-flight domain verification keeps. It starts many verifications
 * against an SMTP server that stalls at a chosen {@link StallStage}, waits until every connection
 * has reached it, and compares the heap in use after full garbage collections with the heap before.
 * The servers run in a child JVM ({@link ChildServers}), so only the client side is measured.
 * Thread stacks are outside the heap and not counted, and neither is memory that Conscrypt
 * allocates outside the Java heap.
 *
 * <p>Run: {@code java -cp dane-benchmarks/target/benchmarks.jar
 * io.github.dane4j.benchmarks.InFlightHeapProbe [verifications [stage [provider]]]}, by default
 * 200, {@code greeting} and {@code SUNJSSE}; the stage is {@code greeting} or {@code
 * after-handshake}.
 */
public final class InFlightHeapProbe {
  private static final int DEFAULT_VERIFICATIONS = 200;
  private static final Duration STALL_WAIT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final String DOMAIN = "example.test";

  private InFlightHeapProbe() {}

  /**
   * Prints the heap per in-flight verification.
   *
   * @param args the number of verifications, the stage and the TLS provider, each optional
   * @throws Exception if the servers cannot start or the wait is interrupted
   */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_VERIFICATIONS;
    StallStage stage = args.length > 1 ? StallStage.parse(args[1]) : StallStage.GREETING;
    TlsProvider provider =
        args.length > 2
            ? TlsProvider.valueOf(args[2].toUpperCase(Locale.ROOT))
            : TlsProvider.SUNJSSE;

    try (ServerProcess connection = ServerProcess.start(count + 1, stage)) {
      InetSocketAddress dnsAddress =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), connection.dnsPort());
      DnsFetcherSettings settings =
          DnsFetcherSettings.builder()
              .resolver(dnsAddress)
              .rootTrustAnchors(false)
              .trustAnchors(connection.anchors())
              .build();
      DnsFetcher fetcher = DnsCache.builder().build().wrap(DnsFetchers.create(settings));
      try (DaneSmtpVerifier verifier =
          DaneSmtp.verifier()
              .dns(fetcher)
              .port(connection.smtpPort())
              .addressFamilies(AddressFamily.IPV4)
              .connector(ConnectorSettings.builder().tlsProvider(provider).build())
              .timeouts(STALL_WAIT)
              .concurrency(count + 1)
              .build()) {
        // One verification first, so that the DNS cache, classes and the TLS provider are loaded.
        CompletableFuture<DomainReport> warmUp = verifier.verifyDomainAsync(DOMAIN);
        connection.awaitStalled(1, STALL_WAIT);
        long before = usedHeapAfterGc();

        List<CompletableFuture<DomainReport>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          inFlight.add(verifier.verifyDomainAsync(DOMAIN));
        }
        connection.awaitStalled(count + 1, STALL_WAIT);
        long during = usedHeapAfterGc();

        System.out.printf(
            Locale.ROOT,
            "%s, %s: %d verifications in flight: %d bytes of heap before, %d during,"
                + " %.1f KiB each%n",
            stage.token,
            provider,
            count,
            before,
            during,
            (during - before) / 1024.0 / count);
        long pending = inFlight.stream().filter(f -> !f.isDone()).count();
        System.out.println(
            pending + " of " + count + " still pending; warm-up done: " + warmUp.isDone());
      } finally {
        fetcher.close();
      }
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
