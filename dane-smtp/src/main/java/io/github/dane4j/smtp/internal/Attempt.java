package io.github.dane4j.smtp.internal;

import io.github.dane4j.core.DaneTrustOutcome;
import io.github.dane4j.smtp.FailureKind;
import io.github.dane4j.smtp.SmtpReply;
import io.github.dane4j.smtp.TranscriptEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The observations of {@link SmtpSession} on one connection. The session fills it from one thread;
 * the public result copies it once the session has ended.
 */
public final class Attempt {
  private @Nullable FailureKind failure;
  private String message = "";
  private boolean tlsNegotiationStarted;
  private @Nullable SmtpReply greeting;
  private boolean heloFallback;
  private Set<String> capabilities = Set.of();
  private @Nullable SmtpReply starttlsReply;
  private boolean tlsEstablished;
  private @Nullable String tlsProtocol;
  private @Nullable String cipherSuite;
  private @Nullable String namedGroup;
  private List<X509Certificate> presentedChain = List.of();
  private @Nullable DaneTrustOutcome trustOutcome;
  private Set<String> tlsCapabilities = Set.of();
  private List<TranscriptEntry> transcript = List.of();
  private boolean transcriptTruncated;
  private Duration elapsed = Duration.ZERO;
  private boolean helloRejected;

  Attempt() {}

  /**
   * Returns whether, under Conscrypt, the server rejected the TLS hello with a handshake_failure or
   * insufficient_security alert before sending a certificate. A server that offers only
   * finite-field Diffie-Hellman, which BoringSSL lacks, does so.
   */
  public boolean helloRejected() {
    return helloRejected;
  }

  /** Returns the failure, or null when the attempt succeeded. */
  public @Nullable FailureKind failure() {
    return failure;
  }

  /** Returns the explanation of the outcome. */
  public String message() {
    return message;
  }

  /** Returns whether STARTTLS was sent or, for implicit TLS, the handshake began. */
  public boolean tlsNegotiationStarted() {
    return tlsNegotiationStarted;
  }

  /** Returns the greeting, or null if none was read. */
  public @Nullable SmtpReply greeting() {
    return greeting;
  }

  /** Returns whether EHLO was rejected and HELO was accepted instead. */
  public boolean heloFallback() {
    return heloFallback;
  }

  /** Returns the EHLO keywords before TLS, upper case. */
  public Set<String> capabilities() {
    return capabilities;
  }

  /** Returns the reply to STARTTLS, or null if it was not sent or no reply came. */
  public @Nullable SmtpReply starttlsReply() {
    return starttlsReply;
  }

  /** Returns whether the TLS handshake completed. */
  public boolean tlsEstablished() {
    return tlsEstablished;
  }

  /** Returns the negotiated TLS protocol, or null. */
  public @Nullable String tlsProtocol() {
    return tlsProtocol;
  }

  /** Returns the negotiated cipher suite, or null. */
  public @Nullable String cipherSuite() {
    return cipherSuite;
  }

  /** Returns the key exchange group read from the handshake, or null if none was found. */
  public @Nullable String namedGroup() {
    return namedGroup;
  }

  /** Returns the chain the server presented, leaf first, or an empty list. */
  public List<X509Certificate> presentedChain() {
    return presentedChain;
  }

  /** Returns the trust manager's outcome for this connection, or null if it was not called. */
  public @Nullable DaneTrustOutcome trustOutcome() {
    return trustOutcome;
  }

  /** Returns the EHLO keywords inside TLS, upper case. */
  public Set<String> tlsCapabilities() {
    return tlsCapabilities;
  }

  /** Returns the transcript. */
  public List<TranscriptEntry> transcript() {
    return transcript;
  }

  /** Returns whether transcript lines were dropped or shortened. */
  public boolean transcriptTruncated() {
    return transcriptTruncated;
  }

  /** Returns the time from the start of the connect to the closed socket. */
  public Duration elapsed() {
    return elapsed;
  }

  void markHelloRejected() {
    this.helloRejected = true;
  }

  void fail(FailureKind kind, String failureMessage) {
    this.failure = kind;
    this.message = failureMessage;
  }

  void succeed(String successMessage) {
    this.message = successMessage;
  }

  void markTlsNegotiationStarted() {
    this.tlsNegotiationStarted = true;
  }

  void greeting(SmtpReply reply) {
    this.greeting = reply;
  }

  void heloFallback(boolean fallback) {
    this.heloFallback = fallback;
  }

  void capabilities(Set<String> keywords) {
    this.capabilities = Set.copyOf(keywords);
  }

  void starttlsReply(SmtpReply reply) {
    this.starttlsReply = reply;
  }

  void tlsEstablished(String protocol, String suite, @Nullable String group) {
    this.tlsEstablished = true;
    this.tlsProtocol = protocol;
    this.cipherSuite = suite;
    this.namedGroup = group;
  }

  void presentedChain(List<X509Certificate> chain) {
    this.presentedChain = List.copyOf(chain);
  }

  void trustOutcome(@Nullable DaneTrustOutcome outcome) {
    this.trustOutcome = outcome;
  }

  void tlsCapabilities(Set<String> keywords) {
    this.tlsCapabilities = Set.copyOf(keywords);
  }

  void finish(Transcript lines, Duration time) {
    this.transcript = lines.entries();
    this.transcriptTruncated = lines.truncated();
    this.elapsed = time;
  }
}
