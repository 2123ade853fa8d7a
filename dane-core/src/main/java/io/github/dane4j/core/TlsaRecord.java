package io.github.dane4j.core;

import io.github.dane4j.core.internal.Hex;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One TLSA resource record's data (RFC 6698 section 2): certificate usage, selector, matching type
 * and certificate association data.
 *
 * <p>The three code points are kept as raw numbers from 0 to 255, so that a record with a value
 * that RFC 6698 does not assign still parses; such a record is unusable for verification (RFC 6698
 * section 4.1), not malformed. {@link #knownUsage()}, {@link #knownSelector()} and {@link
 * #knownMatchingType()} give the typed view.
 *
 * <p>Instances are immutable: the association data is copied in and out.
 */
public final class TlsaRecord {
  private static final int MAX_ERROR_VALUE_LENGTH = 80;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final int usage;
  private final int selector;
  private final int matchingType;
  private final byte[] associationData;

  private TlsaRecord(int usage, int selector, int matchingType, byte[] associationData) {
    this.usage = usage;
    this.selector = selector;
    this.matchingType = matchingType;
    this.associationData = associationData;
  }

  /**
   * Creates a record from its four fields.
   *
   * @throws TlsaParseException if a number is outside 0 to 255 or the association data is empty
   */
  public static TlsaRecord of(int usage, int selector, int matchingType, byte[] associationData) {
    checkOctet("usage", usage);
    checkOctet("selector", selector);
    checkOctet("matching type", matchingType);
    if (associationData.length == 0) {
      throw new TlsaParseException(
          "data",
          "",
          "Invalid TLSA record: the certificate association data is empty; a TLSA record must"
              + " carry at least one byte of data (RFC 6698 section 2.1.4)");
    }
    return new TlsaRecord(usage, selector, matchingType, associationData.clone());
  }

  /** Creates a record from typed fields. */
  public static TlsaRecord of(
      CertificateUsage usage, Selector selector, MatchingType matchingType, byte[] data) {
    return of(usage.code(), selector.code(), matchingType.code(), data);
  }

  /**
   * Parses the presentation form of the record data, as in a zone file or the output of {@code
   * dig}: {@code "3 1 1 0123...ABCD"}.
   *
   * <p>The first three fields are decimal numbers from 0 to 255 or RFC 7218 mnemonics in any letter
   * case ({@code "DANE-EE SPKI SHA2-256 ..."}). The association data is hexadecimal in any letter
   * case and may be split by whitespace, as {@code dig} prints long values. Zone-file syntax is
   * accepted too: parentheses that continue a record over several lines ({@code dig +multi}), a
   * comment from {@code ;} to the end of a line, and the generic RDATA form of RFC 3597 ({@code \#
   * 35 030101...}). The owner name, TTL, class and type of a whole resource record are not part of
   * the input.
   *
   * @throws TlsaParseException if the text is malformed; the exception names the field and value
   */
  public static TlsaRecord parse(String text) {
    String[] tokens = WHITESPACE.split(withoutZoneFileSyntax(text).strip(), -1);
    if (tokens.length >= 1 && tokens[0].equals("\\#")) {
      return parseGeneric(text, tokens);
    }
    if (tokens.length < 4 || tokens[0].isEmpty()) {
      throw new TlsaParseException(
          "record",
          shorten(text),
          "Invalid TLSA record \""
              + shorten(text)
              + "\": expected four fields, usage selector matching-type hex-data"
              + " (for example \"3 1 1 0123ABCD...\"), but found "
              + (tokens[0].isEmpty() ? 0 : tokens.length));
    }
    int usage = parseField("usage", tokens[0], TlsaRecord::usageMnemonic);
    int selector = parseField("selector", tokens[1], TlsaRecord::selectorMnemonic);
    int matchingType = parseField("matching type", tokens[2], TlsaRecord::matchingTypeMnemonic);
    StringBuilder hex = new StringBuilder();
    for (int i = 3; i < tokens.length; i++) {
      hex.append(tokens[i]);
    }
    return new TlsaRecord(usage, selector, matchingType, parseHex(hex.toString()));
  }

  /** Removes comments and the parentheses that continue a record over several lines. */
  private static String withoutZoneFileSyntax(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean inComment = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        inComment = false;
      } else if (c == ';') {
        inComment = true;
      }
      out.append(inComment || c == '(' || c == ')' ? ' ' : c);
    }
    return out.toString();
  }

  /** Parses the RFC 3597 generic form: {@code \# <length> <hex of the whole RDATA>}. */
  private static TlsaRecord parseGeneric(String text, String[] tokens) {
    if (tokens.length < 3) {
      throw new TlsaParseException(
          "record",
          shorten(text),
          "Invalid TLSA record \""
              + shorten(text)
              + "\": the generic form needs a length and the RDATA in hexadecimal, for example"
              + " \"\\# 4 03010101\"");
    }
    String lengthToken = tokens[1];
    if (lengthToken.isEmpty()
        || lengthToken.length() > 5
        || !lengthToken.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new TlsaParseException(
          "record",
          shorten(lengthToken),
          "Invalid RDATA length \""
              + shorten(lengthToken)
              + "\" in the generic form: expected a decimal number of bytes");
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 2; i < tokens.length; i++) {
      hex.append(tokens[i]);
    }
    byte[] rdata = parseHex(hex.toString());
    int declared = Integer.parseInt(lengthToken);
    if (declared != rdata.length) {
      throw new TlsaParseException(
          "record",
          lengthToken,
          "Invalid generic TLSA RDATA: the length says "
              + declared
              + " bytes but the hexadecimal data holds "
              + rdata.length);
    }
    return fromWire(rdata);
  }

  /**
   * Parses the wire form of the record data (RFC 6698 section 2.1): one byte each for usage,
   * selector and matching type, then the association data.
   *
   * @throws TlsaParseException if the RDATA is shorter than four bytes
   */
  public static TlsaRecord fromWire(byte[] rdata) {
    if (rdata.length < 3) {
      throw new TlsaParseException(
          "record",
          Hex.encode(rdata),
          "Invalid TLSA RDATA of "
              + rdata.length
              + " bytes: it must hold usage, selector and matching type (3 bytes) followed by the"
              + " certificate association data");
    }
    return of(
        rdata[0] & 0xFF,
        rdata[1] & 0xFF,
        rdata[2] & 0xFF,
        Arrays.copyOfRange(rdata, 3, rdata.length));
  }

  /** Returns the raw certificate usage number (0 to 255). */
  public int usage() {
    return usage;
  }

  /** Returns the raw selector number (0 to 255). */
  public int selector() {
    return selector;
  }

  /** Returns the raw matching type number (0 to 255). */
  public int matchingType() {
    return matchingType;
  }

  /** Returns the certificate usage, or empty when the number is not one RFC 6698 assigns. */
  public Optional<CertificateUsage> knownUsage() {
    return CertificateUsage.fromCode(usage);
  }

  /** Returns the selector, or empty when the number is not one RFC 6698 assigns. */
  public Optional<Selector> knownSelector() {
    return Selector.fromCode(selector);
  }

  /** Returns the matching type, or empty when the number is not one RFC 6698 assigns. */
  public Optional<MatchingType> knownMatchingType() {
    return MatchingType.fromCode(matchingType);
  }

  /** Returns a copy of the certificate association data. */
  public byte[] associationData() {
    return associationData.clone();
  }

  /** Returns the length of the certificate association data in bytes. */
  public int associationDataLength() {
    return associationData.length;
  }

  /** Returns the association data as upper-case hexadecimal with no separators. */
  public String associationDataHex() {
    return Hex.encode(associationData);
  }

  /** Returns the wire form of the record data (RFC 6698 section 2.1). */
  public byte[] toWire() {
    byte[] out = new byte[3 + associationData.length];
    out[0] = (byte) usage;
    out[1] = (byte) selector;
    out[2] = (byte) matchingType;
    System.arraycopy(associationData, 0, out, 3, associationData.length);
    return out;
  }

  /**
   * Returns the canonical presentation form: three decimal numbers and the association data as
   * upper-case hexadecimal without spaces, for example {@code "3 1 1 0123ABCD..."}.
   */
  public String toPresentation() {
    return usage + " " + selector + " " + matchingType + " " + associationDataHex();
  }

  /** Returns {@link #toPresentation()}. */
  @Override
  public String toString() {
    return toPresentation();
  }

  /** Compares all four fields; association data by content. */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof TlsaRecord that)) {
      return false;
    }
    return usage == that.usage
        && selector == that.selector
        && matchingType == that.matchingType
        && Arrays.equals(associationData, that.associationData);
  }

  @Override
  public int hashCode() {
    int result = usage;
    result = 31 * result + selector;
    result = 31 * result + matchingType;
    return 31 * result + Arrays.hashCode(associationData);
  }

  private interface MnemonicLookup {
    Optional<Integer> find(String mnemonic);
  }

  private static Optional<Integer> usageMnemonic(String text) {
    if (text.equalsIgnoreCase("PrivCert")) {
      return Optional.of(255);
    }
    return CertificateUsage.fromMnemonic(text).map(CertificateUsage::code);
  }

  private static Optional<Integer> selectorMnemonic(String text) {
    if (text.equalsIgnoreCase("PrivSel")) {
      return Optional.of(255);
    }
    return Selector.fromMnemonic(text).map(Selector::code);
  }

  private static Optional<Integer> matchingTypeMnemonic(String text) {
    if (text.equalsIgnoreCase("PrivMatch")) {
      return Optional.of(255);
    }
    return MatchingType.fromMnemonic(text).map(MatchingType::code);
  }

  private static int parseField(String field, String token, MnemonicLookup mnemonics) {
    if (!token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // Leading zeros are tolerated; more than three significant digits is out of range anyway.
      String digits = token.replaceFirst("^0+(?=.)", "");
      int value = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
      if (value > 255) {
        throw new TlsaParseException(
            field,
            shorten(token),
            "Invalid TLSA "
                + field
                + " \""
                + shorten(token)
                + "\": the value must be a number from 0 to 255");
      }
      return value;
    }
    // RFC 7218 mnemonics are ASCII. Java's case mapping folds some other letters onto ASCII ones
    // (U+017F long s to "S", U+0131 dotless i to "I"), so only ASCII tokens are looked up.
    Optional<Integer> known = isAscii(token) ? mnemonics.find(token) : Optional.empty();
    if (known.isPresent()) {
      return known.get();
    }
    throw new TlsaParseException(
        field,
        shorten(token),
        "Invalid TLSA "
            + field
            + " \""
            + shorten(token)
            + "\": expected a number from 0 to 255 or an RFC 7218 mnemonic such as "
            + exampleMnemonic(field));
  }

  private static boolean isAscii(String token) {
    return token.chars().allMatch(c -> c < 0x80);
  }

  private static String exampleMnemonic(String field) {
    return switch (field) {
      case "usage" -> "DANE-EE";
      case "selector" -> "SPKI";
      default -> "SHA2-256";
    };
  }

  private static byte[] parseHex(String hex) {
    if (hex.isEmpty()) {
      throw new TlsaParseException(
          "data", "", "Invalid TLSA data: the certificate association data is empty");
    }
    for (int position = 0; position < hex.length(); position++) {
      if (Hex.digit(hex.charAt(position)) < 0) {
        throw new TlsaParseException(
            "data",
            shorten(hex),
            "Invalid TLSA data \""
                + shorten(hex)
                + "\": character "
                + describeCharacter(hex.charAt(position))
                + " at position "
                + (position + 1)
                + " is not a hexadecimal digit (0-9, a-f, A-F)");
      }
    }
    if (hex.length() % 2 != 0) {
      throw new TlsaParseException(
          "data",
          shorten(hex),
          "Invalid TLSA data \""
              + shorten(hex)
              + "\": odd number of hexadecimal digits ("
              + hex.length()
              + "); each byte needs two digits, so a digit is missing or extra");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Hex.digit(hex.charAt(2 * i)) << 4) | Hex.digit(hex.charAt(2 * i + 1)));
    }
    return out;
  }

  private static void checkOctet(String field, int value) {
    if (value < 0 || value > 255) {
      throw new TlsaParseException(
          field,
          Integer.toString(value),
          "Invalid TLSA " + field + " " + value + ": the value must be a number from 0 to 255");
    }
  }

  /**
   * Shortens text for an error message and shows characters outside printable ASCII as {@code
   * U+XXXX}, so that a no-break space or a zero-width character in the input is visible.
   */
  private static String shorten(String text) {
    String head =
        text.length() <= MAX_ERROR_VALUE_LENGTH
            ? text
            : text.substring(0, MAX_ERROR_VALUE_LENGTH) + "...";
    return visible(head);
  }

  private static String describeCharacter(char c) {
    return c >= 0x20 && c < 0x7F ? "'" + c + "'" : visible(String.valueOf(c));
  }

  private static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "U+%04X", (int) c));
      }
    }
    return out.toString();
  }
}
