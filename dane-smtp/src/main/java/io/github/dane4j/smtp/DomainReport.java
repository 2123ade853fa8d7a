package io.github.dane4j.smtp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verification of a destination domain: the MX lookup, one {@link HostReport} per MX host
 * checked, and the domain's verdict, which is the worst of its hosts' verdicts, with two
 * exceptions. A failed MX lookup or a DANE-mandatory domain with an insecure MX RRset decides
 * alone, because no host may then be contacted (RFC 7672 sections 2.1.2 and 2.2.1). An insecure MX
 * RRset makes the verdict no better than {@link Verdict#OPPORTUNISTIC}, because DANE success
 * through an insecure MX RRset is never secure delivery to the domain (RFC 7672 section 2.2.1).
 *
 * <p>Instances are immutable.
 */
public final class DomainReport {
  private final String domain;
  private final MxLookup mx;
  private final boolean daneRequired;
  private final Assessment assessment;
  private final List<HostReport> hosts;
  private final ReportOptions options;
  private final Instant startedAt;
  private final Duration elapsed;

  DomainReport(
      String domain,
      MxLookup mx,
      boolean daneRequired,
      Assessment assessment,
      List<HostReport> hosts,
      ReportOptions options,
      Instant startedAt,
      Duration elapsed) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.mx = Objects.requireNonNull(mx, "mx");
    this.daneRequired = daneRequired;
    this.assessment = Objects.requireNonNull(assessment, "assessment");
    this.hosts = List.copyOf(hosts);
    this.options = Objects.requireNonNull(options, "options");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Returns the destination domain in A-label form, without the trailing dot. */
  public String domain() {
    return domain;
  }

  /** Returns the MX lookup. */
  public MxLookup mx() {
    return mx;
  }

  /** Returns whether the domain was configured as DANE-mandatory (RFC 7672 section 6). */
  public boolean daneRequired() {
    return daneRequired;
  }

  /** Returns how many servers the run contacted. */
  public RunMode mode() {
    return options.mode();
  }

  /** Returns whether audit-only mode was on (RFC 7672 section 9.1). */
  public boolean auditOnly() {
    return options.auditOnly();
  }

  /** Returns the verdict. */
  public Verdict verdict() {
    return assessment.verdict();
  }

  /** Returns the verdict with its RFC 8460 result type, reason code, message and fix hint. */
  public Assessment assessment() {
    return assessment;
  }

  /**
   * Returns the hosts checked: in {@link RunMode#MONITOR} every MX host in order of preference, in
   * {@link RunMode#DELIVERY} the hosts tried up to the one that accepted. For a domain without MX
   * records, the domain itself. Empty when the MX lookup failed, the domain publishes a null MX, or
   * a DANE-mandatory domain has an insecure MX RRset.
   */
  public List<HostReport> hosts() {
    return hosts;
  }

  /** Returns whether some address would accept the mail under the policy. */
  public boolean accepted() {
    return acceptedAddress().isPresent();
  }

  /** Returns the first address, in the order tried, that would accept the mail. */
  public Optional<AddressReport> acceptedAddress() {
    return hosts.stream()
        .flatMap(host -> host.addresses().stream())
        .filter(AddressReport::accepted)
        .findFirst();
  }

  /** Returns when the verification started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Returns how long the verification took. */
  public Duration elapsed() {
    return elapsed;
  }

  ReportOptions options() {
    return options;
  }

  /**
   * Returns the report as a JSON document in the versioned schema that docs/report-schema.md
   * describes, indented for reading.
   */
  public String toJson() {
    return ReportJson.domain(this);
  }

  @Override
  public String toString() {
    return domain + ": " + assessment;
  }
}
