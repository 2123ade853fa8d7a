package io.github.dane4j.interop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict RFC 8259 parser for tests, independent of dane4j's JSON writer: it rejects what the RFC
 * does not allow (unescaped control characters, bad escapes, leading zeros, trailing commas,
 * duplicate member names, text after the value), so that a test can check the writer's output.
 *
 * <p>Objects become {@link LinkedHashMap}, arrays {@link ArrayList}, numbers {@link BigDecimal},
 * and {@code null} becomes null.
 */
final class StrictJsonParser {
  private final String text;
  private int position;

  private StrictJsonParser(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON text.
   *
   * @throws IllegalArgumentException if the text is not valid JSON
   */
  static @Nullable Object parse(String text) {
    StrictJsonParser parser = new StrictJsonParser(text);
    parser.skipWhitespace();
    Object value = parser.value();
    parser.skipWhitespace();
    if (parser.position != text.length()) {
      throw parser.error("text after the value");
    }
    return value;
  }

  private @Nullable Object value() {
    if (position >= text.length()) {
      throw error("end of text where a value belongs");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> nullLiteral();
      default -> number();
    };
  }

  private Map<String, @Nullable Object> object() {
    expect('{');
    Map<String, @Nullable Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return members;
    }
    while (true) {
      skipWhitespace();
      String name = string();
      if (members.containsKey(name)) {
        throw error("duplicate member name \"" + name + "\"");
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.put(name, value());
      skipWhitespace();
      char next = next();
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        throw error("expected , or } but found " + next);
      }
    }
  }

  private List<@Nullable Object> array() {
    expect('[');
    List<@Nullable Object> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return elements;
    }
    while (true) {
      skipWhitespace();
      elements.add(value());
      skipWhitespace();
      char next = next();
      if (next == ']') {
        return elements;
      }
      if (next != ',') {
        throw error("expected , or ] but found " + next);
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character U+" + Integer.toHexString(c));
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"' -> value.append('"');
        case '\\' -> value.append('\\');
        case '/' -> value.append('/');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> value.append(unicodeEscape());
        default -> throw error("invalid escape \\" + escape);
      }
    }
  }

  private char unicodeEscape() {
    if (position + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(position++), 16);
      if (digit < 0) {
        throw error("invalid hex digit in \\u escape");
      }
      code = code * 16 + digit;
    }
    return (char) code;
  }

  private BigDecimal number() {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    if (peek() == '0') {
      position++;
    } else if (isDigit(peek()) && peek() != '0') {
      digits();
    } else {
      throw error("invalid value");
    }
    if (peek() == '.') {
      position++;
      digitsRequired();
    }
    if (peek() == 'e' || peek() == 'E') {
      position++;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      digitsRequired();
    }
    return new BigDecimal(text.substring(start, position));
  }

  private void digitsRequired() {
    if (!isDigit(peek())) {
      throw error("a digit is required");
    }
    digits();
  }

  private void digits() {
    while (isDigit(peek())) {
      position++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private @Nullable Object nullLiteral() {
    literal("null", Boolean.FALSE);
    return null;
  }

  private Boolean literal(String word, Boolean value) {
    if (!text.startsWith(word, position)) {
      throw error("invalid literal");
    }
    position += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private char next() {
    if (position >= text.length()) {
      throw error("unexpected end of text");
    }
    return text.charAt(position++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("Invalid JSON at offset " + position + ": " + problem);
  }
}
