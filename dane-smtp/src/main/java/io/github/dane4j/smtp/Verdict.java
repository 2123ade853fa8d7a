package io.github.dane4j.smtp;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict of a verification, for a whole domain, one MX host or one address, in a fixed
 * vocabulary. Each constant has a token that the JSON report uses.
 *
 * <p>The constants are declared from best to worst. The order ranks how far the outcome is from
 * mail delivered over authenticated TLS: first the outcomes that deliver with less protection, then
 * those that do not deliver. {@link #DANE_FAILURE} is the worst because it means that published
 * TLSA records could not be honoured, which is a misconfiguration or an attack. A domain's verdict
 * is the worst of its hosts' verdicts, and a host's the worst of its addresses'.
 */
public enum Verdict {
  /** A usable secure TLSA record authenticated the server (RFC 7672 section 3.2). */
  AUTHENTICATED("authenticated"),
  /**
   * The secure TLSA RRset holds only unusable records: TLS is required, but the server cannot be
   * authenticated (RFC 7672 section 2.2).
   */
  UNAUTHENTICATED_TLS("unauthenticated-tls"),
  /**
   * DANE does not apply (no secure TLSA records, or insecure DNS on the way to them): TLS was used
   * as pre-DANE opportunistic TLS, without authentication (RFC 7672 section 2.2).
   */
  OPPORTUNISTIC("opportunistic"),
  /**
   * DANE does not apply and the server did not offer STARTTLS or refused it, so mail would travel
   * in cleartext, which RFC 7672 section 2.2 permits in that case.
   */
  NO_STARTTLS("no-starttls"),
  /**
   * No usable SMTP session: the TCP connection failed, the server refused service, broke the SMTP
   * protocol or timed out, before TLS negotiation started or while DANE did not apply; or the host
   * has no address records, or the domain accepts no mail.
   */
  CONNECTION_FAILURE("connection-failure"),
  /**
   * A DNS lookup that the decision depends on failed: bogus, indeterminate, SERVFAIL, timeout or an
   * answer whose DNSSEC status was not established (RFC 7672 section 2.1.1). The host is
   * unreachable, and a failed MX lookup defers the whole domain (RFC 7672 section 2.1.2).
   */
  LOOKUP_FAILURE("lookup-failure"),
  /**
   * DANE applies and was not satisfied: no STARTTLS, a failed handshake or certificate check with
   * secure TLSA records, or a DANE-mandatory destination without secure usable TLSA records. Mail
   * must go to another host or be deferred (RFC 7672 sections 2.2 and 3.2).
   */
  DANE_FAILURE("dane-failure");

  private final String token;

  Verdict(String token) {
    this.token = token;
  }

  /** Returns the token used in reports, such as {@code dane-failure}. */
  public String token() {
    return token;
  }

  /** Returns whether this verdict ranks below {@code other} in the order described above. */
  public boolean isWorseThan(Verdict other) {
    return compareTo(Objects.requireNonNull(other, "other")) > 0;
  }

  /** Returns the worse of two verdicts. */
  public static Verdict worst(Verdict first, Verdict second) {
    return first.isWorseThan(second) ? first : second;
  }

  /** Returns the worst of the verdicts, or empty when there are none. */
  public static Optional<Verdict> worst(Collection<Verdict> verdicts) {
    return verdicts.stream().reduce(Verdict::worst);
  }

  /**
   * Returns the verdict with this token.
   *
   * @throws IllegalArgumentException if no verdict has that token
   */
  public static Verdict fromToken(String token) {
    for (Verdict verdict : values()) {
      if (verdict.token.equals(token)) {
        return verdict;
      }
    }
    throw new IllegalArgumentException(
        "Unknown verdict token \""
            + token
            + "\"; known tokens are authenticated,"
            + " unauthenticated-tls, opportunistic, no-starttls, connection-failure,"
            + " lookup-failure and dane-failure");
  }

  @Override
  public String toString() {
    return token;
  }
}
