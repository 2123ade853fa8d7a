package io.github.dane4j.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The selectors of a TLSA record that RFC 6698 section 2.1.2 defines, with their RFC 7218
 * mnemonics.
 */
public enum Selector {
  /** Selector 0: the whole DER-encoded certificate. */
  CERT(0, "Cert"),
  /** Selector 1: the DER-encoded SubjectPublicKeyInfo of the certificate. */
  SPKI(1, "SPKI");

  private final int code;
  private final String mnemonic;

  Selector(int code, String mnemonic) {
    this.code = code;
    this.mnemonic = mnemonic;
  }

  /** Returns the number carried in the second byte of the TLSA RDATA. */
  public int code() {
    return code;
  }

  /** Returns the RFC 7218 mnemonic, such as {@code SPKI}. */
  public String mnemonic() {
    return mnemonic;
  }

  /** Returns the selector with this number, or empty when RFC 6698 assigns none. */
  public static Optional<Selector> fromCode(int code) {
    for (Selector selector : values()) {
      if (selector.code == code) {
        return Optional.of(selector);
      }
    }
    return Optional.empty();
  }

  /** Returns the selector with this RFC 7218 mnemonic in any ASCII letter case, or empty. */
  public static Optional<Selector> fromMnemonic(String mnemonic) {
    // Only ASCII: Java upper-cases some non-ASCII letters (U+017F, U+0131) to ASCII ones.
    if (!mnemonic.chars().allMatch(c -> c < 0x80)) {
      return Optional.empty();
    }
    String upper = mnemonic.toUpperCase(Locale.ROOT);
    for (Selector selector : values()) {
      if (selector.mnemonic.toUpperCase(Locale.ROOT).equals(upper)) {
        return Optional.of(selector);
      }
    }
    return Optional.empty();
  }
}
