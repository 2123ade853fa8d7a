package io.github.dane4j.core.spi;

/**
 * An extended DNS error (RFC 8914) attached to a DNS response.
 *
 * @param infoCode the INFO-CODE, such as 6 for "DNSSEC Bogus"
 * @param extraText the EXTRA-TEXT, or an empty string
 */
public record ExtendedDnsError(int infoCode, String extraText) {
  /** Checks the range of the INFO-CODE field (16 bits). */
  public ExtendedDnsError {
    if (infoCode < 0 || infoCode > 0xFFFF) {
      throw new IllegalArgumentException(
          "Invalid extended DNS error code " + infoCode + ": must be from 0 to 65535");
    }
  }

  @Override
  public String toString() {
    return extraText.isEmpty() ? "EDE " + infoCode : "EDE " + infoCode + " (" + extraText + ")";
  }
}
