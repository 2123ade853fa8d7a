package io.github.dane4j.core.internal;

import java.util.Locale;

/** Hexadecimal encoding without separators; leading zeros are kept. */
public final class Hex {
  private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

  private Hex() {}

  /** Encodes {@code bytes} as upper-case hexadecimal, two digits per byte. */
  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
    }
    return new String(out);
  }

  /** Encodes {@code bytes} as lower-case hexadecimal, two digits per byte. */
  public static String encodeLower(byte[] bytes) {
    return encode(bytes).toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the value of one hexadecimal digit, or -1 when {@code c} is not a hexadecimal digit.
   */
  public static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
