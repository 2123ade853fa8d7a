package io.github.dane4j.smtp;

/**
 * The entry point of dane-smtp: verifies whether mail to a domain or host would be protected by
 * DANE (RFC 7672).
 *
 * <pre>{@code
 * try (DaneSmtpVerifier verifier = DaneSmtp.verifier().build()) {
 *   DomainReport report = verifier.verifyDomain("example.org");
 *   System.out.println(report.verdict() + ": " + report.assessment().message());
 *   System.out.println(report.toJson());
 * }
 * }</pre>
 *
 * <p>See {@link DaneSmtpVerifier.Builder} for the options: DNS fetcher, timeouts, port, address
 * families, monitor or delivery mode, DANE-mandatory destinations and audit-only mode.
 */
public final class DaneSmtp {
  private DaneSmtp() {}

  /** Returns a builder of a verifier, with defaults that suit a monitor. */
  public static DaneSmtpVerifier.Builder verifier() {
    return DaneSmtpVerifier.builder();
  }
}
