package io.github.dane4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the TLSA parsers and printers for arbitrary input. */
final class TlsaRecordPropertiesTest {
  private static final List<String> FIELDS =
      List.of("record", "usage", "selector", "matching type", "data");

  private static final Map<String, Integer> USAGE_MNEMONICS =
      Map.of("PKIX-TA", 0, "PKIX-EE", 1, "DANE-TA", 2, "DANE-EE", 3, "PrivCert", 255);
  private static final Map<String, Integer> SELECTOR_MNEMONICS =
      Map.of("Cert", 0, "SPKI", 1, "PrivSel", 255);
  private static final Map<String, Integer> MATCHING_TYPE_MNEMONICS =
      Map.of("Full", 0, "SHA2-256", 1, "SHA2-512", 2, "PrivMatch", 255);

  @Property
  void parse_anyString_parsesOrThrowsTlsaParseException(@ForAll String text) {
    assertParsesOrThrowsTlsaParseException(text);
  }

  /** Strings built from the pieces of real records reach the parser's later checks more often. */
  @Property
  void parse_recordLikeString_parsesOrThrowsTlsaParseException(
      @ForAll("recordLikeText") String text) {
    assertParsesOrThrowsTlsaParseException(text);
  }

  @Property
  void toPresentation_anyRecord_parsesBackToEqualRecord(@ForAll("records") TlsaRecord record) {
    String presentation = record.toPresentation();

    TlsaRecord parsed = TlsaRecord.parse(presentation);

    assertThat(parsed).isEqualTo(record);
    assertThat(parsed.toPresentation()).isEqualTo(presentation);
  }

  @Property
  void toWire_anyRecord_readsBackToEqualRecord(@ForAll("records") TlsaRecord record) {
    byte[] rdata = record.toWire();

    assertThat(rdata).hasSize(3 + record.associationDataLength());
    assertThat(TlsaRecord.fromWire(rdata)).isEqualTo(record);
  }

  @Property
  void fromWire_anyBytes_parsesOrThrowsTlsaParseException(@ForAll @Size(max = 300) byte[] rdata) {
    if (rdata.length < 4) {
      assertThatThrownBy(() -> TlsaRecord.fromWire(rdata)).isInstanceOf(TlsaParseException.class);
      return;
    }

    TlsaRecord record = TlsaRecord.fromWire(rdata);

    assertThat(record.toWire()).isEqualTo(rdata);
  }

