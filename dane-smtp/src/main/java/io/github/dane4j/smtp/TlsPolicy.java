package io.github.dane4j.smtp;

/**
 * What RFC 7672 section 2.2 requires of a connection to one MX host, decided from DNS before
 * connecting.
 */
public enum TlsPolicy {
  /**
   * The host has a secure TLSA RRset with at least one usable record: TLS is mandatory and the
   * server must be authenticated by those records (RFC 7672 sections 2.2 and 3.2).
   */
  DANE_AUTHENTICATION("dane-authentication"),
  /**
   * The host has a secure TLSA RRset whose records are all unusable: TLS is mandatory, the server
   * cannot be authenticated, and cleartext is never allowed (RFC 7672 section 2.2).
   */
  TLS_WITHOUT_AUTHENTICATION("tls-without-authentication"),
  /**
   * DANE does not apply: no secure TLSA RRset, or insecure DNS on the way to one. Pre-DANE
   * opportunistic TLS applies, and cleartext is allowed when the server offers no STARTTLS (RFC
   * 7672 section 2.2).
   */
  OPPORTUNISTIC("opportunistic"),
  /**
   * The host must not be used: a DNS lookup failed (RFC 7672 section 2.1.2), it has no address
   * records (RFC 7672 section 2.2.2), or the destination is DANE-mandatory and this host has no
   * usable secure TLSA records (RFC 7672 section 6).
   */
  UNREACHABLE("unreachable");

  private final String token;

  TlsPolicy(String token) {
    this.token = token;
  }

  /** Returns the token used in reports, such as {@code dane-authentication}. */
  public String token() {
    return token;
  }

  /**
   * Returns whether TLS is mandatory: {@link #DANE_AUTHENTICATION} or {@link
   * #TLS_WITHOUT_AUTHENTICATION}.
   */
  public boolean tlsRequired() {
    return this == DANE_AUTHENTICATION || this == TLS_WITHOUT_AUTHENTICATION;
  }

  @Override
  public String toString() {
    return token;
  }
}
