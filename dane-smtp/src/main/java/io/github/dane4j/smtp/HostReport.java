package io.github.dane4j.smtp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The verification of one MX host: its {@link HostPolicy} (the DNS evidence and the RFC 7672
 * decision), the check of each address, and the host's verdict, which is the worst of its
 * addresses' verdicts, or the reason why no address was contacted.
 *
 * <p>Instances are immutable.
 */
public final class HostReport {
  private static final int NO_PREFERENCE = -1;

  private final HostPolicy policy;
  private final int preference;
  private final Assessment assessment;
  private final List<AddressReport> addresses;
  private final ReportOptions options;
  private final Instant startedAt;
  private final Duration elapsed;

  HostReport(
      HostPolicy policy,
      int preference,
      Assessment assessment,
      List<AddressReport> addresses,
      ReportOptions options,
      Instant startedAt,
      Duration elapsed) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.preference = preference;
    this.assessment = Objects.requireNonNull(assessment, "assessment");
    this.addresses = List.copyOf(addresses);
    this.options = Objects.requireNonNull(options, "options");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }

  static int noPreference() {
    return NO_PREFERENCE;
  }

  /** Returns the host name as given, or an address literal. */
  public String host() {
    return policy.host();
  }

  /** Returns the MX preference, or empty for a host that is not an MX record's exchange. */
  public OptionalInt preference() {
    return preference == NO_PREFERENCE ? OptionalInt.empty() : OptionalInt.of(preference);
  }

  /** Returns the DNS evidence and the RFC 7672 decision for the host. */
  public HostPolicy policy() {
    return policy;
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
   * Returns the checks of the addresses contacted, in the order tried. Empty when the host was not
   * contacted: its policy is {@link TlsPolicy#UNREACHABLE}.
   */
  public List<AddressReport> addresses() {
    return addresses;
  }

  /** Returns whether one of the addresses would accept the mail under the policy. */
  public boolean accepted() {
    return addresses.stream().anyMatch(AddressReport::accepted);
  }

  /** Returns when the verification of this host started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Returns how long the verification of this host took, DNS lookups included. */
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
    return ReportJson.host(this);
  }

  @Override
  public String toString() {
    return host() + ": " + assessment;
  }
}
