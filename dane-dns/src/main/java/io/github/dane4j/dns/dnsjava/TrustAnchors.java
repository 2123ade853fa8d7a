package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * @throws IllegalArgumentException if a source cannot be read or parsed, or if the sources
   *     contain no DS or DNSKEY record at all
   */
  static void load(ValidatingResolver validator, DnsFetcherSettings settings) {
    String all = collect(settings);
    validator.getTrustAnchors().clear();
    try {
      validator.loadTrustAnchors(new ByteArrayInputStream(all.getBytes(StandardCharsets.UTF_8)));
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
   * @throws IllegalArgumentException if a source cannot be read or parsed, or if the sources
   *     contain no DS or DNSKEY record at all
   */
  static Map<Name, List<Record>> records(DnsFetcherSettings settings) {
    Map<Name, List<Record>> anchors = new LinkedHashMap<>();
    for (Record record : parse(collect(settings), "trust anchors")) {
      if (record.getType() == Type.DS || record.getType() == Type.DNSKEY) {
        anchors.computeIfAbsent(record.getName(), name -> new ArrayList<>()).add(record);
      }
    }
    if (anchors.isEmpty()) {
      // Without an anchor every answer would validate as insecure and DANE would never apply.
      throw new IllegalArgumentException(
          "No trust anchor was loaded: the given sources contain no DS or DNSKEY record");
    }
    anchors.replaceAll((name, list) -> List.copyOf(list));
    return anchors;
  }

  private static String collect(DnsFetcherSettings settings) {
    StringBuilder all = new StringBuilder();
    if (settings.rootTrustAnchors()) {
      all.append(check(ROOT_ANCHORS, "the built-in root trust anchors"));
    }
    for (String text : settings.trustAnchorTexts()) {
      all.append(check(text, "trust anchors given in code")).append('\n');
    }
    for (Path file : settings.trustAnchorFiles()) {
      all.append(check(read(file), "trust anchor file " + file)).append('\n');
    }
    return all.toString();
  }

  /**
   * Parses {@code text} as zone-file records and returns it unchanged when it contains at least one
   * DS or DNSKEY record.
   */
  private static String check(String text, String source) {
    long anchors =
        parse(text, source).stream()
            .filter(record -> record.getType() == Type.DS || record.getType() == Type.DNSKEY)
            .count();
    if (anchors == 0) {
      throw new IllegalArgumentException(
          "Invalid " + source + ": it contains no DS or DNSKEY record");
    }
    return text;
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
