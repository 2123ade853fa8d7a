package io.github.dane4j.core;

/** Which set of DANE rules a {@link DaneVerifier} applies. */
public enum DaneProfile {
  /**
   * DANE for SMTP (RFC 7672): only DANE-TA(2) and DANE-EE(3) are usable; PKIX-TA(0) and PKIX-EE(1)
   * records are unusable (RFC 7672 section 3.1.3, RFC 7671 section 14), and DANE-EE(3) is never
   * name-checked (RFC 7672 section 3.2.1).
   */
  SMTP,
  /**
   * Generic DANE (RFC 6698, RFC 7671): all four usages; PKIX-TA(0) and PKIX-EE(1) need trust
   * anchors supplied by the caller.
   */
  GENERIC
}
