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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Measures the heap that one in-flight domain verification keeps. It starts many verifications
 * against an SMTP server that stalls at a chosen {@link StallStage}, waits until every connection
 * has reached it, and compares the heap in use after full garbage collections with the heap before.
 * The servers run in a child JVM ({@link StallingServers}), so only the client side is measured.
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

    Process servers = startServers(count + 1, stage);
    try (Servers connection = Servers.attach(servers)) {
      InetSocketAddress dnsAddress =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), connection.dnsPort);
      DnsFetcherSettings settings =
          DnsFetcherSettings.builder()
              .resolver(dnsAddress)
              .rootTrustAnchors(false)
              .trustAnchors(connection.anchors)
              .build();
      DnsFetcher fetcher = DnsCache.builder().build().wrap(DnsFetchers.create(settings));
      try (DaneSmtpVerifier verifier =
          DaneSmtp.verifier()
              .dns(fetcher)
              .port(connection.smtpPort)
              .addressFamilies(AddressFamily.IPV4)
              .connector(ConnectorSettings.builder().tlsProvider(provider).build())
              .timeouts(STALL_WAIT)
              .concurrency(count + 1)
              .build()) {
        // One verification first, so that the DNS cache, classes and the TLS provider are loaded.
        CompletableFuture<DomainReport> warmUp = verifier.verifyDomainAsync(DOMAIN);
        connection.awaitStalled(1);
        long before = usedHeapAfterGc();

        List<CompletableFuture<DomainReport>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          inFlight.add(verifier.verifyDomainAsync(DOMAIN));
        }
        connection.awaitStalled(count + 1);
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
    } finally {
      servers.destroy();
    }
  }

  private static Process startServers(int maxConnections, StallStage stage) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            StallingServers.class.getName(),
            Integer.toString(maxConnections),
            stage.token)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The pipe to the child JVM and what it printed at start. */
  private static final class Servers implements AutoCloseable {
    private final BufferedReader in;
    private final PrintStream out;
    int smtpPort;
    int dnsPort;
    String anchors = "";

    private Servers(Process process) {
      this.in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.out = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Reads the start-up lines up to {@code ready}. */
    static Servers attach(Process process) throws IOException {
      Servers servers = new Servers(process);
      StringBuilder anchors = new StringBuilder();
      boolean inAnchors = false;
      for (String line = servers.readLine(); !line.equals("ready"); line = servers.readLine()) {
        if (line.startsWith("smtp-port ")) {
          servers.smtpPort = Integer.parseInt(line.substring("smtp-port ".length()));
        } else if (line.startsWith("dns-port ")) {
          servers.dnsPort = Integer.parseInt(line.substring("dns-port ".length()));
        } else if (line.equals("anchors-begin")) {
          inAnchors = true;
        } else if (line.equals("anchors-end")) {
          inAnchors = false;
        } else if (inAnchors) {
          anchors.append(line).append('\n');
        }
      }
      servers.anchors = anchors.toString();
      return servers;
    }

    /** Waits until {@code count} connections have reached the stage the servers stall at. */
    void awaitStalled(int count) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + STALL_WAIT.toNanos();
      long stalled = stalledCount();
      while (stalled < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Only " + stalled + " of " + count + " connections stalled within " + STALL_WAIT);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
        stalled = stalledCount();
      }
    }

    private long stalledCount() throws IOException {
      out.println("count");
      return Long.parseLong(readLine());
    }

    private String readLine() throws IOException {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("The server JVM ended before it was ready");
      }
      return line;
    }

    @Override
    public void close() {
      out.close();
    }
  }
}
