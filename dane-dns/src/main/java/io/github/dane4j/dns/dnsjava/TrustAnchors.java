package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DNSSEC.DNSSECException;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Collects the trust anchors of the settings for {@link DnssecValidator}, or loads them into
 * dnsjava's validator.
 */
final class TrustAnchors {

  /**
   * The IANA root zone KSKs as DS records, from
   * https://data.iana.org/root-anchors/root-anchors.xml: KSK-2017 (key tag 20326) and KSK-2024 (key
   * tag 38696), both RSA/SHA-256 (algorithm 8) with SHA-256 digests (digest type 2).
   */
  static final String ROOT_ANCHORS =
      """
      . IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
      . IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
      """;

  private TrustAnchors() {}

  /**
   * Replaces the validator's trust anchors with those of {@code settings}.
   *
   * <p>The anchors that dnsjava loaded from its {@code dnsjava.dnssec.trust_anchor_file} system
   * property are dropped first, so that only the settings decide what is trusted.
   *
   * @throws IllegalArgumentException if a source cannot be read or parsed, if the sources contain
   *     no DS or DNSKEY record at all, or if an anchor owner name has no usable record
   */
  static void load(ValidatingResolver validator, DnsFetcherSettings settings) {
    StringBuilder all = new StringBuilder();
    for (List<Record> records : records(settings).values()) {
      for (Record record : records) {
        all.append(record).append('\n');
      }
    }
    validator.getTrustAnchors().clear();
    try {
      validator.loadTrustAnchors(
          new ByteArrayInputStream(all.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid trust anchors: " + e.getMessage(), e);
    }
    if (validator.getTrustAnchors().items().isEmpty()) {
      // Without an anchor every answer would validate as insecure and DANE would never apply.
      throw new IllegalArgumentException(
          "No trust anchor was loaded: the given sources contain no DS or DNSKEY record");
    }
  }

  /**
   * Returns the DS and DNSKEY records of the settings' trust anchors, grouped by owner name.
   *
   * <p>Every owner name must have at least one record that the validator can use (see {@link
   * #unusableReason(Record)}). An anchor without one would make every response below it insecure,
   * even a forged one, so it is rejected here. Unusable records next to a usable one are kept and
   * ignored during validation.
   *
   * <p>Each source is parsed on its own, and must use absolute owner names, class IN and no
   * directive other than {@code $TTL}.
   *
   * @throws IllegalArgumentException if a source cannot be read or parsed, breaks those rules or
   *     contains no DS or DNSKEY record, or if an anchor owner name has no usable record
   */
  static Map<Name, List<Record>> records(DnsFetcherSettings settings) {
    Map<Name, List<Record>> anchors = new LinkedHashMap<>();
    for (Source source : sources(settings)) {
      for (Record record : anchorRecords(source.text(), source.description())) {
        anchors.computeIfAbsent(record.getName(), name -> new ArrayList<>()).add(record);
      }
    }
    if (anchors.isEmpty()) {
      // Without an anchor every answer would validate as insecure and DANE would never apply.
      throw new IllegalArgumentException(
          "No trust anchor was loaded: the given sources contain no DS or DNSKEY record");
    }
    anchors.forEach(TrustAnchors::requireUsable);
    anchors.replaceAll((name, list) -> List.copyOf(list));
    return anchors;
  }

  private static void requireUsable(Name owner, List<Record> records) {
    List<String> reasons = new ArrayList<>();
    for (Record record : records) {
      String reason = unusableReason(record);
      if (reason == null) {
        return;
      }
      reasons.add(reason);
    }
    throw new IllegalArgumentException(
        "No usable trust anchor for " + owner + ": " + String.join("; ", reasons));
  }

  /**
   * Returns why the validator cannot use the DS or DNSKEY record {@code record} as a trust anchor,
   * or null when it can. A DS record needs a supported algorithm and digest type SHA-1 (1), SHA-256
   * (2) or SHA-384 (4). A DNSKEY record needs the zone key flag, no REVOKE flag (RFC 5011 section
   * 7), protocol 3, a supported algorithm and a public key that parses, with an RSA modulus of at
   * least {@value Signatures#MIN_RSA_BITS} bits.
   */
  static @Nullable String unusableReason(Record record) {
    if (record instanceof DSRecord ds) {
      return unusableReason(ds);
    }
    if (record instanceof DNSKEYRecord key) {
      return unusableReason(key);
    }
    return "record " + record + " is neither DS nor DNSKEY";
  }

  private static @Nullable String unusableReason(DSRecord ds) {
    String record = "DS " + ds.getFootprint() + " for " + ds.getName();
    if (!Signatures.SUPPORTED_ALGORITHMS.contains(ds.getAlgorithm())) {
      return record
          + " uses algorithm "
          + ds.getAlgorithm()
          + ", which is not supported; give a DS record for a key of algorithm "
          + supportedAlgorithms();
    }
    int digest = ds.getDigestID();
    if (digest != DNSSEC.Digest.SHA1
        && digest != DNSSEC.Digest.SHA256
        && digest != DNSSEC.Digest.SHA384) {
      return record
          + " uses digest type "
          + digest
          + ", which is not supported; give a SHA-256 (2) or SHA-384 (4) DS record";
    }
    return null;
  }

  private static @Nullable String unusableReason(DNSKEYRecord key) {
    String record = "DNSKEY " + key.getFootprint() + " for " + key.getName();
    if ((key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) == 0) {
      return record + " lacks the zone key flag (256); give a key with flags 256 or 257";
    }
    if ((key.getFlags() & DNSKEYRecord.Flags.REVOKE) != 0) {
      return record + " has the REVOKE flag (128) set; give a key that is not revoked";
    }
    if (key.getProtocol() != DNSKEYRecord.Protocol.DNSSEC) {
      return record + " uses protocol " + key.getProtocol() + "; the protocol must be 3";
    }
    if (!Signatures.SUPPORTED_ALGORITHMS.contains(key.getAlgorithm())) {
      return record
          + " uses algorithm "
          + key.getAlgorithm()
          + ", which is not supported; give a key of algorithm "
          + supportedAlgorithms();
    }
    PublicKey publicKey;
    try {
      publicKey = key.getPublicKey();
    } catch (DNSSECException | RuntimeException e) {
      return record
          + " has a public key that cannot be parsed for algorithm "
          + key.getAlgorithm()
          + " ("
          + e.getMessage()
          + "); check that the key is copied in full";
    }
    if (publicKey instanceof RSAPublicKey rsa
        && rsa.getModulus().bitLength() < Signatures.MIN_RSA_BITS) {
      return record
          + " has a "
          + rsa.getModulus().bitLength()
          + "-bit RSA modulus; the validator requires at least "
          + Signatures.MIN_RSA_BITS
          + " bits";
    }
    return null;
  }

  private static String supportedAlgorithms() {
    return new TreeSet<>(Signatures.SUPPORTED_ALGORITHMS).toString();
  }

  /** One trust anchor source: its zone-file text and how messages name it. */
  private record Source(String text, String description) {}

  private static List<Source> sources(DnsFetcherSettings settings) {
    List<Source> sources = new ArrayList<>();
    if (settings.rootTrustAnchors()) {
      sources.add(new Source(ROOT_ANCHORS, "the built-in root trust anchors"));
    }
    for (String text : settings.trustAnchorTexts()) {
      sources.add(new Source(text, "trust anchors given in code"));
    }
    for (Path file : settings.trustAnchorFiles()) {
      sources.add(new Source(read(file), "trust anchor file " + file));
    }
    return sources;
  }

  /**
   * Parses one source on its own and returns its DS and DNSKEY records, so that nothing in one
   * source changes how another is read.
   *
   * @throws IllegalArgumentException if the text does not parse, uses a directive other than {@code
   *     $TTL}, has a relative owner name or a class other than IN, or contains no DS or DNSKEY
   *     record
   */
  private static List<Record> anchorRecords(String text, String source) {
    List<Integer> recordLines = AnchorLines.check(text, source);
    List<Record> records = parse(text, source);
    List<Record> anchors = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      Record record = records.get(i);
      if (record.getDClass() != DClass.IN) {
        String line = i < recordLines.size() ? "line " + recordLines.get(i) + ": " : "";
        throw new IllegalArgumentException(
            "Invalid "
                + source
                + ": "
                + line
                + "record "
                + record
                + " has class "
                + DClass.string(record.getDClass())
                + "; trust anchors must be class IN");
      }
      if (record.getType() == Type.DS || record.getType() == Type.DNSKEY) {
        anchors.add(record);
      }
    }
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid " + source + ": it contains no DS or DNSKEY record");
    }
    return anchors;
  }

  private static List<Record> parse(String text, String source) {
    List<Record> records = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        Master master = new Master(in, Name.root, 0)) {
      Record record;
      while ((record = master.nextRecord()) != null) {
        records.add(record);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid "
              + source
              + ": "
              + e.getMessage()
              + "; expected DS or DNSKEY records in"
              + " zone-file form, such as \". IN DS 20326 8 2 E06D...\"",
          e);
    }
    return records;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read trust anchor file " + file + ": " + e.getMessage(),
          new UncheckedIOException(e));
    }
  }
}
