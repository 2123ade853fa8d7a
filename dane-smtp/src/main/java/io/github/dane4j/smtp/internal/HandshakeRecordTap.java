package io.github.dane4j.smtp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes a socket's input through and, while capturing, keeps a copy of the leading TLS handshake
 * records the server sends, so that {@link NamedGroups} can read the key exchange group from them.
 *
 * <p>Capturing follows the TLS record framing (RFC 8446 section 5.1) and stops at the first record
 * that is not a handshake record (a {@code change_cipher_spec}, an alert or encrypted data), at a
 * record that would take the copy past {@link #MAX_CAPTURE_BYTES}, or when {@link #stopCapture()}
 * is called. So it never copies encrypted records or application data, and it keeps at most {@link
 * #MAX_CAPTURE_BYTES} bytes. Only the thread that reads the socket may use an instance.
 */
final class HandshakeRecordTap extends FilterInputStream {
  /**
   * The maximum number of bytes kept. A TLS 1.3 ServerHello fits in a few hundred bytes; in TLS 1.2
   * the server's certificate chain precedes the ServerKeyExchange, so a chain longer than this
   * leaves the group unknown.
   */
  static final int MAX_CAPTURE_BYTES = 16 * 1024;

  private static final int RECORD_HEADER_LENGTH = 5;
  private static final int CONTENT_TYPE_HANDSHAKE = 22;
  private static final int INITIAL_CAPACITY = 512;
  private static final byte[] NONE = new byte[0];

  private boolean capturing;
  private byte[] captured = NONE;
  private int capturedLength;
  private final byte[] header = new byte[RECORD_HEADER_LENGTH];
  private int headerLength;
  private int bodyRemaining;

  HandshakeRecordTap(InputStream in) {
    super(in);
  }

  /** Starts a new capture at a record boundary: the next byte read starts a record header. */
  void startCapture() {
    capturing = true;
    captured = new byte[INITIAL_CAPACITY];
    capturedLength = 0;
    headerLength = 0;
    bodyRemaining = 0;
  }

  /** Stops capturing and returns the records captured; later reads are only passed through. */
  byte[] stopCapture() {
    byte[] result = Arrays.copyOf(captured, capturedLength);
    capturing = false;
    captured = NONE;
    capturedLength = 0;
    return result;
  }

  @Override
  public int read() throws IOException {
    int value = in.read();
    if (value >= 0 && capturing) {
      observe(new byte[] {(byte) value}, 0, 1);
    }
    return value;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int count = in.read(buffer, offset, length);
    if (count > 0 && capturing) {
      observe(buffer, offset, count);
    }
    return count;
  }

  @Override
  public long skip(long count) throws IOException {
    // Skipped bytes would break the record framing, so a skip ends the capture.
    capturing = false;
    return in.skip(count);
  }

  private void observe(byte[] bytes, int offset, int count) {
    int position = offset;
    int end = offset + count;
    while (position < end && capturing) {
      if (bodyRemaining > 0) {
        int take = Math.min(bodyRemaining, end - position);
        append(bytes, position, take);
        bodyRemaining -= take;
        position += take;
        continue;
      }
      header[headerLength++] = bytes[position++];
      if (headerLength == RECORD_HEADER_LENGTH) {
        headerLength = 0;
        startRecord();
      }
    }
  }

  private void startRecord() {
    int contentType = header[0] & 0xFF;
    int recordLength = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
    if (contentType != CONTENT_TYPE_HANDSHAKE
        || capturedLength + RECORD_HEADER_LENGTH + recordLength > MAX_CAPTURE_BYTES) {
      capturing = false;
      return;
    }
    append(header, 0, RECORD_HEADER_LENGTH);
    bodyRemaining = recordLength;
  }

  private void append(byte[] bytes, int offset, int count) {
    if (capturedLength + count > captured.length) {
      int capacity =
          Math.max(capturedLength + count, Math.min(2 * captured.length, MAX_CAPTURE_BYTES));
      captured = Arrays.copyOf(captured, capacity);
    }
    System.arraycopy(bytes, offset, captured, capturedLength, count);
    capturedLength += count;
  }
}
