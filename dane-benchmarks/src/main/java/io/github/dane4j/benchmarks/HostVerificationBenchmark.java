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
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
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
 * the STARTTLS connection with the DANE-EE check of a matching {@code 3 1 1} record, EHLO inside
 * TLS and QUIT.
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

  /** The client's TLS provider; the server always uses SunJSSE. */
  @Param({"SUNJSSE", "CONSCRYPT"})
  public TlsProvider provider = TlsProvider.SUNJSSE;

  /** Whether DNS answers come from a warm cache or from the DNS server on every verification. */
  @Param({"true", "false"})
  public boolean dnsCache;

  // The fields are set in start(), which JMH calls before the first operation.
  @SuppressWarnings("NullAway.Init")
  private TestSmtpServer server;

  @SuppressWarnings("NullAway.Init")
  private TestDnsServer dns;

  @SuppressWarnings("NullAway.Init")
  private DnsFetcher fetcher;

  @SuppressWarnings("NullAway.Init")
  private DaneSmtpVerifier verifier;

  /** Starts the SMTP server on 127.0.0.1, the DNS server and the verifier. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    TestChain chain = TestChain.create(KeyType.EC_P256, HOST);
    server =
        TestSmtpServer.builder()
            .certificate(new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chain()))
            .build()
            .start();
    int port = server.address().getPort();

    TestZone example =
        TestZone.builder("example.test.")
            .a("mx1", "127.0.0.1")
            .tlsa("_" + port + "._tcp.mx1", 3, 1, 1, spkiSha256(chain))
            .build();
    dns = TestDnsServer.builder().zone(TestZone.builder("test.").delegate(example).build()).build();
    dns.start();
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(dns.address())
            .rootTrustAnchors(false)
            .trustAnchors(dns.trustAnchors())
            .build();
    DnsFetcher uncached = DnsFetchers.create(settings);
    fetcher = dnsCache ? DnsCache.builder().build().wrap(uncached) : uncached;

    verifier =
        DaneSmtp.verifier()
            .dns(fetcher)
            .port(port)
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
    dns.close();
    server.close();
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

  private static String spkiSha256(TestChain chain) throws GeneralSecurityException {
    byte[] spki = chain.leaf().certificate().getPublicKey().getEncoded();
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
  }
}
