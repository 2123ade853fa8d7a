package io.github.dane4j.benchmarks;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.dnsjava.DnsjavaFetcherProvider;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TLSA lookups through the dnsjava provider against the testkit DNS server on loopback: in-process
 * validation with a cold and a warm cache, next to trusted-resolver mode.
 *
 * <p>The zone tree is {@code test.} (the trust anchor) with the signed child {@code example.test.},
 * which contains {@code _25._tcp.mx.example.test. TLSA 3 1 1 ...}; both are signed with ECDSA
 * P-256. The testkit server does not validate, so in trusted-resolver mode its answers come back
 * without AD and are insecure; the work measured is the same as with a validating resolver that
 * answers from its cache: one query and one response.
 *
 * <p>Run: {@code java -jar dane-benchmarks/target/benchmarks.jar TlsaLookupBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TlsaLookupBenchmark {

  private static final TlsaQuery QUERY = TlsaQuery.tcp("mx.example.test", 25);

  /** The server and the settings of both modes; one per run. */
  @State(Scope.Benchmark)
  public static class World {
    // The fields of the state classes are set in their @Setup methods, which JMH calls first.
    @SuppressWarnings("NullAway.Init")
    TestDnsServer server;

    @SuppressWarnings("NullAway.Init")
    DnsFetcherSettings inProcess;

    @SuppressWarnings("NullAway.Init")
    DnsFetcherSettings trusted;

    /** Builds and signs the zones and starts the server. */
    @Setup(Level.Trial)
    public void start() {
      TestZone example =
          TestZone.builder("example.test.")
              .a("mx", "192.0.2.1")
              .tlsa(
                  "_25._tcp.mx",
                  3,
                  1,
                  1,
                  "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20")
              .build();
      TestZone root = TestZone.builder("test.").delegate(example).build();
      server = TestDnsServer.builder().trustAnchor(root).build().start();
      inProcess =
          DnsFetcherSettings.builder()
              .resolver(server.address())
              .rootTrustAnchors(false)
              .trustAnchors(server.trustAnchors())
              .queryTimeout(Duration.ofSeconds(2))
              .build();
      trusted =
          DnsFetcherSettings.builder()
              .resolver(server.address())
              .validation(Validation.TRUSTED_RESOLVER)
              .queryTimeout(Duration.ofSeconds(2))
              .build();
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void stop() {
      server.close();
    }
  }

  /** A fetcher created before each call: nothing cached, not even the DNSKEY and DS RRsets. */
  @State(Scope.Thread)
  public static class ColdInProcess {
    @SuppressWarnings("NullAway.Init")
    DnsFetcher fetcher;

    /** Creates the fresh fetcher outside the measured time. */
    @Setup(Level.Invocation)
    public void create(World world) {
      fetcher = new DnsjavaFetcherProvider().create(world.inProcess);
    }

    /** Closes it. */
    @TearDown(Level.Invocation)
    public void close() {
      fetcher.close();
    }
  }

  /** Fetchers kept for the whole run, so their caches are warm after the first call. */
  @State(Scope.Thread)
  public static class Warm {
    @SuppressWarnings("NullAway.Init")
    DnsFetcher inProcess;

    @SuppressWarnings("NullAway.Init")
    DnsFetcher inProcessCached;

    @SuppressWarnings("NullAway.Init")
    DnsFetcher trusted;

    @SuppressWarnings("NullAway.Init")
    DnsFetcher trustedCached;

    /** Creates the fetchers and fills their caches with one lookup each. */
    @Setup(Level.Trial)
    public void create(World world) {
      inProcess = new DnsjavaFetcherProvider().create(world.inProcess);
      inProcessCached =
          DnsCache.builder().build().wrap(new DnsjavaFetcherProvider().create(world.inProcess));
      trusted = new DnsjavaFetcherProvider().create(world.trusted);
      trustedCached =
          DnsCache.builder().build().wrap(new DnsjavaFetcherProvider().create(world.trusted));
      for (DnsFetcher fetcher : new DnsFetcher[] {inProcess, inProcessCached}) {
        expect(lookUp(fetcher), DnssecStatus.SECURE);
      }
      for (DnsFetcher fetcher : new DnsFetcher[] {trusted, trustedCached}) {
        expect(lookUp(fetcher), DnssecStatus.INSECURE);
      }
    }

    /** Closes the fetchers. */
    @TearDown(Level.Trial)
    public void close() {
      inProcess.close();
      inProcessCached.close();
      trusted.close();
      trustedCached.close();
    }
  }

  private static DnsAnswer<TlsaRecord> lookUp(DnsFetcher fetcher) {
    return fetcher.tlsa(QUERY).toCompletableFuture().join();
  }

  private static void expect(DnsAnswer<TlsaRecord> answer, DnssecStatus status) {
    if (answer.status() != status || answer.records().isEmpty()) {
      throw new IllegalStateException("Benchmark setup failed: the lookup returned " + answer);
    }
  }

  /**
   * In-process validation with nothing cached: the TLSA query plus the DNSKEY and DS queries of the
   * chain from the anchor, and every signature check.
   */
  @Benchmark
  public DnsAnswer<TlsaRecord> inProcessColdCache(ColdInProcess cold) {
    return lookUp(cold.fetcher);
  }

  /**
   * In-process validation with the validated DNSKEY and DS RRsets cached but no answer cache: one
   * query and one signature check per lookup.
   */
  @Benchmark
  public DnsAnswer<TlsaRecord> inProcessWarmKeys(Warm warm) {
    return lookUp(warm.inProcess);
  }

  /** In-process validation behind a warm {@link DnsCache}: no query at all. */
  @Benchmark
  public DnsAnswer<TlsaRecord> inProcessWarmCache(Warm warm) {
    return lookUp(warm.inProcessCached);
  }

  /** Trusted-resolver mode without an answer cache: one query per lookup. */
  @Benchmark
  public DnsAnswer<TlsaRecord> trustedResolver(Warm warm) {
    return lookUp(warm.trusted);
  }

  /** Trusted-resolver mode behind a warm {@link DnsCache}: no query at all. */
  @Benchmark
  public DnsAnswer<TlsaRecord> trustedResolverWarmCache(Warm warm) {
    return lookUp(warm.trustedCached);
  }
}
