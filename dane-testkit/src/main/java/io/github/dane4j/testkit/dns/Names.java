package io.github.dane4j.testkit.dns;

import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Parsing and checks for the domain names and type numbers that the builders accept. */
final class Names {

  private Names() {}

  /**
   * Parses an absolute name (ending in a dot).
   *
   * @param what the role of the name, used in error messages
   */
  static Name parseAbsolute(String text, String what) {
    Objects.requireNonNull(text, what);
    if (!text.endsWith(".")) {
      throw new IllegalArgumentException(
          "Invalid " + what + " '" + text + "': use an absolute name ending in a dot");
    }
    return parse(text, Name.root, what);
  }

  /**
   * Parses a name that is absolute or relative to {@code origin}; {@code "@"} is the origin.
   *
   * @param what the role of the name, used in error messages
   */
  static Name parse(String text, Name origin, String what) {
    Objects.requireNonNull(text, what);
    try {
      return Name.fromString(text, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + what + " '" + text + "': " + e.getMessage(), e);
    }
  }

  static void checkType(int type) {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException(
          "Invalid RR type " + type + ": use a number from 0 to 65535");
    }
  }
}