  /** Zone files and dig split long hex values with whitespace (RFC 6698 section 2.2). */
  @Property
  void parse_hexSplitByWhitespace_givesSameRecord(
      @ForAll("records") TlsaRecord record,
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 10_000) Integer> cuts,
      @ForAll @Size(value = 12) List<@From("whitespaceRuns") String> separators) {
    String hex = record.associationDataHex();
    TreeSet<Integer> positions = new TreeSet<>();
    for (int cut : cuts) {
      positions.add(cut % (hex.length() + 1));
    }
    StringBuilder splitHex = new StringBuilder(hex);
    int separatorIndex = 3;
    for (int position : positions.descendingSet()) {
      splitHex.insert(position, separators.get(separatorIndex++));
    }
    String text =
        separators.get(0)
            + record.usage()
            + separators.get(1)
            + record.selector()
            + separators.get(2)
            + record.matchingType()
            + " "
            + splitHex
            + separators.get(11);

    assertThat(TlsaRecord.parse(text)).isEqualTo(record);
  }

  @Property
  void parse_hexLetterCase_doesNotMatter(
      @ForAll("records") TlsaRecord record,
      @ForAll @Size(value = 20) List<Boolean> upperCaseFlags) {
    String hex = applyCase(record.associationDataHex(), upperCaseFlags);

    TlsaRecord parsed =
        TlsaRecord.parse(
            record.usage() + " " + record.selector() + " " + record.matchingType() + " " + hex);

    assertThat(parsed).isEqualTo(record);
  }

  @Property
  void parse_mnemonicLetterCase_doesNotMatter(
      @ForAll("usageMnemonics") String usage,
      @ForAll("selectorMnemonics") String selector,
      @ForAll("matchingTypeMnemonics") String matchingType,
      @ForAll @Size(value = 20) List<Boolean> upperCaseFlags) {
    String text =
        applyCase(usage + " " + selector + " " + matchingType, upperCaseFlags) + " 0123abcd";

    TlsaRecord record = TlsaRecord.parse(text);

    assertThat(record.usage()).isEqualTo(USAGE_MNEMONICS.get(usage));
    assertThat(record.selector()).isEqualTo(SELECTOR_MNEMONICS.get(selector));
    assertThat(record.matchingType()).isEqualTo(MATCHING_TYPE_MNEMONICS.get(matchingType));
  }

  @Provide
  Arbitrary<TlsaRecord> records() {
    Arbitrary<Integer> octets =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, 3)),
            Tuple.of(1, Arbitraries.integers().between(0, 255)));
    Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    return Combinators.combine(octets, octets, octets, data).as(TlsaRecord::of);
  }

  @Provide
  Arbitrary<String> whitespaceRuns() {
    return Arbitraries.of(" ", "\t", "\n", "\r\n", " \t ", "\n\t  ")
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(runs -> String.join("", runs));
  }

  @Provide
  Arbitrary<String> usageMnemonics() {
    return Arbitraries.of(USAGE_MNEMONICS.keySet());
  }

  @Provide
  Arbitrary<String> selectorMnemonics() {
    return Arbitraries.of(SELECTOR_MNEMONICS.keySet());
  }

  @Provide
  Arbitrary<String> matchingTypeMnemonics() {
    return Arbitraries.of(MATCHING_TYPE_MNEMONICS.keySet());
  }

  @Provide
  Arbitrary<String> recordLikeText() {
    Arbitrary<String> numbers = Arbitraries.integers().between(-300, 300).map(String::valueOf);
    Arbitrary<String> mnemonics =
        Arbitraries.of(
            "DANE-EE",
            "dane-ta",
            "PKIX-TA",
            "SPKI",
            "cert",
            "Full",
            "SHA2-256",
            "sha2-512",
            "PrivCert",
            "PrivSel",
            "PrivMatch",
            "SHA-256",
            "\u017Fpki");
    Arbitrary<String> hex =
        Arbitraries.strings().withChars("0123456789abcdefABCDEFgx").ofMinLength(0).ofMaxLength(70);
    Arbitrary<String> token = Arbitraries.oneOf(numbers, mnemonics, hex);
    Arbitrary<String> separator = Arbitraries.of(" ", "  ", "\t", "\n", "\r\n", "\u00A0");
    return Combinators.combine(token.list().ofMaxSize(7), separator.list().ofSize(8))
        .as(
            (tokens, separators) -> {
              StringBuilder text = new StringBuilder();
              for (int i = 0; i < tokens.size(); i++) {
                text.append(separators.get(i)).append(tokens.get(i));
              }
              return text.toString();
            });
  }

  private static void assertParsesOrThrowsTlsaParseException(String text) {
    TlsaRecord record;
    try {
      record = TlsaRecord.parse(text);
    } catch (TlsaParseException e) {
      assertThat(e.field()).isIn(FIELDS);
      assertThat(e.getMessage()).contains(e.field());
      return;
    }
    assertThat(TlsaRecord.parse(record.toPresentation())).isEqualTo(record);
  }

  /** Upper-cases or lower-cases each character by the flag at its index, cycling the flags. */
  private static String applyCase(String text, List<Boolean> upperCaseFlags) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      String character = text.substring(i, i + 1);
      boolean upper = upperCaseFlags.get(i % upperCaseFlags.size());
      out.append(upper ? character.toUpperCase(Locale.ROOT) : character.toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
