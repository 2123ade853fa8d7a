package io.github.dane4j.benchmarks;

import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.DaneSmtp;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.HostReport;
import io.github.dane4j.smtp.TlsProvider;
import io.github.dane4j.smtp.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full verification of one MX host against the testkit servers on loopback, one at a time, for
 * the allocation per verification: the DNS lookups (A, CNAME chain, TLSA, validated in-process),
 * the STARTTLS connection to {@code mx1.example.test} with the DANE-EE check of a matching {@code 3
 * 1 1} record, EHLO inside TLS and QUIT.
 *
 * <p>With {@code dnsCache} true the answers come from a warm {@link DnsCache}, as in an MTA; with
 * false every lookup queries the testkit DNS server and is validated again (the validator still
 * keeps the zone keys it has validated).
 *
 * <p>Run: {@code java -jar dane-benchmarks/target/benchmarks.jar HostVerificationBenchmark -prof
 * gc}. The GC profiler's {@code gc.alloc.rate.norm} is the heap allocated per verification. It does
 * not count memory that Conscrypt allocates outside the Java heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class HostVerificationBenchmark {
  private static final String HOST = "mx1.example.test";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
  // The SMTP server's connection limit; verifications run one at a time, so this is ample.
  private static final int MAX_CONNECTIONS = 64;

  /** The client's TLS provider; the server always uses SunJSSE. */
  @Param({"SUNJSSE", "CONSCRYPT"})
  public TlsProvider provider = TlsProvider.SUNJSSE;

  /** Whether DNS answers come from a warm cache or from the DNS server on every verification. */
  @Param({"true", "false"})
  public boolean dnsCache;

  // The fields are set in start(), which JMH calls before the first operation.
  @SuppressWarnings("NullAway.Init")
  private ServerProcess servers;

  @SuppressWarnings("NullAway.Init")
  private DnsFetcher fetcher;

  @SuppressWarnings("NullAway.Init")
  private DaneSmtpVerifier verifier;

  /** Starts the SMTP and DNS servers in a child JVM, and the verifier. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    servers = ServerProcess.start(MAX_CONNECTIONS, StallStage.NONE);
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), servers.dnsPort()))
            .rootTrustAnchors(false)
            .trustAnchors(servers.anchors())
            .build();
    DnsFetcher uncached = DnsFetchers.create(settings);
    fetcher = dnsCache ? DnsCache.builder().build().wrap(uncached) : uncached;

    verifier =
        DaneSmtp.verifier()
            .dns(fetcher)
            .port(servers.smtpPort())
            .addressFamilies(AddressFamily.IPV4)
            .connector(
                ConnectorSettings.builder()
                    .tlsProvider(provider)
                    .ehloName("bench.example.test")
                    .connectTimeout(STEP_TIMEOUT)
                    .readTimeout(STEP_TIMEOUT)
                    .greetingTimeout(STEP_TIMEOUT)
                    .commandTimeout(STEP_TIMEOUT)
                    .handshakeTimeout(STEP_TIMEOUT)
                    .build())
            .build();
    verify();
  }

  /** Stops everything that start() created. */
  @TearDown(Level.Trial)
  public void stop() {
    verifier.close();
    fetcher.close();
    servers.close();
  }

  /** Verifies the host once and checks that DANE authenticated it. */
  @Benchmark
  public HostReport verify() {
    HostReport report = verifier.verifyHost(HOST);
    if (report.verdict() != Verdict.AUTHENTICATED) {
      throw new IllegalStateException("The benchmark host does not verify: " + report);
    }
    return report;
  }
}
