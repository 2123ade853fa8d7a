package io.github.dane4j.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The certificate usages of a TLSA record that RFC 6698 section 2.1.1 defines, with their RFC 7218
 * mnemonics.
 *
 * <p>A {@link TlsaRecord} keeps the raw usage number; this enum is the typed view for the known
 * values. Any other number is legal in DNS and makes the record unusable.
 */
public enum CertificateUsage {
  /** Usage 0: a CA certificate or key that must appear in a PKIX-valid chain. */
  PKIX_TA(0, "PKIX-TA"),
  /** Usage 1: the end-entity certificate or key, and the chain must be PKIX-valid. */
  PKIX_EE(1, "PKIX-EE"),
  /** Usage 2: a trust anchor for the chain, with PKIX path validation below it. */
  DANE_TA(2, "DANE-TA"),
  /** Usage 3: the end-entity certificate or key itself, with no chain, name or date checks. */
  DANE_EE(3, "DANE-EE");

  private final int code;
  private final String mnemonic;

  CertificateUsage(int code, String mnemonic) {
    this.code = code;
    this.mnemonic = mnemonic;
  }

  /** Returns the number carried in the first byte of the TLSA RDATA. */
  public int code() {
    return code;
  }

  /** Returns the RFC 7218 mnemonic, such as {@code DANE-EE}. */
  public String mnemonic() {
    return mnemonic;
  }

  /** Returns the usage with this number, or empty when RFC 6698 assigns none. */
  public static Optional<CertificateUsage> fromCode(int code) {
    for (CertificateUsage usage : values()) {
      if (usage.code == code) {
        return Optional.of(usage);
      }
    }
    return Optional.empty();
  }

  /** Returns the usage with this RFC 7218 mnemonic in any ASCII letter case, or empty. */
  public static Optional<CertificateUsage> fromMnemonic(String mnemonic) {
    // Only ASCII: Java upper-cases some non-ASCII letters (U+017F, U+0131) to ASCII ones.
    if (!mnemonic.chars().allMatch(c -> c < 0x80)) {
      return Optional.empty();
    }
    String upper = mnemonic.toUpperCase(Locale.ROOT);
    for (CertificateUsage usage : values()) {
      if (usage.mnemonic.equals(upper)) {
        return Optional.of(usage);
      }
    }
    return Optional.empty();
  }
}
