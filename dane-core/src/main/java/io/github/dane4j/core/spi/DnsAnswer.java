package io.github.dane4j.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one DNS lookup: the records, their DNSSEC status, and enough detail to explain a
 * verdict. A lookup failure is an answer of kind {@link AnswerKind#FAILURE}, never an exception.
 *
 * @param <T> the record type, for example {@link io.github.dane4j.core.TlsaRecord}
 * @param queryName the name that was asked for, absolute, without the trailing dot
 * @param kind records, NODATA, NXDOMAIN or failure
 * @param status the DNSSEC status of the answer as a whole; for an alias chain, insecure from the
 *     first insecure hop on (RFC 7672 section 2.1.3)
 * @param records the records, empty unless {@code kind} is {@link AnswerKind#RECORDS}
 * @param namesFollowed the owner names visited, starting with {@code queryName}, one more for each
 *     CNAME or DNAME-synthesised CNAME followed
 * @param ttl how long the answer may be cached: the lowest TTL of the records used, for negative
 *     answers the lower of the SOA record's TTL and its MINIMUM field (RFC 2308 section 5); zero
 *     when unknown or for failures
 * @param rcode the DNS RCODE of the final response, or -1 when no response arrived
 * @param extendedError the extended DNS error of the response, or null
 * @param reason a human-readable explanation of a failure or of the status, or an empty string; for
 *     display and logs only, never a basis for decisions
 * @param authenticity how the DNSSEC status was established
 */
public record DnsAnswer<T>(
    String queryName,
    AnswerKind kind,
    DnssecStatus status,
    List<T> records,
    List<String> namesFollowed,
    Duration ttl,
    int rcode,
    @Nullable ExtendedDnsError extendedError,
    String reason,
    AuthenticitySource authenticity) {

  /**
   * Copies the lists and checks that the components agree with each other.
   *
   * @throws IllegalArgumentException if records are present although the kind is not {@link
   *     AnswerKind#RECORDS} or missing although it is; if a failure is marked secure; if a secure
   *     answer has {@link AuthenticitySource#NOT_ESTABLISHED} or an {@link DnssecStatus#UNVERIFIED}
   *     one has another source; or if {@code ttl} is negative
   * @throws NullPointerException if a component other than {@code extendedError} is null
   */
  public DnsAnswer {
    Objects.requireNonNull(queryName, "queryName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    records = List.copyOf(records);
    namesFollowed = List.copyOf(namesFollowed);
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(authenticity, "authenticity");
    if ((kind == AnswerKind.RECORDS) == records.isEmpty()) {
      throw new IllegalArgumentException(
          "A DNS answer of kind "
              + kind
              + " must "
              + (records.isEmpty() ? "" : "not ")
              + "have records");
    }
    if (kind == AnswerKind.FAILURE && status == DnssecStatus.SECURE) {
      throw new IllegalArgumentException("A failed DNS lookup cannot be secure");
    }
    if (status == DnssecStatus.SECURE && authenticity == AuthenticitySource.NOT_ESTABLISHED) {
      throw new IllegalArgumentException(
          "A secure DNS answer must say how its authenticity was established, not "
              + AuthenticitySource.NOT_ESTABLISHED);
    }
    if ((status == DnssecStatus.UNVERIFIED)
        != (authenticity == AuthenticitySource.NOT_ESTABLISHED)) {
      throw new IllegalArgumentException(
          "A DNS answer is "
              + DnssecStatus.UNVERIFIED
              + " exactly when its authenticity source is "
              + AuthenticitySource.NOT_ESTABLISHED
              + ", but the status is "
              + status
              + " and the source "
              + authenticity);
    }
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("Invalid TTL " + ttl + ": must not be negative");
    }
  }

  /** Returns whether the answer is authenticated by DNSSEC. */
  public boolean isSecure() {
    return status == DnssecStatus.SECURE;
  }

  /**
   * Returns whether the lookup failed in the sense of RFC 7672 section 2.1.1: a failure, or a bogus
   * or indeterminate answer. Secure or insecure NXDOMAIN and NODATA are not failures.
   */
  public boolean isLookupFailure() {
    return kind == AnswerKind.FAILURE
        || status == DnssecStatus.BOGUS
        || status == DnssecStatus.INDETERMINATE;
  }

  /** Returns the name whose records were returned: the last of {@link #namesFollowed()}. */
  public String finalName() {
    return namesFollowed.isEmpty() ? queryName : namesFollowed.get(namesFollowed.size() - 1);
  }
}
