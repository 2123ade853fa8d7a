package io.github.dane4j.smtp;

import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The MX lookup of a destination domain (RFC 7672 section 2.2.1).
 *
 * @param domain the domain asked for, in A-label form without the trailing dot
 * @param kind records, NODATA, NXDOMAIN or failure
 * @param status the DNSSEC status of the answer, including any CNAME followed on the way
 * @param records the MX records, sorted by preference; records of equal preference keep the order
 *     of the answer
 * @param namesFollowed the owner names visited, starting with {@code domain}; the last is the
 *     CNAME-expanded next-hop domain
 * @param reason the DNS layer's explanation of a failure or of the status, or an empty string
 */
public record MxLookup(
    String domain,
    AnswerKind kind,
    DnssecStatus status,
    List<MxRecord> records,
    List<String> namesFollowed,
    String reason) {

  /** Copies the lists and sorts the records by preference. */
  public MxLookup {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    // A sorted stream of a list is stable, so equal preferences keep the answer's order.
    records = records.stream().sorted(Comparator.comparingInt(MxRecord::preference)).toList();
    namesFollowed = List.copyOf(namesFollowed);
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns the CNAME-expanded next-hop domain: the last name followed. */
  public String expandedDomain() {
    return namesFollowed.isEmpty() ? domain : namesFollowed.get(namesFollowed.size() - 1);
  }

  /**
   * Returns whether the domain exists but has no MX records, so that it is its own mail host (RFC
   * 5321 section 5.1). A domain that does not exist (NXDOMAIN) has no implicit MX.
   */
  public boolean implicitMx() {
    return kind == AnswerKind.NODATA;
  }

  /** Returns whether the domain does not exist (NXDOMAIN), so that it has no mail host at all. */
  public boolean domainNotFound() {
    return kind == AnswerKind.NXDOMAIN;
  }

  /**
   * Returns whether the domain publishes a null MX: one record whose exchange is the root, which
   * declares that the domain accepts no mail (RFC 7505).
   */
  public boolean nullMx() {
    return records.size() == 1 && records.get(0).exchange().equals(".");
  }
}
