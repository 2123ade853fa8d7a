package io.github.dane4j.smtp;

import io.github.dane4j.core.DaneTrustOutcome;
import io.github.dane4j.core.FailureReason;
import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.smtp.internal.Attempt;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one {@link SmtpConnector#connect} call: whether a TLS session with a checked
 * certificate chain was established, and if not, why; what the server offered; the negotiated TLS
 * parameters; the presented chain; the DANE decision; and the transcript.
 *
 * <p>The attempt succeeded when the TLS handshake completed, the trust manager accepted the chain
 * and the server replied {@code 250} to EHLO inside TLS. Success does not mean that DANE
 * authenticated the server: {@link #daneAuthenticated()} reports that, and {@link #trustOutcome()}
 * reports which RFC 7672 section 2.2 case applied.
 *
 * <p>Instances are immutable.
 */
public final class SmtpConnectionResult {
  private final SmtpTarget target;
  private final TlsProvider tlsProvider;
  private final @Nullable FailureKind failure;
  private final String message;
  private final @Nullable String retryNote;
  private final boolean tlsNegotiationStarted;
  private final @Nullable SmtpReply greeting;
  private final boolean heloFallback;
  private final Set<String> capabilities;
  private final @Nullable SmtpReply starttlsReply;
  private final boolean tlsEstablished;
  private final @Nullable String tlsProtocol;
  private final @Nullable String cipherSuite;
  private final @Nullable String namedGroup;
  private final List<X509Certificate> presentedChain;
  private final @Nullable DaneTrustOutcome trustOutcome;
  private final Set<String> tlsCapabilities;
  private final List<TranscriptEntry> transcript;
  private final boolean transcriptTruncated;
  private final Duration elapsed;

  SmtpConnectionResult(SmtpTarget target, TlsProvider tlsProvider, Attempt attempt) {
    this(target, tlsProvider, attempt, null);
  }

  /**
   * Creates the result of an attempt; {@code retryNote}, when given, explains why this attempt
   * repeated an earlier one on another provider and starts the message.
   */
  SmtpConnectionResult(
      SmtpTarget target, TlsProvider tlsProvider, Attempt attempt, @Nullable String retryNote) {
    this.target = target;
    this.tlsProvider = tlsProvider;
    this.failure = attempt.failure();
    this.retryNote = retryNote;
    this.message = retryNote == null ? attempt.message() : retryNote + " " + attempt.message();
    this.tlsNegotiationStarted = attempt.tlsNegotiationStarted();
    this.greeting = attempt.greeting();
    this.heloFallback = attempt.heloFallback();
    this.capabilities = Set.copyOf(attempt.capabilities());
    this.starttlsReply = attempt.starttlsReply();
    this.tlsEstablished = attempt.tlsEstablished();
    this.tlsProtocol = attempt.tlsProtocol();
    this.cipherSuite = attempt.cipherSuite();
    this.namedGroup = attempt.namedGroup();
    this.presentedChain = List.copyOf(attempt.presentedChain());
    this.trustOutcome = attempt.trustOutcome();
    this.tlsCapabilities = Set.copyOf(attempt.tlsCapabilities());
    this.transcript = List.copyOf(attempt.transcript());
    this.transcriptTruncated = attempt.transcriptTruncated();
    this.elapsed = attempt.elapsed();
  }

  /** Returns the target that was checked. */
  public SmtpTarget target() {
    return target;
  }

  /** Returns the IP address and port connected to. */
  public InetSocketAddress address() {
    return target.address();
  }

  /** Returns the TLS mode. */
  public TlsMode tlsMode() {
    return target.tlsMode();
  }

  /** Returns the TLS provider that ran the handshake. */
  public TlsProvider tlsProvider() {
    return tlsProvider;
  }

  /**
   * Returns the SNI host name of the target, the TLSA base domain. The connector sends it in the
   * TLS handshake, so it was sent only when {@link #tlsProtocol()} is present or the handshake
   * failed; the JSON report leaves it out when no handshake began.
   */
  public String sniHostName() {
    return target.sniHostName();
  }

  /**
   * Returns the TLSA owner name for this connection, built from the port actually connected to (RFC
   * 7672 section 2.2.3), such as {@code _25._tcp.mx.example.org.}.
   */
  public String tlsaOwnerName() {
    return target.tlsaOwnerName();
  }

  /**
   * Returns whether TLS was established with a chain the trust manager accepted, and EHLO inside
   * TLS got the reply {@code 250}.
   */
  public boolean succeeded() {
    return failure == null;
  }

  /** Returns why the attempt failed, or empty when it succeeded. */
  public Optional<FailureKind> failure() {
    return Optional.ofNullable(failure);
  }

  /** Returns an explanation of the outcome for operators. */
  public String message() {
    return message;
  }

  /** Returns why the connection was made again on SunJSSE, or empty when it was made once. */
  Optional<String> retryNote() {
    return Optional.ofNullable(retryNote);
  }

  /**
   * Returns the RFC 8460 result type of the failure, or empty when the attempt succeeded or failed
   * before TLS negotiation started.
   *
   * <ul>
   *   <li>{@link FailureKind#DANE_VERIFICATION_FAILED}: the type of the DANE verification result,
   *       such as {@code certificate-host-mismatch} or {@code certificate-not-trusted}.
   *   <li>Kinds with a {@linkplain FailureKind#fixedResultType() fixed type}: that type, such as
   *       {@code starttls-not-supported} for {@link FailureKind#NO_STARTTLS}.
   *   <li>Other kinds (timeouts, closed connections, malformed or oversized replies, a refused
   *       greeting or EHLO): {@code validation-failure} once TLS negotiation had started (the
   *       STARTTLS command was sent, or for implicit TLS the handshake began), else empty, because
   *       a failure before that is not a TLS failure and RFC 8460 section 4.3.4 does not require
   *       transient network errors to be reported.
   * </ul>
   */
  public Optional<Rfc8460ResultType> resultType() {
    FailureKind kind = failure;
    if (kind == null) {
      return Optional.empty();
    }
    if (kind == FailureKind.DANE_VERIFICATION_FAILED) {
      Optional<Rfc8460ResultType> daneType = verificationResult().flatMap(r -> r.resultType());
      if (daneType.isPresent()) {
        return daneType;
      }
    }
    Optional<Rfc8460ResultType> fixed = kind.fixedResultType();
    if (fixed.isPresent()) {
      return fixed;
    }
    return tlsNegotiationStarted
        ? Optional.of(Rfc8460ResultType.VALIDATION_FAILURE)
        : Optional.empty();
  }

  /**
   * Returns whether a TLS handshake began: for STARTTLS after a {@code 220} reply to the command,
   * for implicit TLS once the connection was open.
   */
  boolean handshakeAttempted() {
    if (!tlsNegotiationStarted) {
      return false;
    }
    return target.tlsMode() == TlsMode.IMPLICIT_TLS
        || starttlsReply().map(reply -> reply.code() == 220).orElse(false);
  }

  /**
   * Returns a code for the RFC 8460 {@code failure-reason-code} field: for a DANE failure the
   * verification result's code (such as {@code dane-no-match}), else {@link
   * FailureKind#reasonCode()}. Empty when the attempt succeeded.
   */
  public Optional<String> failureReasonCode() {
    FailureKind kind = failure;
    if (kind == null) {
      return Optional.empty();
    }
    if (kind == FailureKind.DANE_VERIFICATION_FAILED) {
      Optional<String> daneCode =
          verificationResult().flatMap(VerificationResult::failure).map(FailureReason::reasonCode);
      if (daneCode.isPresent()) {
        return daneCode;
      }
    }
    return Optional.of(kind.reasonCode());
  }

  /** Returns the greeting, or empty if none was read. */
  public Optional<SmtpReply> greeting() {
    return Optional.ofNullable(greeting);
  }

  /** Returns whether the server rejected EHLO and the connector fell back to HELO. */
  public boolean heloFallback() {
    return heloFallback;
  }

  /**
   * Returns the EHLO keywords the server listed before TLS, in upper case, such as {@code STARTTLS}
   * and {@code PIPELINING}. Empty for implicit TLS and after a HELO fallback.
   */
  public Set<String> capabilities() {
    return capabilities;
  }

  /** Returns whether the EHLO reply before TLS listed STARTTLS. */
  public boolean starttlsOffered() {
    return capabilities.contains("STARTTLS");
  }

  /**
   * Returns the reply to STARTTLS: {@code 220} when the server agreed, or the reply that refused
   * it, such as {@code 454}. Empty when STARTTLS was not sent.
   */
  public Optional<SmtpReply> starttlsReply() {
    return Optional.ofNullable(starttlsReply);
  }

  /** Returns whether the TLS handshake completed. */
  public boolean tlsEstablished() {
    return tlsEstablished;
  }

  /** Returns the negotiated protocol version, such as {@code TLSv1.3}, if TLS was established. */
  public Optional<String> tlsProtocol() {
    return Optional.ofNullable(tlsProtocol);
  }

  /** Returns the negotiated cipher suite, if TLS was established. */
  public Optional<String> cipherSuite() {
    return Optional.ofNullable(cipherSuite);
  }

  /**
   * Returns the IANA name of the key exchange group, such as {@code x25519}, {@code secp256r1} or
   * {@code X25519MLKEM768}, or {@code 0x} and four hex digits for a group without a known name.
   *
   * <p>Neither SunJSSE on JDK 17 nor Conscrypt 2.5.2 returns the group through a public API, so the
   * connector reads it from the server's plaintext handshake records: the ServerHello's {@code
   * key_share} in TLS 1.3 (RFC 8446 section 4.2.8), the ServerKeyExchange of an ECDHE cipher suite
   * in TLS 1.2 (RFC 8422 section 5.4). Empty when TLS was not established, for TLS 1.2 key
   * exchanges that name no group (RSA, finite-field DHE), and when the TLS 1.2 certificate chain
   * before the ServerKeyExchange exceeds the 16 KiB the connector keeps of the handshake.
   */
  public Optional<String> namedGroup() {
    return Optional.ofNullable(namedGroup);
  }

  /**
   * Returns the chain the server presented, leaf first: from the TLS session after a completed
   * handshake, or the chain the trust manager saw when the handshake failed after it. Empty when no
   * chain was received.
   */
  public List<X509Certificate> presentedChain() {
    if (!presentedChain.isEmpty() || trustOutcome == null) {
      return presentedChain;
    }
    return trustOutcome.chain();
  }

  /**
   * Returns what the DANE trust manager decided about the chain on this connection, or empty if the
   * handshake did not get that far.
   */
  public Optional<DaneTrustOutcome> trustOutcome() {
    return Optional.ofNullable(trustOutcome);
  }

  /** Returns the DANE verification result, when DANE verification ran on this connection. */
  public Optional<VerificationResult> verificationResult() {
    return trustOutcome().flatMap(DaneTrustOutcome::verificationResult);
  }

  /**
   * Returns whether the attempt succeeded and a usable TLSA record authenticated the server (RFC
   * 7672 section 3.2).
   */
  public boolean daneAuthenticated() {
    return succeeded()
        && trustOutcome != null
        && trustOutcome.mode() == DaneTrustOutcome.Mode.AUTHENTICATED;
  }

  /**
   * Returns the EHLO keywords the server listed inside TLS, in upper case. They replace the list
   * from before TLS (RFC 3207 section 4.2).
   */
  public Set<String> tlsCapabilities() {
    return tlsCapabilities;
  }

  /**
   * Returns the commands sent and the reply lines received, in order, at most 256 lines of at most
   * 512 characters. The connector sends no message content and no credentials.
   */
  public List<TranscriptEntry> transcript() {
    return transcript;
  }

  /** Returns whether transcript lines were dropped or shortened to keep it bounded. */
  public boolean transcriptTruncated() {
    return transcriptTruncated;
  }

  /** Returns the time from the start of the connect until the socket was closed. */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    return target
        + ": "
        + (failure == null ? "succeeded" : "failed (" + failure + ")")
        + ": "
        + message;
  }
}
