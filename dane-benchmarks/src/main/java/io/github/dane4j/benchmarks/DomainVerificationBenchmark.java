package io.github.dane4j.benchmarks;

import io.github.dane4j.core.DaneTrustManager;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.DaneSmtp;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.SmtpConnectionResult;
import io.github.dane4j.smtp.SmtpConnector;
import io.github.dane4j.smtp.SmtpTarget;
import io.github.dane4j.smtp.TlsProvider;
import io.github.dane4j.smtp.Verdict;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Verifications per second of a domain with two MX hosts against the testkit servers on loopback,
 * next to plain STARTTLS handshakes with the same two servers and the same connector, without DNS
 * and without DANE. The plain handshakes are the physical limit of a verification.
 *
 * <p>One operation runs {@code concurrency} verifications (or pairs of plain handshakes) at once
 * and waits for all of them, so verifications per second are the score times {@code concurrency}.
 * Each verification connects to both hosts: {@code example.test} has {@code MX 10 mx1} and {@code
 * MX 20 mx2}, each with a matching {@code 3 1 1} record, both zones signed with ECDSA P-256 and
 * validated in-process. DNS answers go through a {@link DnsCache}, as in an MTA, so after the first
 * operation the DNS cost is a cache lookup.
 *
 * <p>Run: {@code java -jar dane-benchmarks/target/benchmarks.jar DomainVerificationBenchmark -prof
 * gc}; the GC profiler's {@code gc.alloc.rate.norm} is the bytes allocated per operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class DomainVerificationBenchmark {
  private static final String DOMAIN = "example.test";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

  /** Verifications (or handshake pairs) that run at once in one operation. */
  @Param({"1", "4", "16"})
  public int concurrency;

  /** The client's TLS provider; the servers always use SunJSSE. */
  @Param({"SUNJSSE", "CONSCRYPT"})
  public TlsProvider provider;

  // The fields are set in start(), which JMH calls before the first operation.
  @SuppressWarnings("NullAway.Init")
  private List<TestSmtpServer> servers;

  @SuppressWarnings("NullAway.Init")
  private TestDnsServer dns;

  @SuppressWarnings("NullAway.Init")
  private DnsFetcher fetcher;

  @SuppressWarnings("NullAway.Init")
  private DaneSmtpVerifier verifier;

  @SuppressWarnings("NullAway.Init")
  private SmtpConnector connector;

  @SuppressWarnings("NullAway.Init")
  private ExecutorService plainThreads;

  /** Starts two SMTP servers on 127.0.0.2 and 127.0.0.3, the DNS server and the verifier. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    TestChain mx1 = TestChain.create(KeyType.EC_P256, "mx1.example.test");
    TestChain mx2 = TestChain.create(KeyType.EC_P256, "mx2.example.test");
    TestSmtpServer first = server(mx1, loopback(2), 0);
    TestSmtpServer second = server(mx2, loopback(3), first.address().getPort());
    servers = List.of(first, second);
    int port = first.address().getPort();

    TestZone example =
        TestZone.builder("example.test.")
            .mx("@", 10, "mx1.example.test.")
            .mx("@", 20, "mx2.example.test.")
            .a("mx1", "127.0.0.2")
            .a("mx2", "127.0.0.3")
            .tlsa("_" + port + "._tcp.mx1", 3, 1, 1, spkiSha256(mx1))
            .tlsa("_" + port + "._tcp.mx2", 3, 1, 1, spkiSha256(mx2))
            .build();
    dns = TestDnsServer.builder().zone(TestZone.builder("test.").delegate(example).build()).build();
    dns.start();
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(dns.address())
            .rootTrustAnchors(false)
            .trustAnchors(dns.trustAnchors())
            .build();
    fetcher = DnsCache.builder().build().wrap(DnsFetchers.create(settings));

    ConnectorSettings connectorSettings =
        ConnectorSettings.builder()
            .tlsProvider(provider)
            .ehloName("bench.example.test")
            .connectTimeout(STEP_TIMEOUT)
            .readTimeout(STEP_TIMEOUT)
            .greetingTimeout(STEP_TIMEOUT)
            .commandTimeout(STEP_TIMEOUT)
            .handshakeTimeout(STEP_TIMEOUT)
            .build();
    verifier =
        DaneSmtp.verifier()
            .dns(fetcher)
            .port(port)
            .addressFamilies(AddressFamily.IPV4)
            .connector(connectorSettings)
            .concurrency(2 * concurrency)
            .build();
    connector = SmtpConnector.create(connectorSettings);
    plainThreads = Executors.newFixedThreadPool(concurrency);

    DomainReport check = verifier.verifyDomain(DOMAIN);
    if (check.verdict() != Verdict.AUTHENTICATED) {
      throw new IllegalStateException("The benchmark domain does not verify: " + check);
    }
  }

  /** Stops everything that start() created. */
  @TearDown(Level.Trial)
  public void stop() {
    plainThreads.shutdownNow();
    verifier.close();
    fetcher.close();
    dns.close();
    servers.forEach(TestSmtpServer::close);
  }

  /** Runs {@code concurrency} domain verifications at once, each contacting both MX hosts. */
  @Benchmark
  public int daneVerification() {
    List<CompletableFuture<DomainReport>> reports = new ArrayList<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      reports.add(verifier.verifyDomainAsync(DOMAIN));
    }
    int authenticated = 0;
    for (CompletableFuture<DomainReport> report : reports) {
      if (report.join().verdict() == Verdict.AUTHENTICATED) {
        authenticated++;
      }
    }
    return requireAll(authenticated);
  }

  /**
   * Runs {@code concurrency} pairs of STARTTLS handshakes at once, one with each server, through
   * the same connector with a trust manager that accepts any chain: no DNS and no DANE check.
   */
  @Benchmark
  public int plainStarttls() {
    List<CompletableFuture<Boolean>> pairs = new ArrayList<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      pairs.add(
          CompletableFuture.supplyAsync(
              () -> handshake(servers.get(0)) && handshake(servers.get(1)), plainThreads));
    }
    int succeeded = 0;
    for (CompletableFuture<Boolean> pair : pairs) {
      if (pair.join()) {
        succeeded++;
      }
    }
    return requireAll(succeeded);
  }

  private boolean handshake(TestSmtpServer server) {
    InetSocketAddress address = server.address();
    String owner = "_" + address.getPort() + "._tcp.mx.example.test";
    DnsAnswer<TlsaRecord> noTlsa =
        new DnsAnswer<>(
            owner,
            AnswerKind.NODATA,
            DnssecStatus.INSECURE,
            List.of(),
            List.of(owner),
            Duration.ZERO,
            0,
            null,
            "",
            AuthenticitySource.VALIDATED_IN_PROCESS);
    DaneTrustManager acceptAny =
        DaneTrustManager.builder().tlsa(noTlsa).referenceNames(List.of("mx.example.test")).build();
    SmtpConnectionResult result =
        connector.connect(SmtpTarget.builder().address(address).trustManager(acceptAny).build());
    return result.succeeded();
  }

  private int requireAll(int succeeded) {
    if (succeeded != concurrency) {
      throw new IllegalStateException(
          (concurrency - succeeded) + " of " + concurrency + " checks failed in the benchmark");
    }
    return succeeded;
  }

  private static TestSmtpServer server(TestChain chain, InetAddress address, int port) {
    return TestSmtpServer.builder()
        .certificate(new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chain()))
        .bindAddress(address)
        .port(port)
        .maxConnections(64)
        .build()
        .start();
  }

  private static InetAddress loopback(int lastOctet) throws UnknownHostException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
  }

  private static String spkiSha256(TestChain chain) throws GeneralSecurityException {
    byte[] spki = chain.leaf().certificate().getPublicKey().getEncoded();
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
  }
}
