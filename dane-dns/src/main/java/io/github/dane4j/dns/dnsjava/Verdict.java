package io.github.dane4j.dns.dnsjava;

import org.xbill.DNS.ExtendedErrorCodeOption;

/**
 * The DNSSEC state of one piece of data as {@link DnssecValidator} establishes it (RFC 4033 section
 * 5, RFC 4035 section 4.3).
 *
 * @param security secure, insecure or bogus
 * @param reason why the data is insecure or bogus; empty when secure
 * @param extendedError the RFC 8914 extended DNS error code for a bogus verdict, such as {@link
 *     ExtendedErrorCodeOption#DNSSEC_BOGUS}; -1 otherwise
 */
record Verdict(Security security, String reason, int extendedError) {

  /** The three states that validation can prove; an indeterminate state is a failed lookup. */
  enum Security {
    SECURE,
    INSECURE,
    BOGUS
  }

  private static final Verdict SECURE = new Verdict(Security.SECURE, "", -1);

  static Verdict secure() {
    return SECURE;
  }

  static Verdict insecure(String reason) {
    return new Verdict(Security.INSECURE, reason, -1);
  }

  static Verdict bogus(String reason) {
    return new Verdict(Security.BOGUS, reason, ExtendedErrorCodeOption.DNSSEC_BOGUS);
  }

  static Verdict bogus(String reason, int extendedError) {
    return new Verdict(Security.BOGUS, reason, extendedError);
  }

  boolean isSecure() {
    return security == Security.SECURE;
  }

  boolean isInsecure() {
    return security == Security.INSECURE;
  }

  boolean isBogus() {
    return security == Security.BOGUS;
  }

  /**
   * Combines the verdicts of two RRsets of one answer: bogus wins over insecure, insecure over
   * secure, so that an answer is secure only when every part of it is.
   */
  Verdict and(Verdict other) {
    return rank(other.security) > rank(security) ? other : this;
  }

  private static int rank(Security security) {
    return switch (security) {
      case SECURE -> 0;
      case INSECURE -> 1;
      case BOGUS -> 2;
    };
  }
}
