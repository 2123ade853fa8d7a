package io.github.dane4j.smtp;

/**
 * One line of an SMTP conversation as the connector sent or received it.
 *
 * <p>The connector sends only EHLO, HELO, STARTTLS and QUIT, so a transcript never contains message
 * content or credentials.
 *
 * @param direction who sent the line
 * @param line the command or reply line without CRLF, shortened to at most 512 characters
 * @param tls whether the line travelled inside TLS
 */
public record TranscriptEntry(Direction direction, String line, boolean tls) {
  /** The sender of a line. */
  public enum Direction {
    /** The connector sent a command. */
    CLIENT,
    /** The server sent a reply line. */
    SERVER
  }

  /** Returns the line with a prefix: {@code C: } for commands and {@code S: } for replies. */
  @Override
  public String toString() {
    return (direction == Direction.CLIENT ? "C: " : "S: ") + line;
  }
}
