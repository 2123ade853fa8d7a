package io.github.dane4j.core.spi;

/**
 * One MX record.
 *
 * @param preference the preference; lower values are tried first (RFC 5321 section 5.1)
 * @param exchange the mail exchanger's host name, absolute, without the trailing dot; {@code "."}
 *     for the "null MX" record, with which a domain declares that it accepts no mail (RFC 7505)
 */
public record MxRecord(int preference, String exchange) {
  /** Checks the range of the preference field (16 bits). */
  public MxRecord {
    if (preference < 0 || preference > 0xFFFF) {
      throw new IllegalArgumentException(
          "Invalid MX preference " + preference + ": must be from 0 to 65535");
    }
  }
}
