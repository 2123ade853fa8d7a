package io.github.dane4j.core;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The matching types of a TLSA record that RFC 6698 section 2.1.3 defines, with their RFC 7218
 * mnemonics.
 */
public enum MatchingType {
  /** Matching type 0: the selected content itself, compared byte for byte. */
  FULL(0, "Full", "", 0),
  /** Matching type 1: the SHA-256 digest of the selected content (32 bytes). */
  SHA2_256(1, "SHA2-256", "SHA-256", 32),
  /** Matching type 2: the SHA-512 digest of the selected content (64 bytes). */
  SHA2_512(2, "SHA2-512", "SHA-512", 64);

  private final int code;
  private final String mnemonic;
  private final String jcaAlgorithm;
  private final int digestLength;

  MatchingType(int code, String mnemonic, String jcaAlgorithm, int digestLength) {
    this.code = code;
    this.mnemonic = mnemonic;
    this.jcaAlgorithm = jcaAlgorithm;
    this.digestLength = digestLength;
  }

  /** Returns the number carried in the third byte of the TLSA RDATA. */
  public int code() {
    return code;
  }

  /** Returns the RFC 7218 mnemonic, such as {@code SHA2-256}. */
  public String mnemonic() {
    return mnemonic;
  }

  /**
   * Returns the name of the {@link java.security.MessageDigest} algorithm, or an empty string for
   * {@link #FULL}.
   */
  public String jcaAlgorithm() {
    return jcaAlgorithm;
  }

  /** Returns the digest length in bytes, or empty for {@link #FULL}. */
  public OptionalInt digestLength() {
    return this == FULL ? OptionalInt.empty() : OptionalInt.of(digestLength);
  }

  /** Returns the matching type with this number, or empty when RFC 6698 assigns none. */
  public static Optional<MatchingType> fromCode(int code) {
    for (MatchingType type : values()) {
      if (type.code == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Returns the matching type with this RFC 7218 mnemonic in any ASCII letter case, or empty. */
  public static Optional<MatchingType> fromMnemonic(String mnemonic) {
    // Only ASCII: Java upper-cases some non-ASCII letters (U+017F, U+0131) to ASCII ones.
    if (!mnemonic.chars().allMatch(c -> c < 0x80)) {
      return Optional.empty();
    }
    String upper = mnemonic.toUpperCase(Locale.ROOT);
    for (MatchingType type : values()) {
      if (type.mnemonic.toUpperCase(Locale.ROOT).equals(upper)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
