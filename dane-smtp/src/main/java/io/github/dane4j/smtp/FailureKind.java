package io.github.dane4j.smtp;

import io.github.dane4j.core.Rfc8460ResultType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The reason a connection attempt did not end with a working, verified TLS session.
 *
 * <p>Each kind has a short code for the RFC 8460 {@code failure-reason-code} field. {@link
 * SmtpConnectionResult#resultType()} gives the RFC 8460 result type of an attempt; see there for
 * how kinds without a fixed type are reported.
 */
public enum FailureKind {
  /** The TCP connection was not established within the connect timeout. */
  CONNECT_TIMEOUT(null, "smtp-connect-timeout"),
  /** The server's host rejected the TCP connection (nothing listens on the port). */
  CONNECT_REFUSED(null, "smtp-connect-refused"),
  /** The TCP connection failed for another reason, such as no route to the host. */
  CONNECT_FAILED(null, "smtp-connect-failed"),
  /**
   * The greeting was not {@code 220}: {@code 554} refuses service (RFC 5321 section 3.1), and
   * {@code 421} or another 4xx or 5xx code means the server does not accept mail now.
   */
  GREETING_REFUSED(null, "smtp-greeting-refused"),
  /** The server rejected EHLO, and HELO too when the connector fell back to it. */
  EHLO_FAILED(null, "smtp-ehlo-failed"),
  /**
   * The EHLO reply did not list {@code STARTTLS}, or the server accepted only HELO, which carries
   * no extensions (RFC 3207 section 4, RFC 5321 section 3.2).
   */
  NO_STARTTLS(Rfc8460ResultType.STARTTLS_NOT_SUPPORTED, "starttls-not-offered"),
  /**
   * The server replied to STARTTLS with {@code 454} (TLS not available), {@code 501} or another 4xx
   * or 5xx code (RFC 3207 section 4).
   */
  STARTTLS_REFUSED(Rfc8460ResultType.STARTTLS_NOT_SUPPORTED, "starttls-refused"),
  /**
   * Bytes arrived after the {@code 220} reply to STARTTLS and before the TLS handshake. They were
   * sent in the clear and could be injected by an attacker (the CVE-2011-0411 class), so the
   * connector aborted instead of reading them.
   */
  PLAINTEXT_INJECTION(Rfc8460ResultType.VALIDATION_FAILURE, "starttls-plaintext-injection"),
  /** The TLS handshake failed: an alert, no common protocol or cipher suite, or a closed socket. */
  HANDSHAKE_FAILED(Rfc8460ResultType.VALIDATION_FAILURE, "tls-handshake-failed"),
  /** The TLS handshake did not complete within the handshake timeout. */
  HANDSHAKE_TIMEOUT(Rfc8460ResultType.VALIDATION_FAILURE, "tls-handshake-timeout"),
  /**
   * A secure TLSA RRset with usable records did not authenticate the server's chain (RFC 7672
   * section 3.2). The RFC 8460 result type and the reason code come from the verification result.
   */
  DANE_VERIFICATION_FAILED(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED, "dane-verification-failed"),
  /** DANE did not apply and the PKIX delegate of the trust manager rejected the chain. */
  CERTIFICATE_REJECTED(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED, "pkix-validation-failed"),
  /** The reply to the EHLO sent inside TLS was not {@code 250} (RFC 3207 section 4.2). */
  POST_TLS_EHLO_FAILED(Rfc8460ResultType.VALIDATION_FAILURE, "smtp-ehlo-after-tls-failed"),
  /**
   * A reply broke the syntax of RFC 5321 section 4.2, or did not fit the command. Examples: a code
   * that is not three digits, a first digit outside 2 to 5, a code that changes between lines, a
   * bad separator, an unexpected code, or data that the server sent before a command.
   */
  PROTOCOL_ERROR(null, "smtp-protocol-error"),
  /** A reply did not arrive within the read timeout, or within the greeting or command timeout. */
  READ_TIMEOUT(null, "smtp-read-timeout"),
  /** A reply line was longer than the configured maximum line length. */
  LINE_TOO_LONG(null, "smtp-reply-line-too-long"),
  /** A reply had more lines than the configured maximum. */
  TOO_MANY_LINES(null, "smtp-reply-too-many-lines"),
  /** A reply had more bytes in total than the configured maximum. */
  REPLY_TOO_LARGE(null, "smtp-reply-too-large"),
  /** The server closed the connection before a reply was complete. */
  CONNECTION_CLOSED(null, "smtp-connection-closed");

  private final @Nullable Rfc8460ResultType fixedResultType;
  private final String reasonCode;

  FailureKind(@Nullable Rfc8460ResultType fixedResultType, String reasonCode) {
    this.fixedResultType = fixedResultType;
    this.reasonCode = reasonCode;
  }

  /**
   * Returns the RFC 8460 result type that this kind always has, or empty for kinds whose type
   * depends on whether TLS negotiation had started (see {@link SmtpConnectionResult#resultType()}).
   */
  public Optional<Rfc8460ResultType> fixedResultType() {
    return Optional.ofNullable(fixedResultType);
  }

  /** Returns a short, stable code for the RFC 8460 {@code failure-reason-code} field. */
  public String reasonCode() {
    return reasonCode;
  }
}
