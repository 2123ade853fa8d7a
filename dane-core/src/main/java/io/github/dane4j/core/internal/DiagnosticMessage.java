package io.github.dane4j.core.internal;

import io.github.dane4j.core.CertificateUsage;
import io.github.dane4j.core.FailureReason;
import io.github.dane4j.core.MatchingType;
import io.github.dane4j.core.Selector;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.UnusableReason;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The operator-facing text of a verification result. On failure it shows, for each presented
 * certificate, the association data each (selector, matching type) of the RRset would need, next to
 * each record and what became of it, so the record to publish can be read off.
 *
 * <p>The text is deterministic and bounded: at most {@value #MAX_CERTIFICATES} certificates and
 * {@value #MAX_RECORDS} records are listed, and long values are cut.
 */
final class DiagnosticMessage {
  static final int MAX_CERTIFICATES = 12;
  static final int MAX_RECORDS = 24;
  private static final int MAX_HEX_SHOWN = 128;
  private static final int SUCCESS_HEX_SHOWN = 16;

  private DiagnosticMessage() {}

  /** Returns the one-line message of a successful verification. */
  static String success(TlsaRecord record, int depth, String matchedDescription) {
    return "Authenticated by TLSA record "
        + recordLabel(record, SUCCESS_HEX_SHOWN)
        + " ("
        + usageName(record.usage())
        + "), which matched "
        + matchedDescription
        + " at depth "
        + depth;
  }

  /**
   * Returns the multi-line message of a failed verification.
   *
   * @param headline what failed, as one sentence without a final period
   * @param certificates digests of the presented chain, leaf first; may be empty
   * @param notes what became of each usable record, by its position in the RRset
   */
  static String failure(
      FailureReason reason,
      String headline,
      List<String> referenceNames,
      List<CertificateDigests> certificates,
      List<RecordSelection.Entry> entries,
      Map<Integer, String> notes) {
    StringBuilder text = new StringBuilder();
    text.append("DANE verification failed (")
        .append(reason.reasonCode())
        .append("): ")
        .append(headline)
        .append('.');
    text.append("\nReference names: ")
        .append(referenceNames.isEmpty() ? "(none)" : String.join(", ", referenceNames));
    appendCertificates(text, certificates, entries);
    appendRecords(text, entries, notes);
    return text.toString();
  }

  private static void appendCertificates(
      StringBuilder text,
      List<CertificateDigests> certificates,
      List<RecordSelection.Entry> entries) {
    if (certificates.isEmpty()) {
      return;
    }
    // Each (selector, matching type) pair of the RRset with assigned numbers, in numeric order.
    TreeSet<Integer> pairs = new TreeSet<>();
    for (RecordSelection.Entry entry : entries) {
      TlsaRecord record = entry.record();
      if (record.knownSelector().isPresent() && record.knownMatchingType().isPresent()) {
        pairs.add(record.selector() * 256 + record.matchingType());
      }
    }
    text.append("\nPresented certificates, leaf first:");
    int shownCount = Math.min(certificates.size(), MAX_CERTIFICATES);
    for (int depth = 0; depth < shownCount; depth++) {
      CertificateDigests certificate = certificates.get(depth);
      text.append("\n  depth ")
          .append(depth)
          .append(": ")
          .append(DanePathValidator.subject(certificate.certificate()));
      for (int pair : pairs) {
        int selector = pair / 256;
        int matchingType = pair % 256;
        text.append("\n    ")
            .append(selector)
            .append(' ')
            .append(matchingType)
            .append(" (")
            .append(Selector.fromCode(selector).orElseThrow().mnemonic())
            .append(' ')
            .append(MatchingType.fromCode(matchingType).orElseThrow().mnemonic())
            .append("): ");
        Optional<byte[]> data = certificate.associationData(selector, matchingType);
        text.append(data.map(bytes -> hex(bytes, MAX_HEX_SHOWN)).orElse("(not available)"));
      }
    }
    if (certificates.size() > shownCount) {
      text.append("\n  ... ").append(certificates.size() - shownCount).append(" more not shown");
    }
  }

  private static void appendRecords(
      StringBuilder text, List<RecordSelection.Entry> entries, Map<Integer, String> notes) {
    text.append("\nTLSA records:");
    int shownCount = Math.min(entries.size(), MAX_RECORDS);
    for (int i = 0; i < shownCount; i++) {
      RecordSelection.Entry entry = entries.get(i);
      text.append("\n  ").append(recordLabel(entry.record(), MAX_HEX_SHOWN)).append(": ");
      UnusableReason reason = entry.unusableReason();
      if (reason != null) {
        text.append("unusable, ").append(describe(reason, entry.record()));
      } else {
        text.append(notes.getOrDefault(entry.index(), "usable, not tried"));
      }
    }
    if (entries.size() > shownCount) {
      text.append("\n  ... ").append(entries.size() - shownCount).append(" more not shown");
    }
  }

  /** Explains why a record is unusable. */
  static String describe(UnusableReason reason, TlsaRecord record) {
    return switch (reason) {
      case UNKNOWN_USAGE -> "certificate usage " + record.usage() + " is not assigned";
      case UNKNOWN_SELECTOR -> "selector " + record.selector() + " is not assigned";
      case UNKNOWN_MATCHING_TYPE -> "matching type " + record.matchingType() + " is not supported";
      case WRONG_DIGEST_LENGTH ->
          record.associationDataLength()
              + " bytes of data, but "
              + MatchingType.fromCode(record.matchingType()).map(MatchingType::mnemonic).orElse("")
              + " digests are "
              + MatchingType.fromCode(record.matchingType())
                  .flatMap(type -> type.digestLength().stream().boxed().findFirst())
                  .map(String::valueOf)
                  .orElse("?")
              + " bytes long";
      case MALFORMED_FULL_DATA ->
          record.selector() == Selector.CERT.code()
              ? "the data is not one DER X.509 certificate"
              : "the data is not one DER SubjectPublicKeyInfo";
      case PKIX_USAGE_NOT_SUPPORTED ->
          "PKIX-TA(0) and PKIX-EE(1) are not used for SMTP (RFC 7672 section 3.1.3)";
      case WEAKER_DIGEST ->
          "another record with the same usage and selector has a preferred digest, so this"
              + " one is ignored (RFC 7671 section 9)";
    };
  }

  private static String recordLabel(TlsaRecord record, int maxHex) {
    return record.usage()
        + " "
        + record.selector()
        + " "
        + record.matchingType()
        + " "
        + hex(record.associationData(), maxHex);
  }

  /** Encodes at most {@code maxHex} hexadecimal digits of {@code data}, an even number. */
  private static String hex(byte[] data, int maxHex) {
    int maxBytes = maxHex / 2;
    if (data.length <= maxBytes) {
      return Hex.encode(data);
    }
    return Hex.encode(Arrays.copyOf(data, maxBytes)) + "... (" + data.length + " bytes)";
  }

  private static String usageName(int usage) {
    return CertificateUsage.fromCode(usage)
        .map(CertificateUsage::mnemonic)
        .orElseGet(() -> "usage " + usage);
  }
}
