package io.github.dane4j.smtp;

import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.RecordCheck;
import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.smtp.internal.AddressLiterals;
import io.github.dane4j.smtp.internal.HostNames;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Decides the {@link HostPolicy} of one MX host from DNS, as RFC 7672 sections 2.2.2 and 2.2.3
 * require: address records first, the CNAME chain hop by hop, the candidate TLSA base domains, and
 * one TLSA lookup per candidate until one yields a secure RRset or fails.
 */
final class HostResolver {
  private final DnsFetcher fetcher;
  private final DaneVerifier daneVerifier;
  private final ConnectorSettings tls;
  private final int port;
  private final List<AddressFamily> families;
  private final boolean auditOnly;
  private final boolean allowUnverifiedDns;

  HostResolver(
      DnsFetcher fetcher,
      DaneVerifier daneVerifier,
      ConnectorSettings tls,
      int port,
      List<AddressFamily> families,
      boolean auditOnly,
      boolean allowUnverifiedDns) {
    this.fetcher = fetcher;
    this.daneVerifier = daneVerifier;
    this.tls = tls;
    this.port = port;
    this.families = List.copyOf(families);
    this.auditOnly = auditOnly;
    this.allowUnverifiedDns = allowUnverifiedDns;
  }

  /**
   * Decides the policy of {@code host}. The stage never completes exceptionally: a fetcher that
   * throws makes the host unreachable with a lookup failure.
   *
   * @param host an MX exchange or relay host name, or an address literal such as {@code
   *     [192.0.2.1]}
   * @param nextHopNames reference identifiers after the TLSA base domain (RFC 7672 section 3.2.2)
   * @param daneRequired whether the destination is DANE-mandatory
   */
  CompletableFuture<HostPolicy> resolve(
      String host, List<String> nextHopNames, boolean daneRequired) {
    HostPolicy.Builder policy =
        HostPolicy.builder(host, port, daneVerifier, tls)
            .daneRequired(daneRequired)
            .auditOnly(auditOnly);
    if (isAddressLiteral(host)) {
      return CompletableFuture.completedFuture(addressLiteral(policy));
    }
    String name;
    try {
      name = HostNames.requireHostName(host, "mail host name").toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          policy.unreachable(
              new Assessment(
                  Verdict.CONNECTION_FAILURE,
                  null,
                  ReasonCodes.INVALID_HOST_NAME,
                  String.valueOf(e.getMessage()))));
    }

