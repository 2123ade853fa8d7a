package io.github.dane4j.smtp.internal;

import io.github.dane4j.smtp.FailureKind;
import io.github.dane4j.smtp.SmtpReply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads SMTP replies (RFC 5321 section 4.2) from a stream, with bounds on the line length, the
 * number of lines and the bytes of one reply.
 *
 * <p>A reply line is {@code NNN-text} when more lines follow and {@code NNN text}, {@code NNN } or
 * a bare {@code NNN} when it is the last (RFC 5321 section 4.2.1). The code must be three digits
 * with a first digit from 2 to 5, and every line of a reply must carry the same code. A line ends
 * at LF; one CR before the LF is removed, so a bare LF is accepted.
 *
 * <p>The reader buffers what it reads from the stream. {@link #bufferedByteCount()} returns how
 * many bytes arrived after the last reply; the STARTTLS state machine uses it to detect plaintext
 * injected after the {@code 220} reply (RFC 3207 section 4, CVE-2011-0411).
 *
 * <p>Timeouts are the stream's business: a socket stream throws {@code SocketTimeoutException}.
 */
public final class ReplyReader {
  private static final int BUFFER_SIZE = 4096;
  private static final int MAX_SHOWN_LENGTH = 60;

  private final InputStream in;
  private final int maxLineLength;
  private final int maxLines;
  private final int maxReplyBytes;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  private int limit;
  private byte[] line = new byte[128];
  private int lineLength;

  /**
   * Creates a reader.
   *
   * @param maxLineLength the maximum length of one line in bytes, including CRLF
   * @param maxLines the maximum number of lines of one reply
   * @param maxReplyBytes the maximum number of bytes of one reply, all lines together
   * @throws IllegalArgumentException if a limit is below 5, 1 and 5 respectively
   */
  public ReplyReader(InputStream in, int maxLineLength, int maxLines, int maxReplyBytes) {
    if (maxLineLength < 5 || maxLines < 1 || maxReplyBytes < 5) {
      throw new IllegalArgumentException(
          "Invalid reply limits: line length "
              + maxLineLength
              + " (at least 5), lines "
              + maxLines
              + " (at least 1), reply bytes "
              + maxReplyBytes
              + " (at least 5)");
    }
    this.in = in;
    this.maxLineLength = maxLineLength;
    this.maxLines = maxLines;
    this.maxReplyBytes = maxReplyBytes;
  }

  /**
   * Reads one complete reply.
   *
   * @throws ReplyException if the reply is malformed, exceeds a limit, or the stream ends first
   * @throws IOException if reading fails or times out
   */
  public SmtpReply read() throws ReplyException, IOException {
    List<String> texts = new ArrayList<>();
    int code = -1;
    int replyBytes = 0;
    while (true) {
      replyBytes += readLine(texts.isEmpty(), maxReplyBytes - replyBytes);
      rejectControlCharacters();

      int lineCode = parseCode();
      if (code >= 0 && lineCode != code) {
        throw new ReplyException(
            FailureKind.PROTOCOL_ERROR,
            "The reply code changed from "
                + code
                + " to "
                + lineCode
                + " within one reply (line \""
                + shownLine()
                + "\"); every line of a reply must carry the same code (RFC 5321 section"
                + " 4.2.1)");
      }
      code = lineCode;

      boolean last = lineLength == 3 || line[3] == ' ';
      if (!last && line[3] != '-') {
        throw new ReplyException(
            FailureKind.PROTOCOL_ERROR,
            "Invalid reply line \""
                + shownLine()
                + "\": the code must be followed by a space, a hyphen or the end of the line"
                + " (RFC 5321 section 4.2)");
      }
      texts.add(lineText());
      if (last) {
        return new SmtpReply(code, texts);
      }
      if (texts.size() >= maxLines) {
        throw new ReplyException(
            FailureKind.TOO_MANY_LINES,
            "The reply has more than the maximum of " + maxLines + " lines");
      }
    }
  }

  /** Returns how many bytes were read from the stream but not yet consumed by a reply. */
  public int bufferedByteCount() {
    return limit - position;
  }

  /**
   * Returns up to {@code max} of the buffered bytes as printable text, for a diagnostic message.
   */
  public String bufferedPreview(int max) {
    int count = Math.min(max, bufferedByteCount());
    return Text.printable(new String(buffer, position, count, StandardCharsets.ISO_8859_1));
  }

  /**
   * Reads bytes up to and including the next LF into {@link #line}, without the line ending.
   *
   * @param replyBudget the number of bytes the reply may still take
   * @return the number of bytes the line took on the wire, including CR and LF
   */
  private int readLine(boolean firstLine, int replyBudget) throws ReplyException, IOException {
    lineLength = 0;
    int wireLength = 0;
    int limitForLine = Math.min(maxLineLength, replyBudget);
    while (true) {
      if (position == limit && !fill()) {
        String where = wireLength == 0 && firstLine ? "before a reply" : "in the middle of a reply";
        throw new ReplyException(
            FailureKind.CONNECTION_CLOSED, "The server closed the connection " + where);
      }
      int newline = indexOfNewline();
      int end = newline >= 0 ? newline + 1 : limit;
      int count = end - position;
      // Without a LF yet, the line needs at least one more byte, so reaching the limit is too long.
      boolean tooLong =
          newline >= 0 ? wireLength + count > limitForLine : wireLength + count >= limitForLine;
      if (tooLong) {
        throw limitForLine < maxLineLength
            ? new ReplyException(
                FailureKind.REPLY_TOO_LARGE,
                "The reply is larger than the maximum of " + maxReplyBytes + " bytes")
            : new ReplyException(
                FailureKind.LINE_TOO_LONG,
                "A reply line is longer than the maximum of " + maxLineLength + " bytes");
      }
      append(position, newline >= 0 ? count - 1 : count);
      wireLength += count;
      position = end;
      if (newline >= 0) {
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return wireLength;
      }
    }
  }

  private boolean fill() throws IOException {
    int count = in.read(buffer, 0, buffer.length);
    if (count <= 0) {
      // InputStream.read returns 0 only for an empty buffer, so 0 cannot occur here.
      return false;
    }
    position = 0;
    limit = count;
    return true;
  }

  private int indexOfNewline() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(int from, int count) {
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
    }
    System.arraycopy(buffer, from, line, lineLength, count);
    lineLength += count;
  }

  /**
   * Rejects a line with a control character other than tab, such as NUL or a CR before the end. RFC
   * 5321 section 4.2 allows only tab and printable characters in the text of a reply.
   */
  private void rejectControlCharacters() throws ReplyException {
    for (int i = 0; i < lineLength; i++) {
      int b = line[i] & 0xFF;
      if ((b < 0x20 && b != '\t') || b == 0x7F) {
        throw new ReplyException(
            FailureKind.PROTOCOL_ERROR,
            String.format(
                Locale.ROOT,
                "Invalid reply line \"%s\": it contains the control character 0x%02X at byte %d;"
                    + " a reply contains only printable characters and tab (RFC 5321 section"
                    + " 4.2)",
                shownLine(),
                b,
                i));
      }
    }
  }

  private int parseCode() throws ReplyException {
    if (lineLength < 3) {
      throw new ReplyException(
          FailureKind.PROTOCOL_ERROR,
          "Invalid reply line \"" + shownLine() + "\": a reply starts with a three-digit code");
    }
    int code = 0;
    for (int i = 0; i < 3; i++) {
      byte b = line[i];
      if (b < '0' || b > '9') {
        throw new ReplyException(
            FailureKind.PROTOCOL_ERROR,
            "Invalid reply line \""
                + shownLine()
                + "\": a reply starts with a three-digit code (RFC 5321 section 4.2)");
      }
      code = code * 10 + (b - '0');
    }
    if (code < 200 || code >= 600) {
      throw new ReplyException(
          FailureKind.PROTOCOL_ERROR,
          "Invalid reply code "
              + code
              + ": the first digit must be from 2 to 5 (RFC 5321 section 4.2.1)");
    }
    return code;
  }

  private String lineText() {
    if (lineLength <= 4) {
      return "";
    }
    return Text.printable(new String(line, 4, lineLength - 4, StandardCharsets.UTF_8));
  }

  private String shownLine() {
    String text = Text.printable(new String(line, 0, lineLength, StandardCharsets.UTF_8));
    return Text.shorten(text, MAX_SHOWN_LENGTH);
  }
}
