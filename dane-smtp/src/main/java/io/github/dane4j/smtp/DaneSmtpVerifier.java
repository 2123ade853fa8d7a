package io.github.dane4j.smtp;

import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.internal.AddressLiterals;
import io.github.dane4j.smtp.internal.HostNames;
import io.github.dane4j.smtp.internal.Text;
import java.net.IDN;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Verifies destination domains and hosts against RFC 7672: looks up MX, address, CNAME and TLSA
 * records through a DNSSEC-aware {@link DnsFetcher}, decides each host's {@link HostPolicy},
 * connects with STARTTLS and reports a {@link Verdict} per domain, host and address.
 *
 * <pre>{@code
 * try (DaneSmtpVerifier verifier = DaneSmtp.verifier()
 *     .timeouts(Duration.ofSeconds(10))
 *     .build()) {
 *   DomainReport report = verifier.verifyDomain("example.org");
 * }
 * }</pre>
 *
 * <p>Each verification has a synchronous and an asynchronous form. The asynchronous forms return at
 * once. Their futures complete with a report, and never exceptionally for an expected outcome such
 * as a DNS failure or a refused connection. Every DNS lookup and every connection step is bounded
 * by its timeout, so every verification ends.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>The default DNS fetcher validates DNSSEC in-process from the IANA root trust anchors. A
 *       fetcher that cannot establish DNSSEC status (the JDK's JNDI provider) is refused unless
 *       {@link Builder#insecureAllowUnverifiedDns(boolean)} is set, and then DANE never applies.
 *   <li>The verifier connects only to addresses from DNSSEC-aware lookups, never to a host name
 *       that the system resolver would resolve again, and never to a host that RFC 7672 says is
 *       unreachable.
 *   <li>Every connection uses a new {@code SSLContext}, so no TLS session is resumed.
 * </ul>
 *
 * <h2>Limitations</h2>
 *
 * <ul>
 *   <li>The verifier checks servers; it sends no mail (no MAIL, RCPT or DATA).
 *   <li>CNAMEs on MX host names are followed, although RFC 7672 section 2.2.2 lets MTAs skip them.
 * </ul>
 *
 * <p>Instances are thread-safe. Close the verifier to stop its connection threads and, if it
 * created it, its DNS fetcher.
 */
public final class DaneSmtpVerifier implements AutoCloseable {
  /** Default number of connections that are open at once. */
  public static final int DEFAULT_CONCURRENCY = 8;

  private static final int MAX_CONCURRENCY = 1024;
  private static final Duration IDLE_THREAD_LIFETIME = Duration.ofSeconds(30);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger VERIFIER_NUMBERS = new AtomicInteger();

  private final DnsFetcher fetcher;
  private final boolean ownsFetcher;
  private final ThreadPoolExecutor connections;
  private final VerificationEngine engine;
  private final ReportOptions options;
  private final Map<Long, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong verificationNumbers = new AtomicLong();
  private final int maxRunning;
  // Verifications admitted but not started, and the number running; both guarded by waiting.
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;
  private volatile boolean closed;

  private DaneSmtpVerifier(
      DnsFetcher fetcher, boolean ownsFetcher, Builder builder, ConnectorSettings connector) {
    this.fetcher = fetcher;
    this.ownsFetcher = ownsFetcher;
    this.connections = newConnectionExecutor(builder.concurrency);
    this.maxRunning = builder.verificationsInFlight;
    this.options =
        new ReportOptions(
            builder.port,
            builder.tlsMode,
            builder.mode,
            builder.auditOnly,
            builder.addressFamilies,
            fetcher.providerName(),
            connector.tlsProvider());
    DaneVerifier daneVerifier =
        builder.daneVerifier != null ? builder.daneVerifier : DaneVerifier.builder().build();
    HostResolver resolver =
        new HostResolver(
            fetcher,
            daneVerifier,
            connector,
            builder.port,
            builder.addressFamilies,
            builder.auditOnly,
            builder.allowUnverifiedDns);
    this.engine =
        new VerificationEngine(
            fetcher,
            SmtpConnector.create(connector),
            resolver,
            connections,
            options,
            new DestinationPolicy(builder.daneRequired, builder.daneRequiredForAll),
            builder.allowUnverifiedDns);
  }

  /** Returns a builder with the defaults listed at each of its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a destination domain and waits for the report.
   *
   * @param domain the next-hop domain, such as {@code example.org}; internationalised names are
   *     converted to A-labels
   * @throws IllegalArgumentException if {@code domain} is not a domain name
   * @throws IllegalStateException if the verifier is closed
   */
  public DomainReport verifyDomain(String domain) {
    return await(verifyDomainAsync(domain));
  }

  /**
   * Starts verifying a destination domain.
   *
   * @throws IllegalArgumentException if {@code domain} is not a domain name
   * @throws IllegalStateException if the verifier is closed
   */
  public CompletableFuture<DomainReport> verifyDomainAsync(String domain) {
    String name = requireDomain(domain, "destination domain");
    requireOpen();
    return track(() -> engine.verifyDomain(name));
  }

  /**
   * Verifies one host as a next hop of its own, such as a relay or smart host, and waits for the
   * report. The host name is then a reference identifier for DANE-TA name checks next to the TLSA
   * base domain (RFC 7672 section 3.2.2). An address literal such as {@code [192.0.2.1]} or {@code
   * [IPv6:2001:db8::1]} is checked without DNS and without DANE (RFC 7672 section 2.2).
   *
   * @throws IllegalArgumentException if {@code host} is neither a host name nor an address literal
   * @throws IllegalStateException if the verifier is closed
   */
  public HostReport verifyHost(String host) {
    return await(verifyHostAsync(host));
  }

  /**
   * Starts verifying one host; see {@link #verifyHost(String)}.
   *
   * @throws IllegalArgumentException if {@code host} is neither a host name nor an address literal
   * @throws IllegalStateException if the verifier is closed
   */
  public CompletableFuture<HostReport> verifyHostAsync(String host) {
    String name = requireHostOrLiteral(host);
    requireOpen();
    return track(() -> engine.verifyHost(name));
  }

  /**
   * Decides the policy of one MX host of a destination domain from DNS, without connecting, for an
   * MTA or mail client that connects itself (see {@link HostPolicy}). The domain's MX RRset is
   * looked up too: when it is secure and lists {@code mxHost}, the domain and its CNAME-expanded
   * form become reference identifiers (RFC 7672 section 3.2.2). A failed MX lookup, or an insecure
   * one for a DANE-mandatory domain, makes the host {@link TlsPolicy#UNREACHABLE}.
   *
   * @throws IllegalArgumentException if a name is invalid
   * @throws IllegalStateException if the verifier is closed
   */
  public HostPolicy hostPolicy(String mxHost, String nextHopDomain) {
    return await(hostPolicyAsync(mxHost, nextHopDomain));
  }

  /**
   * Starts deciding the policy of one MX host; see {@link #hostPolicy(String, String)}.
   *
   * @throws IllegalArgumentException if a name is invalid
   * @throws IllegalStateException if the verifier is closed
   */
  public CompletableFuture<HostPolicy> hostPolicyAsync(String mxHost, String nextHopDomain) {
    String host = requireDomain(mxHost, "MX host");
    String domain = requireDomain(nextHopDomain, "next-hop domain");
    requireOpen();
    return track(() -> engine.hostPolicy(host, domain));
  }

  /** Returns the port that connections use and TLSA owner names contain. */
  public int port() {
    return options.port();
  }

  /** Returns how TLS starts on each connection. */
  public TlsMode tlsMode() {
    return options.tlsMode();
  }

  /** Returns how many servers a verification contacts. */
  public RunMode mode() {
    return options.mode();
  }

  /** Returns the name of the DNS fetcher's provider, such as {@code dnsjava}. */
  public String dnsProvider() {
    return options.dnsProvider();
  }

  /**
   * Stops the verifier: every verification still running completes exceptionally at once with an
   * {@link IllegalStateException} (the synchronous methods throw it), queued connections never
   * start, running connections get at most 10 seconds to end, and the DNS fetcher is closed if the
   * verifier created it. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Complete the callers' futures before the fetcher closes, so that no lookup failing because
    // of the close is reported as a DNS outcome.
    for (CompletableFuture<?> future : inFlight.values()) {
      future.completeExceptionally(
          new IllegalStateException(
              "The verifier was closed before the verification finished; build a new one"));
    }
    connections.shutdownNow();
    try {
      connections.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (ownsFetcher) {
        fetcher.close();
      }
    }
  }

  @Override
  public String toString() {
    return "DaneSmtpVerifier{port="
        + options.port()
        + ", tlsMode="
        + options.tlsMode()
        + ", mode="
        + options.mode()
        + ", dns="
        + options.dnsProvider()
        + ", tls="
        + options.tlsProvider()
        + ", auditOnly="
        + options.auditOnly()
        + "}";
  }

  /**
   * Returns a future that completes with the verification that {@code start} begins, or
   * exceptionally when the verifier is closed first. At most {@link Builder#verificationsInFlight}
   * verifications run at once; later ones wait in order before any of their lookups starts, so that
   * a burst of calls does not spend the DNS timeouts of every verification waiting for CPU time.
   * Cancelling the future cancels the verification, which ends the caller's wait.
   *
   * <p>NOTE: cancelling does not close connections already open; they end at their own timeouts.
   */
  private <T> CompletableFuture<T> track(Supplier<CompletableFuture<T>> start) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long number = verificationNumbers.incrementAndGet();
    inFlight.put(number, result);
    CompletableFuture<?> unused = result.whenComplete((value, failure) -> inFlight.remove(number));
    Runnable launch = () -> launch(start, result);
    boolean startNow;
    synchronized (waiting) {
      startNow = running < maxRunning;
      if (startNow) {
        running++;
      } else {
        waiting.add(launch);
      }
    }
    if (closed) {
      // close() ran between requireOpen() and put(), so it did not see this future.
      result.completeExceptionally(new IllegalStateException("The verifier is closed"));
    }
    if (startNow) {
      launch.run();
    }
    return result;
  }

  /** Starts one admitted verification and hands its slot on when it ends. */
  private <T> void launch(Supplier<CompletableFuture<T>> start, CompletableFuture<T> result) {
    if (result.isDone()) {
      // Closed or cancelled while waiting.
      finished();
      return;
    }
    CompletableFuture<T> work;
    try {
      work = start.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      finished();
      return;
    }
    CompletableFuture<?> unused =
        result.whenComplete(
            (value, failure) -> {
              if (result.isCancelled()) {
                work.cancel(true);
              }
            });
    unused =
        work.whenComplete(
            (value, failure) -> {
              if (failure != null) {
                result.completeExceptionally(unwrap(failure));
              } else {
                result.complete(value);
              }
              finished();
            });
  }

  /** Gives the slot of a verification that ended to the next waiting one, if any. */
  private void finished() {
    Runnable next;
    synchronized (waiting) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      // Not inline: a chain of verifications that end at once would otherwise nest on the stack.
      ForkJoinPool.commonPool().execute(next);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The verifier is closed; build a new one");
    }
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Converts a domain to lower-case A-labels without the trailing dot and checks its syntax. */
  static String requireDomain(String name, String what) {
    Objects.requireNonNull(name, what);
    if (AddressLiterals.isBracketed(name)) {
      throw new IllegalArgumentException(
          "Invalid "
              + what
              + " \""
              + Text.escaped(name)
              + "\": an address literal has no MX records, TLSA records or DANE (RFC 7672 section"
              + " 2.2); pass it to verifyHost, which alone accepts address literals");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + what + " \"" + Text.escaped(name) + "\": " + e.getMessage(), e);
    }
    return HostNames.requireHostName(ascii, what).toLowerCase(Locale.ROOT);
  }

  private static String requireHostOrLiteral(String host) {
    Objects.requireNonNull(host, "host");
    if (AddressLiterals.isBracketed(host)) {
      AddressLiterals.parse(host);
      return host;
    }
    return requireDomain(host, "host");
  }

  private static ThreadPoolExecutor newConnectionExecutor(int threads) {
    int verifier = VERIFIER_NUMBERS.incrementAndGet();
    AtomicInteger threadNumbers = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread =
              new Thread(
                  task,
                  "dane4j-verifier-" + verifier + "-connection-" + threadNumbers.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            IDLE_THREAD_LIFETIME.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            factory);
    // Idle threads end, so an idle verifier keeps no thread even before it is closed.
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * Builds a {@link DaneSmtpVerifier}. Every option has a default; each setter replaces the earlier
   * value. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable DnsFetcher fetcher;
    private @Nullable DnsFetcherSettings dnsSettings;
    private String dnsProvider = DnsFetchers.DEFAULT_PROVIDER;
    private @Nullable DnsCache dnsCache;
    private ConnectorSettings connector = ConnectorSettings.defaults();
    private @Nullable Duration timeout;
    private int port = 25;
    private TlsMode tlsMode = TlsMode.STARTTLS;
    private List<AddressFamily> addressFamilies = List.of(AddressFamily.IPV4, AddressFamily.IPV6);
    private RunMode mode = RunMode.MONITOR;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int verificationsInFlight = DEFAULT_CONCURRENCY;
    private final Set<String> daneRequired = new HashSet<>();
    private boolean daneRequiredForAll;
    private boolean auditOnly;
    private @Nullable DaneVerifier daneVerifier;
    private boolean allowUnverifiedDns;

    private Builder() {}

    /**
     * Uses this DNS fetcher. The verifier does not close it. The default is a fetcher of the {@code
     * dnsjava} provider with {@link DnsFetcherSettings#defaults()}, which the verifier creates and
     * closes.
     *
     * @throws NullPointerException if {@code dnsFetcher} is null
     */
    public Builder dns(DnsFetcher dnsFetcher) {
      this.fetcher = Objects.requireNonNull(dnsFetcher, "dnsFetcher");
      this.dnsSettings = null;
      return this;
    }

    /**
     * Creates a fetcher of the {@code dnsjava} provider with these settings when the verifier is
     * built; the verifier closes it.
     *
     * @throws NullPointerException if {@code settings} is null
     */
    public Builder dns(DnsFetcherSettings settings) {
      return dns(DnsFetchers.DEFAULT_PROVIDER, settings);
    }

    /**
     * Creates a fetcher of the named provider, such as {@code dnsjava}, with these settings when
     * the verifier is built; the verifier closes it.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder dns(String providerName, DnsFetcherSettings settings) {
      this.dnsProvider = Objects.requireNonNull(providerName, "providerName");
      this.dnsSettings = Objects.requireNonNull(settings, "settings");
      this.fetcher = null;
      return this;
    }

    /**
     * Answers DNS lookups from {@code cache} when it contains the answer, and stores there what the
     * fetcher returns, each answer no longer than its TTL (see {@link DnsCache}). Once the answers
     * about an MX host are cached, each further domain it serves, as at large mail providers, costs
     * one MX lookup instead of five or more. Several verifiers may share one cache. The default is
     * no cache: every verification asks the fetcher.
     *
     * <p>When the verifier created the fetcher, closing the verifier drops that fetcher's entries.
     * The entries of a fetcher given with {@link #dns(DnsFetcher)} stay until they expire or make
     * room, because dropping them would close that fetcher.
     *
     * @throws NullPointerException if {@code cache} is null
     */
    public Builder dnsCache(DnsCache cache) {
      this.dnsCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Sets the connector's timeouts, limits, EHLO name and TLS provider; the default is {@link
     * ConnectorSettings#defaults()}.
     *
     * @throws NullPointerException if {@code settings} is null
     */
    public Builder connector(ConnectorSettings settings) {
      this.connector = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets every connector timeout (connect, read, greeting, command, handshake) to {@code
     * perStep}, overriding those of {@link #connector(ConnectorSettings)}. DNS lookups keep the
     * lookup timeout of the fetcher's settings.
     *
     * @throws IllegalArgumentException if {@code perStep} is shorter than 1 ms or longer than 1
     *     hour
     * @throws NullPointerException if {@code perStep} is null
     */
    public Builder timeouts(Duration perStep) {
      Objects.requireNonNull(perStep, "perStep");
      ConnectorSettings.builder().connectTimeout(perStep); // checks the range
      this.timeout = perStep;
      return this;
    }

    /**
     * Sets the SMTP port; the default is 25. The TLSA owner name uses the same port, as RFC 7672
     * section 2.2.3 requires for routes to another port.
     *
     * @throws IllegalArgumentException if {@code port} is outside 1 to 65535
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("Invalid port " + port + ": must be from 1 to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Sets how TLS starts on each connection; the default is {@link TlsMode#STARTTLS}. Use {@link
     * TlsMode#IMPLICIT_TLS} with {@code port(465)} for submission servers that speak TLS from the
     * first byte (RFC 8314 section 3.3). The TLSA owner name always uses the port set with {@link
     * #port(int)}, the one connected to (RFC 7672 section 2.2.3).
     *
     * @throws NullPointerException if {@code mode} is null
     */
    public Builder tlsMode(TlsMode mode) {
      this.tlsMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the address families to look up and connect to, in the order to try them; the default is
     * IPv4, then IPv6.
     *
     * @throws IllegalArgumentException if no family is given
     */
    public Builder addressFamilies(AddressFamily... families) {
      Set<AddressFamily> distinct = EnumSet.noneOf(AddressFamily.class);
      List<AddressFamily> ordered = new ArrayList<>();
      for (AddressFamily family : families) {
        if (distinct.add(Objects.requireNonNull(family, "family"))) {
          ordered.add(family);
        }
      }
      if (ordered.isEmpty()) {
        throw new IllegalArgumentException(
            "No address family given; pass AddressFamily.IPV4, AddressFamily.IPV6 or both");
      }
      this.addressFamilies = List.copyOf(ordered);
      return this;
    }

    /**
     * Sets how many servers a verification contacts; the default is {@link RunMode#MONITOR}.
     *
     * @throws NullPointerException if {@code runMode} is null
     */
    public Builder mode(RunMode runMode) {
      this.mode = Objects.requireNonNull(runMode, "runMode");
      return this;
    }

    /**
     * Sets how many connections may be open at once over all verifications of this verifier; the
     * default is {@value DaneSmtpVerifier#DEFAULT_CONCURRENCY}.
     *
     * @throws IllegalArgumentException if {@code connections} is outside 1 to 1024
     */
    public Builder concurrency(int connections) {
      if (connections < 1 || connections > MAX_CONCURRENCY) {
        throw new IllegalArgumentException(
            "Invalid concurrency " + connections + ": must be from 1 to " + MAX_CONCURRENCY);
      }
      this.concurrency = connections;
      return this;
    }

    /**
     * Sets how many verifications (domains, hosts or host policies) may run at once; later calls
     * wait in order, and their lookups and timeouts start only when they run. The default is
     * {@value DaneSmtpVerifier#DEFAULT_CONCURRENCY}. The bound keeps a burst of calls from starting
     * every DNS lookup at once, because lookups that wait for CPU time behind TLS handshakes run
     * into their timeouts.
     *
     * @throws IllegalArgumentException if {@code verifications} is outside 1 to 1024
     */
    public Builder verificationsInFlight(int verifications) {
      if (verifications < 1 || verifications > MAX_CONCURRENCY) {
        throw new IllegalArgumentException(
            "Invalid verificationsInFlight "
                + verifications
                + ": must be from 1 to "
                + MAX_CONCURRENCY);
      }
      this.verificationsInFlight = verifications;
      return this;
    }

    /**
     * Makes these destinations DANE-mandatory (RFC 7672 section 6): mail goes only over TLS
     * authenticated by secure usable TLSA records, and otherwise is deferred with the RFC 8460
     * result type {@code dane-required}. A destination is a next-hop domain given to {@link
     * DaneSmtpVerifier#verifyDomain} or a host given to {@link DaneSmtpVerifier#verifyHost}.
     *
     * @throws IllegalArgumentException if a name is invalid
     */
    public Builder daneRequired(String... destinations) {
      for (String destination : destinations) {
        daneRequired.add(requireDomain(destination, "DANE-mandatory destination"));
      }
      return this;
    }

    /** Makes every destination DANE-mandatory; see {@link #daneRequired(String...)}. */
    public Builder daneRequiredForAllDestinations(boolean required) {
      this.daneRequiredForAll = required;
      return this;
    }

    /**
     * Turns on audit-only mode (RFC 7672 section 9.1): a chain that fails DANE verification, or a
     * DANE-mandatory destination without usable secure TLSA records, is reported as {@link
     * Verdict#DANE_FAILURE} but does not block delivery: the address counts as {@linkplain
     * AddressReport#accepted() accepted}, and the SSL objects of a {@link HostPolicy} accept the
     * chain. A missing STARTTLS or a failed handshake still blocks. Off by default.
     */
    public Builder auditOnly(boolean audit) {
      this.auditOnly = audit;
      return this;
    }

    /**
     * Sets the DANE verifier that checks chains against TLSA records, for example to change the
     * clock or the digest preference; the default is {@code DaneVerifier.builder().build()}, the
     * SMTP profile.
     *
     * @throws NullPointerException if {@code verifier} is null
     */
    public Builder daneVerifier(DaneVerifier verifier) {
      this.daneVerifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Accepts answers whose DNSSEC status the DNS provider cannot establish, such as every answer
     * of the JDK's JNDI provider, and treats them as insecure. Off by default: such answers are
     * lookup failures, and {@link #build()} rejects the {@code jndi} provider.
     *
     * <p><b>Security:</b> with this set and such a provider, DANE never applies: every host gets
     * opportunistic TLS, and forged DNS answers go unnoticed (RFC 7672 section 2.1.1 requires a
     * security-aware resolver). Use it only to test SMTP and TLS without DNSSEC.
     */
    public Builder insecureAllowUnverifiedDns(boolean allow) {
      this.allowUnverifiedDns = allow;
      return this;
    }

    /**
     * Builds the verifier, creating its DNS fetcher unless one was given.
     *
     * @throws IllegalArgumentException if the DNS provider is unknown or rejects its settings
     * @throws IllegalStateException if the DNS provider is {@code jndi}, which cannot establish
     *     DNSSEC status, and {@link #insecureAllowUnverifiedDns(boolean)} is not set
     */
    public DaneSmtpVerifier build() {
      ConnectorSettings effective = connector;
      Duration perStep = timeout;
      if (perStep != null) {
        effective =
            connector.toBuilder()
                .connectTimeout(perStep)
                .readTimeout(perStep)
                .greetingTimeout(perStep)
                .commandTimeout(perStep)
                .handshakeTimeout(perStep)
                .build();
      }

      DnsFetcher given = fetcher;
      boolean owns = given == null;
      DnsFetcher dnsFetcher =
          given != null
              ? given
              : DnsFetchers.create(
                  dnsProvider, dnsSettings != null ? dnsSettings : DnsFetcherSettings.defaults());
      if (dnsFetcher.providerName().equalsIgnoreCase("jndi") && !allowUnverifiedDns) {
        if (owns) {
          dnsFetcher.close();
        }
        throw new IllegalStateException(
            "The jndi DNS provider cannot establish DNSSEC status, so DANE (RFC 7672 section"
                + " 2.1.1) is impossible with it: use the dnsjava provider, or set"
                + " insecureAllowUnverifiedDns(true) to check SMTP and TLS without DANE");
      }
      DnsCache cache = dnsCache;
      DnsFetcher used = cache != null ? cache.wrap(dnsFetcher) : dnsFetcher;
      return new DaneSmtpVerifier(used, owns, this, effective);
    }
  }
}
