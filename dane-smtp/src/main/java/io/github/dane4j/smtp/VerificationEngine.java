package io.github.dane4j.smtp;

import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Runs verifications: the MX lookup of a domain (RFC 7672 section 2.2.1), the policy of each host
 * through {@link HostResolver}, and the connections, all at once in {@link RunMode#MONITOR} or one
 * by one in {@link RunMode#DELIVERY}.
 *
 * <p>DNS lookups run on the fetcher's threads; each connection runs as one task on {@code
 * connections}, whose size bounds how many connections are open at once. A connection task only
 * connects and never waits for another task, so the bounded executor cannot deadlock.
 */
final class VerificationEngine {
  private final DnsFetcher fetcher;
  private final SmtpConnector connector;
  private final HostResolver resolver;
  private final Executor connections;
  private final ReportOptions options;
  private final DestinationPolicy destinations;
  private final boolean allowUnverifiedDns;

  VerificationEngine(
      DnsFetcher fetcher,
      SmtpConnector connector,
      HostResolver resolver,
      Executor connections,
      ReportOptions options,
      DestinationPolicy destinations,
      boolean allowUnverifiedDns) {
    this.fetcher = fetcher;
    this.connector = connector;
    this.resolver = resolver;
    this.connections = connections;
    this.options = options;
    this.destinations = destinations;
    this.allowUnverifiedDns = allowUnverifiedDns;
  }

  CompletableFuture<DomainReport> verifyDomain(String domain) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    boolean daneRequired = destinations.daneRequired(domain);
    return HostResolver.lookup(() -> fetcher.mx(domain))
        .thenCompose(answer -> afterMx(domain, daneRequired, answer))
        .thenApply(
            result ->
                new DomainReport(
                    domain,
                    result.mx(),
                    daneRequired,
                    result.assessment(),
                    result.hosts(),
                    options,
                    startedAt,
                    Duration.ofNanos(System.nanoTime() - start)));
  }

  CompletableFuture<HostReport> verifyHost(String host) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    boolean daneRequired = destinations.daneRequired(host);
    // A relay or a next hop without MX records: the host is its own next-hop domain, which is a
    // reference identifier next to the TLSA base domain (RFC 7672 section 3.2.2).
    List<String> nextHopNames = HostResolver.isAddressLiteral(host) ? List.of() : List.of(host);
    return resolver
        .resolve(host, nextHopNames, daneRequired)
        .thenCompose(policy -> checkHost(policy, HostReport.noPreference(), startedAt, start));
  }

  CompletableFuture<HostPolicy> hostPolicy(String host, String nextHopDomain) {
    boolean daneRequired = destinations.daneRequired(nextHopDomain);
    return HostResolver.lookup(() -> fetcher.mx(nextHopDomain))
        .thenCompose(
            answer -> {
              MxLookup mx = mxLookup(nextHopDomain, answer);
              Assessment blocked = mxBlocks(nextHopDomain, daneRequired, answer);
              if (blocked != null) {
                return done(resolver.unreachable(host, daneRequired, blocked));
              }
              boolean listed =
                  mx.records().stream()
                      .anyMatch(record -> record.exchange().equalsIgnoreCase(host));
              boolean implicit = mx.implicitMx() && host.equalsIgnoreCase(nextHopDomain);
              List<String> names =
                  answer.isSecure() && listed
                      ? nextHopNames(nextHopDomain, mx)
                      : implicit ? List.of(nextHopDomain) : List.of();
              return resolver.resolve(host, names, daneRequired);
            });
  }

  private record MxOutcome(MxLookup mx, Assessment assessment, List<HostReport> hosts) {}

  /**
   * Returns why the MX answer rules out every host of the domain, or null when hosts may be tried:
   * an unverified answer without the opt-in, a lookup failure (RFC 7672 section 2.1.2), or an
   * insecure MX RRset of a DANE-mandatory destination outside audit-only mode (RFC 7672 section
   * 2.2.1).
   */
  private @Nullable Assessment mxBlocks(
      String domain, boolean daneRequired, DnsAnswer<MxRecord> answer) {
    if (refusedUnverified(answer)) {
      return new Assessment(
          Verdict.LOOKUP_FAILURE,
          null,
          ReasonCodes.DNSSEC_UNVERIFIED,
          "The DNS provider "
              + fetcher.providerName()
              + " cannot establish the DNSSEC status of the MX RRset of "
              + domain
              + "; use a validating provider, or set insecureAllowUnverifiedDns(true) to treat"
              + " its answers as insecure");
    }
    if (answer.isLookupFailure()) {
      return HostResolver.lookupFailure(
          ReasonCodes.MX_LOOKUP_FAILED,
          "The MX lookup of " + domain,
          answer,
          "so delivery to the domain is deferred");
    }
    if (answer.kind() == AnswerKind.NXDOMAIN) {
      // RFC 5321 section 5.1 makes only an existing name without MX records its own mail host, so
      // a name that does not exist has no host to look up or connect to (RFC 7672 section 2.2.1).
      return new Assessment(
          Verdict.CONNECTION_FAILURE,
          null,
          ReasonCodes.DOMAIN_NOT_FOUND,
          "The domain does not exist: the MX lookup of "
              + domain
              + " returned NXDOMAIN ("
              + answer.status().name().toLowerCase(Locale.ROOT)
              + "), so there is no mail host to check and mail to it bounces");
    }
    if (daneRequired && !answer.isSecure() && !options.auditOnly()) {
      return new Assessment(
          Verdict.DANE_FAILURE,
          Rfc8460ResultType.DANE_REQUIRED,
          ReasonCodes.DANE_REQUIRED_INSECURE_MX,
          "The destination "
              + domain
              + " is DANE-mandatory, but its MX RRset is "
              + answer.status().name().toLowerCase(Locale.ROOT)
              + ", so delivery is deferred");
    }
    return null;
  }

  private CompletableFuture<MxOutcome> afterMx(
      String domain, boolean daneRequired, DnsAnswer<MxRecord> answer) {
    MxLookup mx = mxLookup(domain, answer);
    Assessment blocked = mxBlocks(domain, daneRequired, answer);
    if (blocked != null) {
      return done(new MxOutcome(mx, blocked, List.of()));
    }
    boolean mxSecure = answer.isSecure();
    if (mx.nullMx()) {
      return done(
          new MxOutcome(
              mx,
              new Assessment(
                  Verdict.CONNECTION_FAILURE,
                  null,
                  ReasonCodes.NULL_MX,
                  domain + " publishes a null MX record: it accepts no mail (RFC 7505)"),
              List.of()));
    }

    List<Destination> hosts = new ArrayList<>();
    if (mx.implicitMx()) {
      // RFC 5321 section 5.1: without MX records the domain itself is the mail host, and the
      // original next-hop domain is a reference identifier (RFC 7672 section 3.2.2).
      hosts.add(new Destination(domain, HostReport.noPreference(), List.of(domain)));
    } else {
      List<String> names = mxSecure ? nextHopNames(domain, mx) : List.of();
      for (MxRecord record : mx.records()) {
        hosts.add(new Destination(record.exchange(), record.preference(), names));
      }
    }

    CompletableFuture<List<HostReport>> reports =
        options.mode() == RunMode.MONITOR
            ? checkAll(sortedForMonitor(hosts), daneRequired)
            : deliver(orderedForDelivery(hosts), 0, daneRequired, new ArrayList<>());
    return reports.thenApply(
        checked -> new MxOutcome(mx, Assessments.domain(mx, mxSecure, checked), checked));
  }

  /** One host to check, with its MX preference and the names that the next hop adds. */
  private record Destination(String host, int preference, List<String> nextHopNames) {}

  private CompletableFuture<List<HostReport>> checkAll(
      List<Destination> hosts, boolean daneRequired) {
    List<CompletableFuture<HostReport>> reports = new ArrayList<>();
    for (Destination host : hosts) {
      reports.add(check(host, daneRequired));
    }
    return CompletableFuture.allOf(reports.toArray(new CompletableFuture<?>[0]))
        .thenApply(ignored -> reports.stream().map(CompletableFuture::join).toList());
  }

  /** Tries the hosts in order and stops after the first that accepts (RFC 7672 section 2.2). */
  private CompletableFuture<List<HostReport>> deliver(
      List<Destination> hosts, int index, boolean daneRequired, List<HostReport> done) {
    if (index == hosts.size()) {
      return done(List.copyOf(done));
    }
    return check(hosts.get(index), daneRequired)
        .thenCompose(
            report -> {
              done.add(report);
              if (report.accepted()) {
                return done(List.copyOf(done));
              }
              return deliver(hosts, index + 1, daneRequired, done);
            });
  }

  private CompletableFuture<HostReport> check(Destination host, boolean daneRequired) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    return resolver
        .resolve(host.host(), host.nextHopNames(), daneRequired)
        .thenCompose(policy -> checkHost(policy, host.preference(), startedAt, start));
  }

  private CompletableFuture<HostReport> checkHost(
      HostPolicy policy, int preference, Instant startedAt, long start) {
    CompletableFuture<List<AddressReport>> addresses;
    if (policy.tlsPolicy() == TlsPolicy.UNREACHABLE) {
      // RFC 7672 section 10: never connect where the server must be considered unreachable.
      addresses = done(List.of());
    } else if (options.mode() == RunMode.MONITOR) {
      List<CompletableFuture<AddressReport>> checks = new ArrayList<>();
      for (InetAddress address : policy.addresses()) {
        checks.add(connect(policy, address));
      }
      addresses =
          CompletableFuture.allOf(checks.toArray(new CompletableFuture<?>[0]))
              .thenApply(ignored -> checks.stream().map(CompletableFuture::join).toList());
    } else {
      addresses = connectInTurn(policy, 0, new ArrayList<>());
    }
    return addresses.thenApply(
        reports ->
            new HostReport(
                policy,
                preference,
                Assessments.host(policy, reports),
                reports,
                options,
                startedAt,
                Duration.ofNanos(System.nanoTime() - start)));
  }

  /** Tries the addresses one by one; the next address counts as the next server. */
  private CompletableFuture<List<AddressReport>> connectInTurn(
      HostPolicy policy, int index, List<AddressReport> done) {
    if (index == policy.addresses().size()) {
      return done(List.copyOf(done));
    }
    return connect(policy, policy.addresses().get(index))
        .thenCompose(
            report -> {
              done.add(report);
              if (report.accepted()) {
                return done(List.copyOf(done));
              }
              return connectInTurn(policy, index + 1, done);
            });
  }

  private CompletableFuture<AddressReport> connect(HostPolicy policy, InetAddress address) {
    return CompletableFuture.supplyAsync(
        () -> {
          SmtpTarget.Builder target =
              SmtpTarget.builder()
                  .address(address, policy.port())
                  .tlsMode(options.tlsMode())
                  .trustManager(policy.newTrustManager());
          String sni = policy.sniHostName().orElse(null);
          if (sni != null) {
            target.sniHostName(sni);
          } else {
            target.omitSni();
          }
          return Assessments.address(policy, connector.connect(target.build()));
        },
        connections);
  }

  private boolean refusedUnverified(DnsAnswer<?> answer) {
    return answer.status() == DnssecStatus.UNVERIFIED && !allowUnverifiedDns;
  }

  private static MxLookup mxLookup(String domain, DnsAnswer<MxRecord> answer) {
    return new MxLookup(
        domain,
        answer.kind(),
        answer.status(),
        answer.records(),
        answer.namesFollowed(),
        answer.reason());
  }

  /** Returns the next-hop domain and its CNAME-expanded form (RFC 7672 section 3.2.2). */
  private static List<String> nextHopNames(String domain, MxLookup mx) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    names.add(domain);
    names.add(mx.expandedDomain().toLowerCase(Locale.ROOT));
    return List.copyOf(names);
  }

  private static List<Destination> sortedForMonitor(List<Destination> hosts) {
    return hosts.stream()
        .sorted(Comparator.comparingInt(Destination::preference).thenComparing(Destination::host))
        .toList();
  }

  /**
   * Orders hosts by preference, and hosts of equal preference at random (RFC 5321 section 5.1). RFC
   * 7672 section 2.2.1 forbids trying a less preferred host with TLSA before a more preferred one
   * without, which sorting by preference alone guarantees.
   */
  private static List<Destination> orderedForDelivery(List<Destination> hosts) {
    List<Destination> shuffled = new ArrayList<>(hosts);
    Collections.shuffle(shuffled, ThreadLocalRandom.current());
    shuffled.sort(Comparator.comparingInt(Destination::preference));
    return shuffled;
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
