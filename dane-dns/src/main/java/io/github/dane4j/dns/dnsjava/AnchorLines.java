package io.github.dane4j.dns.dnsjava;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Checks the zone-file text of a trust anchor source line by line, before dnsjava's parser reads
 * it, for the forms that would make an owner name depend on context: directives other than {@code
 * $TTL} ({@code $ORIGIN}, {@code $INCLUDE}, {@code $GENERATE}) and relative owner names.
 */
final class AnchorLines {
  private AnchorLines() {}

  /**
   * Checks {@code text} and returns the line number (from 1) at which each record starts, in order.
   *
   * <p>A record starts on a line outside parentheses with content other than a comment. An owner
   * name written at the start of such a line must be absolute, that is, end in an unescaped dot. A
   * line that starts with white space repeats the previous owner name, which was checked already.
   *
   * @throws IllegalArgumentException naming {@code source} and the line, for a directive other than
   *     {@code $TTL} or a relative owner name
   */
  static List<Integer> check(String text, String source) {
    List<Integer> recordLines = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    int depth = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = withoutComment(lines[i]);
      int number = i + 1;
      if (depth == 0 && !line.isBlank()) {
        if (line.startsWith("$")) {
          checkDirective(line, source, number);
        } else {
          if (!Character.isWhitespace(line.charAt(0))) {
            checkOwner(firstToken(line), source, number);
          }
          recordLines.add(number);
        }
      }
      depth += count(line, '(') - count(line, ')');
    }
    return recordLines;
  }

  private static void checkDirective(String line, String source, int number) {
    String directive = firstToken(line);
    if (!directive.toUpperCase(Locale.ROOT).equals("$TTL")) {
      throw new IllegalArgumentException(
          "Invalid "
              + source
              + ": line "
              + number
              + ": the "
              + directive
              + " directive is not allowed in trust anchors; write every owner name in full,"
              + " ending in a dot, and give each file or text as its own trust anchor source");
    }
  }

  private static void checkOwner(String owner, String source, int number) {
    boolean absolute;
    try {
      absolute = !owner.equals("@") && Name.fromString(owner).isAbsolute();
    } catch (TextParseException e) {
      // dnsjava's parser reports the invalid name with its own message.
      return;
    }
    if (!absolute) {
      throw new IllegalArgumentException(
          "Invalid "
              + source
              + ": line "
              + number
              + ": the owner name "
              + owner
              + " is relative; write it in full, ending in a dot, such as \"example.com.\"");
    }
  }

  /** Returns {@code line} up to its first semicolon, which starts a comment in zone files. */
  private static String withoutComment(String line) {
    int semicolon = line.indexOf(';');
    return semicolon < 0 ? line : line.substring(0, semicolon);
  }

  private static String firstToken(String line) {
    int end = 0;
    while (end < line.length()
        && !Character.isWhitespace(line.charAt(end))
        && line.charAt(end) != '(') {
      end++;
    }
    return line.substring(0, end);
  }

  private static int count(String line, char c) {
    int count = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == c) {
        count++;
      }
    }
    return count;
  }
}
