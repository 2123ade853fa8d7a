package io.github.dane4j.core.internal;

import io.github.dane4j.core.CertificateUsage;
import io.github.dane4j.core.DaneProfile;
import io.github.dane4j.core.MatchingType;
import io.github.dane4j.core.Selector;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.UnusableReason;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides which records of a TLSA RRset take part in matching: first usability (RFC 6698 section
 * 4.1), then digest algorithm agility (RFC 7671 section 9).
 */
final class RecordSelection {
  /**
   * One record of the RRset with the verdict on it.
   *
   * @param index the position of the record in the RRset as given
   * @param unusableReason why the record takes no part in matching, or null when it is usable
   * @param fullCertificate the certificate that a usable Cert/Full record carries, or null
   * @param fullKey the public key that a usable SPKI/Full record carries, or null when the record
   *     is of another kind or no installed provider decodes the key
   */
  record Entry(
      int index,
      TlsaRecord record,
      @Nullable UnusableReason unusableReason,
      @Nullable X509Certificate fullCertificate,
      @Nullable PublicKey fullKey) {
    boolean usable() {
      return unusableReason == null;
    }

    Entry withUnusableReason(UnusableReason reason) {
      return new Entry(index, record, reason, fullCertificate, fullKey);
    }
  }

  private final List<Entry> entries;
  private final List<Entry> usable;

  private RecordSelection(Entry[] entries) {
    this.entries = List.of(entries);
    int usableCount = 0;
    for (Entry entry : entries) {
      if (entry.usable()) {
        usableCount++;
      }
    }
    Entry[] usableEntries = new Entry[usableCount];
    int next = 0;
    for (Entry entry : entries) {
      if (entry.usable()) {
        usableEntries[next++] = entry;
      }
    }
    this.usable = List.of(usableEntries);
  }

  /**
   * Classifies each record.
   *
   * @param digestPreference digest matching types, strongest first; types not listed rank below all
   *     listed ones, and among themselves the higher number ranks first
   */
  static RecordSelection select(
      List<TlsaRecord> records, DaneProfile profile, List<Integer> digestPreference) {
    Entry[] entries = new Entry[records.size()];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = checkUsability(i, records.get(i), profile);
    }
    applyDigestAgility(entries, digestPreference);
    return new RecordSelection(entries);
  }

  /** Returns one entry per record, in the order of the RRset. */
  List<Entry> entries() {
    return entries;
  }

  /** Returns the usable entries, in the order of the RRset. */
  List<Entry> usable() {
    return usable;
  }

  private static Entry checkUsability(int index, TlsaRecord record, DaneProfile profile) {
    Optional<CertificateUsage> usage = record.knownUsage();
    if (usage.isEmpty()) {
      return unusable(index, record, UnusableReason.UNKNOWN_USAGE);
    }

    // RFC 7672 section 3.1.3 leaves PKIX-TA and PKIX-EE undefined for SMTP, and RFC 7671 section
    // 14 recommends that opportunistic clients treat them as unusable.
    if (profile == DaneProfile.SMTP
        && (usage.get() == CertificateUsage.PKIX_TA || usage.get() == CertificateUsage.PKIX_EE)) {
      return unusable(index, record, UnusableReason.PKIX_USAGE_NOT_SUPPORTED);
    }

    Optional<Selector> selector = record.knownSelector();
    if (selector.isEmpty()) {
      return unusable(index, record, UnusableReason.UNKNOWN_SELECTOR);
    }
    Optional<MatchingType> matchingType = record.knownMatchingType();
    if (matchingType.isEmpty()) {
      return unusable(index, record, UnusableReason.UNKNOWN_MATCHING_TYPE);
    }

    if (matchingType.get() != MatchingType.FULL) {
      int expectedLength = matchingType.get().digestLength().orElseThrow();
      return record.associationDataLength() == expectedLength
          ? new Entry(index, record, null, null, null)
          : unusable(index, record, UnusableReason.WRONG_DIGEST_LENGTH);
    }

    byte[] data = record.associationData();
    if (selector.get() == Selector.CERT) {
      Optional<X509Certificate> certificate = CertificateSelectors.parseCertificate(data);
      if (certificate.isPresent()) {
        return new Entry(index, record, null, certificate.get(), null);
      }
      // An end-entity record is only compared byte for byte with the leaf, so a certificate that
      // is well-formed DER but that the JDK declines to parse (an empty issuer name, say) still
      // matches, as in OpenSSL. A trust anchor must be parsed to verify signatures with it.
      boolean endEntity =
          usage.get() == CertificateUsage.DANE_EE || usage.get() == CertificateUsage.PKIX_EE;
      return endEntity && CertificateSelectors.isWellFormedCertificate(data)
          ? new Entry(index, record, null, null, null)
          : unusable(index, record, UnusableReason.MALFORMED_FULL_DATA);
    }

    // A well-formed SPKI whose algorithm the JDK cannot decode still matches presented keys byte
    // for byte. Only its use as a bare trust anchor (RFC 7671 section 5.2.3) needs the decoded key.
    if (!CertificateSelectors.isWellFormedSpki(data)) {
      return unusable(index, record, UnusableReason.MALFORMED_FULL_DATA);
    }
    return new Entry(
        index, record, null, null, CertificateSelectors.decodePublicKey(data).orElse(null));
  }

  private static Entry unusable(int index, TlsaRecord record, UnusableReason reason) {
    return new Entry(index, record, reason, null, null);
  }

  /**
   * Keeps, in each (usage, selector) group, every Full(0) record and only the digest records of the
   * most preferred digest present in that group (RFC 7671 section 9).
   */
  private static void applyDigestAgility(Entry[] entries, List<Integer> digestPreference) {
    if (!hasTwoDigestTypes(entries)) {
      // With a single digest type in the RRset, no record has a weaker digest than another.
      return;
    }
    Map<Integer, Integer> bestRankByGroup = new HashMap<>();
    for (Entry entry : entries) {
      if (entry.usable() && isDigest(entry.record())) {
        bestRankByGroup.merge(
            group(entry.record()),
            rank(entry.record().matchingType(), digestPreference),
            Math::min);
      }
    }
    for (int i = 0; i < entries.length; i++) {
      Entry entry = entries[i];
      if (!entry.usable() || !isDigest(entry.record())) {
        continue;
      }
      int best = bestRankByGroup.getOrDefault(group(entry.record()), Integer.MAX_VALUE);
      if (rank(entry.record().matchingType(), digestPreference) != best) {
        entries[i] = entry.withUnusableReason(UnusableReason.WEAKER_DIGEST);
      }
    }
  }

  private static boolean hasTwoDigestTypes(Entry[] entries) {
    int firstType = -1;
    for (Entry entry : entries) {
      if (entry.usable() && isDigest(entry.record())) {
        int type = entry.record().matchingType();
        if (firstType < 0) {
          firstType = type;
        } else if (type != firstType) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDigest(TlsaRecord record) {
    return record.matchingType() != MatchingType.FULL.code();
  }

  private static int group(TlsaRecord record) {
    return record.usage() * 256 + record.selector();
  }

  /** Ranks a digest matching type; lower is stronger. */
  private static int rank(int matchingType, List<Integer> digestPreference) {
    int position = digestPreference.indexOf(matchingType);
    return position >= 0 ? position : digestPreference.size() + (255 - matchingType);
  }
}
