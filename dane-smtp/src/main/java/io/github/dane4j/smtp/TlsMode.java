package io.github.dane4j.smtp;

/** The way the connector starts TLS on the connection. */
public enum TlsMode {
  /**
   * Plain SMTP first, then TLS after the {@code STARTTLS} command (RFC 3207), as on port 25 between
   * MTAs (RFC 7672).
   */
  STARTTLS,
  /**
   * TLS from the first byte, then the SMTP greeting inside TLS, as for submission on port 465 (RFC
   * 8314 section 3.3).
   */
  IMPLICIT_TLS
}