    // RFC 7672 section 2.2.2: address queries come before TLSA queries. The CNAME query per hop
    // gives each alias its own DNSSEC status (RFC 7672 section 2.1.3).
    CompletableFuture<DnsAnswer<CnameHop>> chain = lookup(() -> fetcher.cnameChain(name));
    List<CompletableFuture<DnsAnswer<InetAddress>>> addressLookups = new ArrayList<>();
    for (AddressFamily family : families) {
      addressLookups.add(lookup(() -> fetcher.addresses(name, family)));
    }
    List<CompletableFuture<?>> all = new ArrayList<>(addressLookups);
    all.add(chain);
    return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
        .thenCompose(
            ignored ->
                afterAddresses(
                    policy,
                    name,
                    chain.join(),
                    addressLookups.stream().map(CompletableFuture::join).toList(),
                    nextHopNames))
        .exceptionally(e -> policy.unreachable(unexpected(name, e)));
  }

  /** Returns the policy of a host that must not be used for a reason found before its lookups. */
  HostPolicy unreachable(String host, boolean daneRequired, Assessment why) {
    return HostPolicy.builder(host, port, daneVerifier, tls)
        .daneRequired(daneRequired)
        .auditOnly(auditOnly)
        .unreachable(why);
  }

  private CompletableFuture<HostPolicy> afterAddresses(
      HostPolicy.Builder policy,
      String name,
      DnsAnswer<CnameHop> chain,
      List<DnsAnswer<InetAddress>> addressAnswers,
      List<String> nextHopNames) {
    if (refusedUnverified(chain) || addressAnswers.stream().anyMatch(this::refusedUnverified)) {
      return done(policy.unreachable(unverified(name)));
    }
    if (chain.isLookupFailure()) {
      return done(
          policy.unreachable(
              lookupFailure(
                  ReasonCodes.CNAME_LOOKUP_FAILED, "The CNAME lookup of " + name, chain)));
    }
    policy.cnameChain(chain.records());

    List<InetAddress> addresses = new ArrayList<>();
    boolean allSecure = true;
    DnsAnswer<InetAddress> failed = null;
    for (DnsAnswer<InetAddress> answer : addressAnswers) {
      if (answer.isLookupFailure()) {
        failed = answer;
      } else if (answer.kind() == AnswerKind.RECORDS) {
        addresses.addAll(answer.records());
        allSecure &= answer.isSecure();
      }
    }
    if (addresses.isEmpty()) {
      if (failed != null) {
        return done(
            policy.unreachable(
                lookupFailure(
                    ReasonCodes.ADDRESS_LOOKUP_FAILED, "The address lookup of " + name, failed)));
      }
      // RFC 7672 section 2.2.2: no address records make the host unreachable.
      return done(
          policy.unreachable(
              new Assessment(
                  Verdict.CONNECTION_FAILURE,
                  null,
                  ReasonCodes.NO_ADDRESS_RECORDS,
                  name + " has no A or AAAA records")));
    }
    DnssecStatus addressStatus = allSecure ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
    policy.addresses(addresses, addressStatus);

    List<String> candidates = candidates(name, chain.records(), allSecure);
    policy.candidateBaseDomains(candidates);
    if (candidates.isEmpty()) {
      boolean firstHopInsecure =
          !chain.records().isEmpty() && chain.records().get(0).status() != DnssecStatus.SECURE;
      String why =
          firstHopInsecure
              ? "the first CNAME of " + name + " is insecure"
              : "the address records of " + name + " are insecure";
      // RFC 7672 section 2.2.2: no TLSA query then.
      return done(opportunistic(policy, name, nextHopNames, why + ", so no TLSA lookup is made"));
    }
    return tlsaStep(policy, name, candidates, 0, nextHopNames);
  }

  /**
   * Returns the candidate TLSA base domains (RFC 7672 section 2.2.2). A host that is no alias is
   * its own candidate when its addresses are secure. An alias whose hops and addresses are all
   * secure has two: the expanded name, then the original. A chain that turns insecure after a
   * secure first hop leaves the original alone, and an insecure first hop leaves none. Names inside
   * the chain are never candidates.
   */
  static List<String> candidates(String name, List<CnameHop> hops, boolean addressSecure) {
    if (hops.isEmpty()) {
      return addressSecure ? List.of(name) : List.of();
    }
    if (hops.get(0).status() != DnssecStatus.SECURE) {
      return List.of();
    }
    boolean allHopsSecure = hops.stream().allMatch(hop -> hop.status() == DnssecStatus.SECURE);
    String expanded = hops.get(hops.size() - 1).target().toLowerCase(Locale.ROOT);
    if (allHopsSecure && addressSecure && !expanded.equals(name)) {
      return List.of(expanded, name);
    }
    return List.of(name);
  }

  private CompletableFuture<HostPolicy> tlsaStep(
      HostPolicy.Builder policy,
      String name,
      List<String> candidates,
      int index,
      List<String> nextHopNames) {
    if (index == candidates.size()) {
      return done(opportunistic(policy, name, nextHopNames, tlsaOutcomes(policy.tlsaLookups())));
    }
    String candidate = candidates.get(index);
    TlsaQuery query = TlsaQuery.tcp(candidate, port);
    return lookup(() -> fetcher.tlsa(query))
        .thenCompose(
            answer -> {
              List<RecordCheck> checks =
                  answer.kind() == AnswerKind.RECORDS
                      ? daneVerifier.checkRecords(answer.records())
                      : List.of();
              policy.addTlsaLookup(
                  new TlsaLookup(
                      candidate,
                      query.ownerName(),
                      answer.kind(),
                      answer.status(),
                      answer.namesFollowed(),
                      checks,
                      answer.reason()));
              if (refusedUnverified(answer)) {
                return done(policy.unreachable(unverified(name)));
              }
              if (answer.isLookupFailure()) {
                // RFC 7672 section 2.1.2: a failed TLSA lookup makes the host unreachable; it is
                // no reason to try the next candidate.
                return done(
                    policy.unreachable(
                        lookupFailure(
                            ReasonCodes.TLSA_LOOKUP_FAILED,
                            "The TLSA lookup of " + query.ownerName(),
                            answer)));
              }
              if (answer.isSecure() && answer.kind() == AnswerKind.RECORDS) {
                return done(dane(policy, candidate, answer, checks, nextHopNames));
              }
              return tlsaStep(policy, name, candidates, index + 1, nextHopNames);
            });
  }

  /**
   * Describes why the TLSA lookups leave DANE inapplicable, one clause per candidate: insecure
   * records, a NODATA or NXDOMAIN answer and its DNSSEC status (RFC 7672 section 2.2.2).
   */
  private static String tlsaOutcomes(List<TlsaLookup> lookups) {
    List<String> clauses = new ArrayList<>();
    for (TlsaLookup lookup : lookups) {
      String status = lookup.status().name().toLowerCase(Locale.ROOT);
      String found =
          switch (lookup.kind()) {
            case RECORDS -> "found " + status + " TLSA records";
            case NODATA -> "found no TLSA records (" + status + " NODATA)";
            case NXDOMAIN -> "found no such name (" + status + " NXDOMAIN)";
            default -> "ended with " + lookup.kind() + " (" + status + ")";
          };
      clauses.add("the TLSA lookup of " + lookup.ownerName() + " " + found);
    }
    return clauses.isEmpty() ? "no TLSA lookup was made" : String.join(", and ", clauses);
  }

  private HostPolicy dane(
      HostPolicy.Builder policy,
      String baseDomain,
      DnsAnswer<TlsaRecord> answer,
      List<RecordCheck> checks,
      List<String> nextHopNames) {
    policy.dane(baseDomain, answer, referenceNames(baseDomain, nextHopNames));
    String owner = answer.queryName();
    boolean usable = checks.stream().anyMatch(RecordCheck::usable);
    if (usable) {
      return policy.build(
          TlsPolicy.DANE_AUTHENTICATION,
          "the secure TLSA RRset at "
              + owner
              + " has usable records, so TLS is mandatory and the"
              + " server must be authenticated");
    }
    if (policy.daneRequired() && !auditOnly) {
      return policy.unreachable(
          new Assessment(
              Verdict.DANE_FAILURE,
              Rfc8460ResultType.DANE_REQUIRED,
              ReasonCodes.DANE_REQUIRED_NO_USABLE_TLSA,
              "The destination is DANE-mandatory, but every record of the secure TLSA RRset at "
                  + owner
                  + " is unusable"));
    }
    return policy.build(
        TlsPolicy.TLS_WITHOUT_AUTHENTICATION,
        "the secure TLSA RRset at "
            + owner
            + " holds only unusable records, so TLS is"
            + " mandatory but cannot authenticate the server");
  }

  private HostPolicy opportunistic(
      HostPolicy.Builder policy, String name, List<String> nextHopNames, String why) {
    if (policy.daneRequired() && !auditOnly) {
      return policy.unreachable(
          new Assessment(
              Verdict.DANE_FAILURE,
              Rfc8460ResultType.DANE_REQUIRED,
              ReasonCodes.DANE_REQUIRED_NO_TLSA,
              "The destination is DANE-mandatory, but DANE does not apply to "
                  + name
                  + ": "
                  + why));
    }
    policy.withoutDane(nonApplicable(name, why), referenceNames(name, nextHopNames), name);
    return policy.build(TlsPolicy.OPPORTUNISTIC, "DANE does not apply: " + why);
  }

  private HostPolicy addressLiteral(HostPolicy.Builder policy) {
    String host = policy.host();
    InetAddress address;
    try {
      address = AddressLiterals.parse(host);
    } catch (IllegalArgumentException e) {
      return policy.unreachable(
          new Assessment(
              Verdict.CONNECTION_FAILURE,
              null,
              ReasonCodes.INVALID_HOST_NAME,
              String.valueOf(e.getMessage())));
    }
    if (policy.daneRequired() && !auditOnly) {
      return policy.unreachable(
          new Assessment(
              Verdict.DANE_FAILURE,
              Rfc8460ResultType.DANE_REQUIRED,
              ReasonCodes.DANE_REQUIRED_NO_TLSA,
              "The destination is DANE-mandatory, but DANE never applies to the address literal "
                  + host));
    }
    policy.addresses(List.of(address), null);
    String why = "the next hop " + host + " is an address literal (RFC 7672 section 2.2)";
    policy.withoutDane(nonApplicable(HostPolicy.ADDRESS_LITERAL_NAME, why), List.of(), null);
    return policy.build(TlsPolicy.OPPORTUNISTIC, "DANE does not apply: " + why);
  }

  /**
   * Returns a stand-in TLSA answer that tells a trust manager that DANE does not apply. Its owner
   * name is the one the connection would use; it was not necessarily queried.
   */
  private DnsAnswer<TlsaRecord> nonApplicable(String baseDomain, String why) {
    String owner = "_" + port + "._tcp." + baseDomain;
    return new DnsAnswer<>(
        owner,
        AnswerKind.NODATA,
        DnssecStatus.INSECURE,
        List.of(),
        List.of(owner),
        Duration.ZERO,
        -1,
        null,
        "DANE does not apply: " + why,
        AuthenticitySource.VALIDATED_IN_PROCESS);
  }

  private static List<String> referenceNames(String baseDomain, List<String> nextHopNames) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    names.add(baseDomain);
    for (String name : nextHopNames) {
      names.add(name.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(names);
  }

  private boolean refusedUnverified(DnsAnswer<?> answer) {
    return answer.status() == DnssecStatus.UNVERIFIED && !allowUnverifiedDns;
  }

  private Assessment unverified(String name) {
    return new Assessment(
        Verdict.LOOKUP_FAILURE,
        null,
        ReasonCodes.DNSSEC_UNVERIFIED,
        "The DNS provider "
            + fetcher.providerName()
            + " cannot establish the DNSSEC status of the records of "
            + name
            + " (RFC 7672 section 2.1.1 requires a security-aware resolver); use a validating"
            + " provider, or set insecureAllowUnverifiedDns(true) to treat its answers as"
            + " insecure, so that DANE never applies");
  }

  static Assessment lookupFailure(String code, String what, DnsAnswer<?> answer) {
    return lookupFailure(code, what, answer, "");
  }

  /**
   * Returns the assessment of a failed lookup: "{@code what} failed (kind, status: reason)",
   * followed by {@code consequence} when it is not empty.
   */
  static Assessment lookupFailure(
      String code, String what, DnsAnswer<?> answer, String consequence) {
    return new Assessment(
        Verdict.LOOKUP_FAILURE,
        Rfc8460ResultType.DNSSEC_INVALID,
        code,
        what
            + " failed ("
            + answer.kind().name().toLowerCase(Locale.ROOT)
            + ", "
            + answer.status().name().toLowerCase(Locale.ROOT)
            + (answer.reason().isEmpty() ? "" : ": " + answer.reason())
            + ")"
            + (consequence.isEmpty() ? "" : ", " + consequence));
  }

  private static Assessment unexpected(String name, Throwable e) {
    return new Assessment(
        Verdict.LOOKUP_FAILURE,
        null,
        ReasonCodes.ADDRESS_LOOKUP_FAILED,
        "The DNS lookups of " + name + " failed with an unexpected error: " + e);
  }

  static boolean isAddressLiteral(String host) {
    return AddressLiterals.isBracketed(host);
  }

  /** Runs a fetcher call, turning an exception it throws into a failed stage. */
  static <T> CompletableFuture<T> lookup(Supplier<CompletionStage<T>> call) {
    try {
      return call.get().toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
