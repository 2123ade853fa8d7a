package io.github.dane4j.smtp;

import io.github.dane4j.core.RecordCheck;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnssecStatus;
import java.util.List;
import java.util.Objects;

/**
 * The TLSA lookup for one candidate TLSA base domain of an MX host (RFC 7672 section 2.2.3).
 *
 * @param baseDomain the candidate TLSA base domain
 * @param ownerName the name queried, {@code _<port>._tcp.<baseDomain>.}
 * @param kind records, NODATA, NXDOMAIN or failure
 * @param status the DNSSEC status of the answer
 * @param namesFollowed the owner names visited, starting with {@code ownerName} without its
 *     trailing dot; more than one when the owner name is an alias
 * @param records one check per record of the answer, telling whether it is usable; empty unless
 *     {@code kind} is {@link AnswerKind#RECORDS}
 * @param reason the DNS layer's explanation of a failure or of the status, or an empty string
 */
public record TlsaLookup(
    String baseDomain,
    String ownerName,
    AnswerKind kind,
    DnssecStatus status,
    List<String> namesFollowed,
    List<RecordCheck> records,
    String reason) {

  /** Copies the lists. */
  public TlsaLookup {
    Objects.requireNonNull(baseDomain, "baseDomain");
    Objects.requireNonNull(ownerName, "ownerName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    namesFollowed = List.copyOf(namesFollowed);
    records = List.copyOf(records);
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns whether the answer is a secure, non-empty TLSA RRset, so that DANE applies. */
  public boolean secureRecords() {
    return status == DnssecStatus.SECURE && kind == AnswerKind.RECORDS;
  }

  /** Returns whether at least one record is usable. */
  public boolean hasUsableRecord() {
    return records.stream().anyMatch(RecordCheck::usable);
  }
}
