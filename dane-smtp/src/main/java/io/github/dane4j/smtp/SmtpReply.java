package io.github.dane4j.smtp;

import java.util.List;

/**
 * One SMTP reply (RFC 5321 section 4.2): a three-digit code and one or more lines of text.
 *
 * <p>The text of each line is what follows the code and its separator, decoded as UTF-8; bytes that
 * are not UTF-8 and control characters other than tab are replaced by U+FFFD, so the text is safe
 * to print.
 *
 * @param code the reply code, from 200 to 599
 * @param lines the text of each line, first line first; at least one, possibly empty
 */
public record SmtpReply(int code, List<String> lines) {
  /**
   * Checks the code and copies the lines.
   *
   * @throws IllegalArgumentException if the code is outside 200 to 599 or there is no line
   */
  public SmtpReply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException(
          "Invalid SMTP reply code " + code + ": must be from 200 to 599 (RFC 5321 section 4.2)");
    }
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("An SMTP reply has at least one line");
    }
  }

  /** Returns the first digit of the code: 2 done, 3 continue, 4 transient, 5 permanent failure. */
  public int category() {
    return code / 100;
  }

  /** Returns whether the first digit is 2 (RFC 5321 section 4.2.1). */
  public boolean isPositiveCompletion() {
    return category() == 2;
  }

  /** Returns whether the first digit is 4 or 5: the server rejected the command. */
  public boolean isNegative() {
    return category() == 4 || category() == 5;
  }

  /** Returns the reply as it appears on the wire, one line per reply line, without CRLF. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        text.append('\n');
      }
      text.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
    }
    return text.toString();
  }
}
