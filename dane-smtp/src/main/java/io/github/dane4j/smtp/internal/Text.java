package io.github.dane4j.smtp.internal;

import org.jspecify.annotations.Nullable;

/** Makes text received from a peer or given by a caller safe to print. */
final class Text {
  private static final char REPLACEMENT = '\uFFFD';

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

  /** Returns {@code text} cut to {@code max} characters, ending with "..." when it was cut. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0);
  }
}
