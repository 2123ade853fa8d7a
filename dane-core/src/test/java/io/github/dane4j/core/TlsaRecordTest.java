package io.github.dane4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TlsaRecordTest {
  /** SHA2-256 digest from a real "3 1 1" record, as dig prints it: split after 56 digits. */
  private static final String DIGEST_AS_DIG_PRINTS_IT =
      "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B566 64C5D3D6";

  private static final String DIGEST_HEX =
      "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6";

  private static final byte[] DIGEST = HexFormat.of().parseHex(DIGEST_HEX);

  // Presentation form: well-formed input

  @Test
  void parse_numericFields_readsAllFourFields() {
    TlsaRecord record = TlsaRecord.parse("3 1 1 " + DIGEST_HEX);

    assertThat(record.usage()).isEqualTo(3);
    assertThat(record.selector()).isEqualTo(1);
    assertThat(record.matchingType()).isEqualTo(1);
    assertThat(record.associationData()).isEqualTo(DIGEST);
  }

  @Test
  void parse_mnemonics_giveTypedViews() {
    TlsaRecord record = TlsaRecord.parse("DANE-EE SPKI SHA2-256 " + DIGEST_HEX);

    assertThat(record.knownUsage()).contains(CertificateUsage.DANE_EE);
    assertThat(record.knownSelector()).contains(Selector.SPKI);
    assertThat(record.knownMatchingType()).contains(MatchingType.SHA2_256);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DANE-EE SPKI SHA2-256",
        "dane-ee spki sha2-256",
        "Dane-Ee Spki Sha2-256",
        "dAnE-eE sPkI sHa2-256",
      })
  void parse_mnemonicsInAnyCase_equalNumericForm(String fields) {
    assertThat(TlsaRecord.parse(fields + " " + DIGEST_HEX))
        .isEqualTo(TlsaRecord.parse("3 1 1 " + DIGEST_HEX));
  }

  /** Every RFC 7218 mnemonic, in the field where it belongs, with its number. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "PKIX-TA, Cert, Full, 0, 0, 0",
    "PKIX-EE, SPKI, SHA2-256, 1, 1, 1",
    "DANE-TA, Cert, SHA2-512, 2, 0, 2",
    "DANE-EE, SPKI, Full, 3, 1, 0",
    "PrivCert, PrivSel, PrivMatch, 255, 255, 255",
    "privcert, PRIVSEL, privMatch, 255, 255, 255",
  })
  void parse_rfc7218Mnemonics_mapToTheirNumbers(
      String usage,
      String selector,
      String matchingType,
      int usageCode,
      int selectorCode,
      int mtype) {
    TlsaRecord record = TlsaRecord.parse(usage + " " + selector + " " + matchingType + " 00");

    assertThat(record.usage()).isEqualTo(usageCode);
    assertThat(record.selector()).isEqualTo(selectorCode);
    assertThat(record.matchingType()).isEqualTo(mtype);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcdef0189", "ABCDEF0189", "AbCdEf0189"})
  void parse_hexInAnyCase_givesSameData(String hex) {
    TlsaRecord record = TlsaRecord.parse("3 1 0 " + hex);

    assertThat(record.associationDataHex()).isEqualTo("ABCDEF0189");
  }

  @Test
  void parse_hexSplitAsDigPrintsIt_joinsTheParts() {
    TlsaRecord record = TlsaRecord.parse("3 1 1 " + DIGEST_AS_DIG_PRINTS_IT);

    assertThat(record.associationData()).isEqualTo(DIGEST);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "3 1 1 0C72AC70\t B745AC19998811B1 31D662C9AC69DBDBE7CB23E5B514B56664C5D3D6",
        "3 1 1 0C72AC70B745AC19998811B131D662C9\nAC69DBDBE7CB23E5B514B56664C5D3D6",
        "3 1 1 0C72AC70B745AC19998811B131D662C9\r\nAC69DBDBE7CB23E5B514B56664C5D3D6",
        "3\t1\t1\t0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6",
        "  3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6 \n",
        "3   1   1   0C 72 AC 70 B7 45 AC 19 99 88 11 B1 31 D6 62 C9 AC 69 DB DB E7 CB 23 E5 B5 14"
            + " B5 66 64 C5 D3 D6",
      })
  void parse_whitespaceBetweenAndInsideFields_isIgnored(String text) {
    assertThat(TlsaRecord.parse(text)).isEqualTo(TlsaRecord.parse("3 1 1 " + DIGEST_HEX));
  }

  @Test
  void parse_leadingZerosInNumbers_areAccepted() {
    assertThat(TlsaRecord.parse("003 01 0001 AB")).isEqualTo(TlsaRecord.parse("3 1 1 AB"));
  }

  /** Unassigned code points are well-formed (RFC 6698 section 4.1 makes the record unusable). */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"4, 1, 1", "3, 2, 1", "3, 1, 7", "254, 254, 254", "255, 255, 255"})
  void parse_unknownCodePoints_parse(int usage, int selector, int matchingType) {
    TlsaRecord record =
        TlsaRecord.parse(usage + " " + selector + " " + matchingType + " " + DIGEST_HEX);

    assertThat(record.usage()).isEqualTo(usage);
    assertThat(record.selector()).isEqualTo(selector);
    assertThat(record.matchingType()).isEqualTo(matchingType);
  }

  @Test
  void parse_unknownUsage_hasNoTypedUsage() {
    TlsaRecord record = TlsaRecord.parse("4 1 1 " + DIGEST_HEX);

    assertThat(record.knownUsage()).isEmpty();
    assertThat(record.knownSelector()).contains(Selector.SPKI);
  }

  @Test
  void parse_unknownSelectorAndMatchingType_haveNoTypedViews() {
    TlsaRecord record = TlsaRecord.parse("3 2 7 " + DIGEST_HEX);

    assertThat(record.knownSelector()).isEmpty();
    assertThat(record.knownMatchingType()).isEmpty();
  }

  /** A digest of the wrong length is an unusable record, not a malformed one. */
  @Test
  void parse_digestOfWrongLength_parses() {
    TlsaRecord record = TlsaRecord.parse("3 1 1 ABCD");

    assertThat(record.associationDataLength()).isEqualTo(2);
  }

  // Presentation form: malformed input

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        // text                      | field         | value    | message fragment
        "3 1 1 zz                    | data          | zz       | 'z' at position 1",
        "3 1 1 ABCDEG                | data          | ABCDEG   | 'G' at position 6",
        "3 1 1 0x1234                | data          | 0x1234   | not a hexadecimal digit",
        "3 1 1 ABC                   | data          | ABC      | odd number of hexadecimal digits",
        "3 1 1 AB C                  | data          | ABC      | odd number of hexadecimal digits",
        "256 1 1 AB                  | usage         | 256      | from 0 to 255",
        "3 256 1 AB                  | selector      | 256      | from 0 to 255",
        "3 1 256 AB                  | matching type | 256      | from 0 to 255",
        "3 1 99999999999 AB          | matching type | 99999999999 | from 0 to 255",
        "-1 1 1 AB                   | usage         | -1       | from 0 to 255",
        "3 -1 1 AB                   | selector      | -1       | from 0 to 255",
        "3 1 -1 AB                   | matching type | -1       | from 0 to 255",
        "+3 1 1 AB                   | usage         | +3       | from 0 to 255",
        "3.0 1 1 AB                  | usage         | 3.0      | from 0 to 255",
        "DANE-XX 1 1 AB              | usage         | DANE-XX  | RFC 7218 mnemonic",
        "SPKI DANE-EE SHA2-256 AB    | usage         | SPKI     | RFC 7218 mnemonic",
        "3 DANE-EE 1 AB              | selector      | DANE-EE  | RFC 7218 mnemonic",
        "3 1 SHA-256 AB              | matching type | SHA-256  | RFC 7218 mnemonic",
        "3 1 1                       | record        | 3 1 1    | found 3",
        "3 1                         | record        | 3 1      | found 2",
        "DANE-EE                     | record        | DANE-EE  | found 1",
      })
  void parse_malformedText_throwsNamingFieldAndValue(
      String text, String field, String value, String messageFragment) {
    assertThatThrownBy(() -> TlsaRecord.parse(text))
        .isInstanceOfSatisfying(
            TlsaParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.value()).isEqualTo(value);
              assertThat(e.getMessage()).contains(field, "\"" + value + "\"", messageFragment);
            });
  }

  @Test
  void parse_nonHexCharacterInOddLengthData_namesTheCharacter() {
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 AB:CD"))
        .isInstanceOf(TlsaParseException.class)
        .hasMessageContaining("character ':' at position 3");
  }

  @Test
  void parse_invisibleCharacters_areShownAsCodePoints() {
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 ab\u00A0cd"))
        .isInstanceOf(TlsaParseException.class)
        .hasMessageContaining("character U+00A0 at position 3");
    assertThatThrownBy(() -> TlsaRecord.parse("\u200B3 1 1 abcd"))
        .isInstanceOfSatisfying(
            TlsaParseException.class, e -> assertThat(e.value()).isEqualTo("U+200B3"));
  }

  @Test
  void parse_zoneFileParenthesesAndComments_areIgnored() {
    TlsaRecord expected = TlsaRecord.parse("3 1 1 ABCDEF01");

    assertThat(TlsaRecord.parse("3 1 1 ( ABCD\n EF01 )")).isEqualTo(expected);
    assertThat(TlsaRecord.parse("3 1 1 (ABCD ; first half\n EF01) ; rest")).isEqualTo(expected);
  }

  @Test
  void parse_genericRdataForm_parsesWholeRdata() {
    assertThat(TlsaRecord.parse("\\# 7 030101 ABCDEF01"))
        .isEqualTo(TlsaRecord.parse("3 1 1 ABCDEF01"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\# 8 030101ABCDEF01", "\\# x 030101ABCDEF01", "\\# 7", "\\# 2 0301"})
  void parse_malformedGenericForm_throws(String text) {
    assertThatThrownBy(() -> TlsaRecord.parse(text)).isInstanceOf(TlsaParseException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", "\n", " \t\r\n "})
  void parse_emptyOrOnlyWhitespace_throwsMissingFields(String text) {
    assertThatThrownBy(() -> TlsaRecord.parse(text))
        .isInstanceOfSatisfying(
            TlsaParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("record");
              assertThat(e.getMessage()).contains("expected four fields", "found 0");
            });
  }

  /**
   * RFC 7218 mnemonics are ASCII. Java's case mapping turns the long s (U+017F) into "S" and the
   * dotless i (U+0131) into "I", so a case-insensitive comparison must not accept such letters.
   */
  @ParameterizedTest
  @ValueSource(strings = {"3 \u017Fpki 1 AB", "3 1 \u017Fha2-256 AB", "pk\u0131x-ta 1 1 AB"})
  void parse_nonAsciiLookalikeMnemonic_throws(String text) {
    assertThatThrownBy(() -> TlsaRecord.parse(text))
        .isInstanceOf(TlsaParseException.class)
        .hasMessageContaining("RFC 7218 mnemonic");
  }

  @Test
  void parse_longValue_isShortenedInException() {
    String longHex = "AB".repeat(200) + "G";

    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 " + longHex))
        .isInstanceOfSatisfying(
            TlsaParseException.class,
            e -> assertThat(e.value()).hasSizeLessThan(100).startsWith("ABAB").endsWith("..."));
  }

  // Wire form

  @Test
  void fromWire_rdata_readsAllFourFields() {
    byte[] rdata = wire(3, 1, 1, DIGEST);

    TlsaRecord record = TlsaRecord.fromWire(rdata);

    assertThat(record).isEqualTo(TlsaRecord.parse("3 1 1 " + DIGEST_HEX));
  }

  @Test
  void fromWire_codePointsAbove127_areReadUnsigned() {
    TlsaRecord record = TlsaRecord.fromWire(new byte[] {(byte) 255, (byte) 200, (byte) 128, 1});

    assertThat(record.usage()).isEqualTo(255);
    assertThat(record.selector()).isEqualTo(200);
    assertThat(record.matchingType()).isEqualTo(128);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void fromWire_shorterThanThreeBytes_throwsForRecord(int length) {
    assertThatThrownBy(() -> TlsaRecord.fromWire(new byte[length]))
        .isInstanceOfSatisfying(
            TlsaParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("record");
              assertThat(e.getMessage()).contains(length + " bytes");
            });
  }

  @Test
  void fromWire_noAssociationData_throwsForData() {
    assertThatThrownBy(() -> TlsaRecord.fromWire(new byte[] {3, 1, 1}))
        .isInstanceOfSatisfying(
            TlsaParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("data");
              assertThat(e.getMessage()).contains("empty");
            });
  }

  @Test
  void toWire_record_writesFieldsThenData() {
    TlsaRecord record = TlsaRecord.parse("2 0 1 " + DIGEST_HEX);

    assertThat(record.toWire()).isEqualTo(wire(2, 0, 1, DIGEST));
  }

  @Test
  void toWire_privateCodePoints_writeByte255() {
    TlsaRecord record = TlsaRecord.parse("PrivCert PrivSel PrivMatch 01");

    assertThat(record.toWire()).containsExactly(0xFF, 0xFF, 0xFF, 0x01);
  }

  // Factory methods

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"-1, 0, 0, usage", "256, 0, 0, usage", "0, -1, 0, selector", "0, 256, 0, selector"})
  void of_numberOutsideOctet_throwsNamingField(
      int usage, int selector, int matchingType, String field) {
    assertThatThrownBy(() -> TlsaRecord.of(usage, selector, matchingType, DIGEST))
        .isInstanceOfSatisfying(
            TlsaParseException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 256, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void of_matchingTypeOutsideOctet_throwsNamingValue(int matchingType) {
    assertThatThrownBy(() -> TlsaRecord.of(3, 1, matchingType, DIGEST))
        .isInstanceOfSatisfying(
            TlsaParseException.class,
            e -> {
              assertThat(e.field()).isEqualTo("matching type");
              assertThat(e.value()).isEqualTo(Integer.toString(matchingType));
            });
  }

  @Test
  void of_emptyData_throwsForData() {
    assertThatThrownBy(() -> TlsaRecord.of(3, 1, 1, new byte[0]))
        .isInstanceOfSatisfying(
            TlsaParseException.class, e -> assertThat(e.field()).isEqualTo("data"));
  }

  @Test
  void of_typedFields_equalsNumericFields() {
    TlsaRecord typed =
        TlsaRecord.of(CertificateUsage.DANE_TA, Selector.CERT, MatchingType.SHA2_512, DIGEST);

    assertThat(typed).isEqualTo(TlsaRecord.of(2, 0, 2, DIGEST));
  }

  // Canonical presentation form

  @Test
  void toPresentation_mnemonicsAndSplitHex_printsNumbersAndUpperCaseHex() {
    TlsaRecord record = TlsaRecord.parse("dane-ee spki sha2-256 0c72ac70b745ac19 998811b1");

    assertThat(record.toPresentation()).isEqualTo("3 1 1 0C72AC70B745AC19998811B1");
  }

  @Test
  void toPresentation_leadingZeroBytes_areKept() {
    TlsaRecord record = TlsaRecord.of(0, 0, 0, new byte[] {0x00, 0x0F, 0x00});

    assertThat(record.toPresentation()).isEqualTo("0 0 0 000F00");
  }

  @Test
  void toString_record_isPresentationForm() {
    TlsaRecord record = TlsaRecord.parse("3 1 1 " + DIGEST_HEX);

    assertThat(record).hasToString(record.toPresentation());
  }

  // Equality

  @Test
  void equals_sameFieldsFromEachForm_areEqualWithSameHashCode() {
    TlsaRecord parsed = TlsaRecord.parse("DANE-EE SPKI SHA2-256 " + DIGEST_AS_DIG_PRINTS_IT);
    TlsaRecord fromWire = TlsaRecord.fromWire(wire(3, 1, 1, DIGEST));
    TlsaRecord created = TlsaRecord.of(3, 1, 1, DIGEST.clone());

    assertThat(parsed).isEqualTo(fromWire).isEqualTo(created);
    assertThat(parsed).hasSameHashCodeAs(fromWire).hasSameHashCodeAs(created);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2 1 1 0102", "3 0 1 0102", "3 1 2 0102", "3 1 1 0103", "3 1 1 010200"})
  void equals_anyFieldDiffers_isNotEqual(String other) {
    assertThat(TlsaRecord.parse("3 1 1 0102")).isNotEqualTo(TlsaRecord.parse(other));
  }

  @Test
  void equals_nullOrOtherType_isFalse() {
    TlsaRecord record = TlsaRecord.parse("3 1 1 0102");

    assertThat(record).isNotEqualTo(null);
    assertThat(record).isNotEqualTo("3 1 1 0102");
  }

  // Defensive copies

  @Test
  void of_inputArrayChangedAfterwards_recordUnchanged() {
    byte[] data = DIGEST.clone();
    TlsaRecord record = TlsaRecord.of(3, 1, 1, data);

    data[0] ^= 0x01;

    assertThat(record.associationData()).isEqualTo(DIGEST);
  }

  @Test
  void fromWire_inputArrayChangedAfterwards_recordUnchanged() {
    byte[] rdata = wire(3, 1, 1, DIGEST);
    TlsaRecord record = TlsaRecord.fromWire(rdata);

    rdata[0] = 2;
    rdata[3] ^= 0x01;

    assertThat(record).isEqualTo(TlsaRecord.of(3, 1, 1, DIGEST));
  }

  @Test
  void associationData_returnedArrayChanged_recordUnchanged() {
    TlsaRecord record = TlsaRecord.of(3, 1, 1, DIGEST);

    record.associationData()[0] ^= 0x01;

    assertThat(record.associationData()).isEqualTo(DIGEST);
  }

  @Test
  void toWire_returnedArrayChanged_recordUnchanged() {
    TlsaRecord record = TlsaRecord.of(3, 1, 1, DIGEST);

    byte[] rdata = record.toWire();
    rdata[0] = 2;
    rdata[3] ^= 0x01;

    assertThat(record.toWire()).isEqualTo(wire(3, 1, 1, DIGEST));
  }

  private static byte[] wire(int usage, int selector, int matchingType, byte[] data) {
    byte[] rdata = new byte[3 + data.length];
    rdata[0] = (byte) usage;
    rdata[1] = (byte) selector;
    rdata[2] = (byte) matchingType;
    System.arraycopy(data, 0, rdata, 3, data.length);
    return rdata;
  }
}
