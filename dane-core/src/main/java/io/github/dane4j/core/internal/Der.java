package io.github.dane4j.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A minimal reader for DER (ITU-T X.690) that finds element boundaries without decoding values.
 *
 * <p>It accepts only single-byte tags and definite lengths of up to four length bytes, and it
 * checks every length against the enclosing element, so malformed input yields an empty result
 * instead of an exception or an out-of-bounds read.
 */
final class Der {
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  static final int OBJECT_IDENTIFIER = 0x06;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;

  private static final int HIGH_TAG_NUMBER_FORM = 0x1F;
  private static final int MAX_LENGTH_BYTES = 4;

  private Der() {}

  /** One element: its tag and where its header, content and end lie in the buffer. */
  static final class Element {
    private final byte[] buffer;
    private final int tag;
    private final int start;
    private final int contentStart;
    private final int end;

    private Element(byte[] buffer, int tag, int start, int contentStart, int end) {
      this.buffer = buffer;
      this.tag = tag;
      this.start = start;
      this.contentStart = contentStart;
      this.end = end;
    }

    /** Returns the identifier octet, such as {@code 0x30} for SEQUENCE. */
    int tag() {
      return tag;
    }

    /** Returns the offset of the first content octet in the buffer. */
    int contentStart() {
      return contentStart;
    }

    /** Returns the offset just past the element in the buffer. */
    int end() {
      return end;
    }

    /** Returns a copy of the whole element, header included. */
    byte[] encoded() {
      return Arrays.copyOfRange(buffer, start, end);
    }

    /** Returns a copy of the content octets. */
    byte[] content() {
      return Arrays.copyOfRange(buffer, contentStart, end);
    }

    /**
     * Returns the elements inside this one, or empty when the content is not a well-formed sequence
     * of elements.
     */
    Optional<List<Element>> children() {
      List<Element> children = new ArrayList<>();
      int position = contentStart;
      while (position < end) {
        Optional<Element> child = read(buffer, position, end);
        if (child.isEmpty()) {
          return Optional.empty();
        }
        children.add(child.get());
        position = child.get().end();
      }
      return Optional.of(children);
    }
  }

  /**
   * Reads the element that starts at {@code offset} and must end at or before {@code limit}.
   *
   * @return the element, or empty when the header or length is malformed or runs past the limit
   */
  static Optional<Element> read(byte[] buffer, int offset, int limit) {
    int end = end(buffer, offset, limit);
    if (end < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Element(buffer, buffer[offset] & 0xFF, offset, contentStart(buffer, offset), end));
  }

  /**
   * Returns the offset just past the element that starts at {@code offset}, without allocating.
   *
   * @return the end offset, or -1 when the header or length is malformed or runs past {@code limit}
   */
  static int end(byte[] buffer, int offset, int limit) {
    if (offset < 0 || limit > buffer.length || offset + 2 > limit) {
      return -1;
    }
    int tag = buffer[offset] & 0xFF;
    if ((tag & HIGH_TAG_NUMBER_FORM) == HIGH_TAG_NUMBER_FORM) {
      return -1;
    }
    int first = buffer[offset + 1] & 0xFF;
    int position = offset + 2;
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int lengthBytes = first & 0x7F;
      // 0x80 is the BER indefinite form, which DER forbids.
      if (lengthBytes == 0 || lengthBytes > MAX_LENGTH_BYTES || position + lengthBytes > limit) {
        return -1;
      }
      length = 0;
      for (int i = 0; i < lengthBytes; i++) {
        length = (length << 8) | (buffer[position + i] & 0xFF);
      }
      position += lengthBytes;
    }
    if (length > limit - position) {
      return -1;
    }
    return position + (int) length;
  }

  /**
   * Returns the offset of the first content octet of the element at {@code offset}, whose header
   * {@link #end} has accepted.
   */
  static int contentStart(byte[] buffer, int offset) {
    int first = buffer[offset + 1] & 0xFF;
    return first < 0x80 ? offset + 2 : offset + 2 + (first & 0x7F);
  }

  /**
   * Returns whether the content of the element at {@code offset}, ending at {@code end}, is a
   * well-formed sequence of elements.
   */
  static boolean hasWellFormedChildren(byte[] buffer, int offset, int end) {
    int position = contentStart(buffer, offset);
    while (position < end) {
      position = end(buffer, position, end);
      if (position < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads {@code data} as exactly one element with no bytes after it.
   *
   * @return the element, or empty when {@code data} is not one well-formed element
   */
  static Optional<Element> readSingle(byte[] data) {
    return read(data, 0, data.length).filter(element -> element.end() == data.length);
  }
}
