package io.github.dane4j.testkit.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines of bounded length from a socket stream. It keeps its own buffer instead of a {@code
 * BufferedReader}, so that the bytes buffered after a line can be counted and discarded before the
 * stream is handed to TLS.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[4096];
  private int start;
  private int end;

  /**
   * Creates a reader of lines of at most {@code maxLineBytes} bytes, counting the line end.
   *
   * @param in the stream to read; the reader does not close it
   */
  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads the next line. A line ends with LF; a CR right before the LF is removed as well, and the
   * bytes are decoded as ISO-8859-1 so that every byte maps to one character.
   *
   * @return the line without its end, or null if the stream ended before a complete line
   * @throws LineTooLongException if the line, with its end, is longer than the limit
   * @throws IOException if reading fails or times out
   */
  @Nullable String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          if (line.size() + (i - start) + 1 > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
          }
          line.write(buffer, start, i - start);
          start = i + 1;
          return withoutTrailingCr(line.toString(StandardCharsets.ISO_8859_1));
        }
      }

      int pending = end - start;
      // Even if the next byte is the LF, the line would exceed the limit.
      if (line.size() + pending + 1 > maxLineBytes) {
        throw new LineTooLongException(maxLineBytes);
      }
      line.write(buffer, start, pending);
      start = 0;
      end = 0;
      int count = in.read(buffer);
      if (count < 0) {
        return null;
      }
      end = count;
    }
  }

  /**
   * Drops the bytes that were read from the stream but not yet returned as lines.
   *
   * @return the number of bytes dropped
   */
  int discardBuffered() {
    int count = end - start;
    start = 0;
    end = 0;
    return count;
  }

  private static String withoutTrailingCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** Signals a line longer than the reader's limit; the rest of the stream is not consumed. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int maxLineBytes) {
      super("Line longer than " + maxLineBytes + " bytes, counting CRLF");
    }
  }
}
