package io.github.dane4j.smtp.internal;

import org.jspecify.annotations.Nullable;

/** Makes text received from a peer or given by a caller safe to print. */
public final class Text {
  private static final char REPLACEMENT = '\uFFFD';
  private static final int MAX_ESCAPED_LENGTH = 80;

  private Text() {}

  /** Returns {@code text} with every control character except tab replaced by U+FFFD. */
  static String printable(String text) {
    @Nullable StringBuilder result = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        if (result == null) {
          result = new StringBuilder(text.length()).append(text, 0, i);
        }
        result.append(REPLACEMENT);
      } else if (result != null) {
        result.append(c);
      }
    }
    return result == null ? text : result.toString();
  }

  /**
   * Returns {@code text} for an exception message, cut to 80 characters. CR, LF and tab are written
   * as backslash escapes like in a Java string literal, other control characters as a backslash-u
   * escape, so that a caller's CR or LF cannot start a new line in a log.
   */
  public static String escaped(String text) {
    StringBuilder result = new StringBuilder(Math.min(text.length(), MAX_ESCAPED_LENGTH) + 8);
    for (int i = 0; i < text.length() && result.length() <= MAX_ESCAPED_LENGTH; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        result.append("\\r");
      } else if (c == '\n') {
        result.append("\\n");
      } else if (c == '\t') {
        result.append("\\t");
      } else if (isControl(c)) {
        result.append(String.format("\\u%04x", (int) c));
      } else {
        result.append(c);
      }
    }
    return shorten(result.toString(), MAX_ESCAPED_LENGTH);
  }

  /** Returns {@code text} cut to {@code max} characters, ending with "..." when it was cut. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0);
  }
}
