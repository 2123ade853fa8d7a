package io.github.dane4j.core;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The decision of a {@link DaneTrustManager} about one server certificate chain: which rule
 * applied, whether the chain was accepted, and the DANE verification result when DANE ran.
 *
 * <p>The outcome covers the certificate check only. A handshake whose chain was accepted can still
 * fail later, for example when the server cannot prove possession of the certificate's key
 * (CertificateVerify in TLS 1.3).
 *
 * <p>Instances are immutable.
 */
public final class DaneTrustOutcome {

  /** The RFC 7672 section 2.2 case that applied, and whether the chain was accepted. */
  public enum Mode {
    /** A usable TLSA record authenticated the chain. */
    AUTHENTICATED(true),
    /**
     * The chain was rejected: DANE verification failed, or the check itself was invalid (a
     * client-side call, a call without the connection, an empty chain).
     */
    FAILED(false),
    /**
     * The secure TLSA RRset contains no usable record, so any chain was accepted. TLS is still
     * required but the server is not authenticated (RFC 7672 section 2.2).
     */
    UNAUTHENTICATED_TLS(true),
    /**
     * DANE does not apply (insecure TLSA RRset, or a secure or insecure NODATA or NXDOMAIN) and no
     * PKIX delegate is set, so any chain was accepted, as in pre-DANE opportunistic TLS (RFC 7672
     * section 2.2).
     */
    DANE_NOT_APPLICABLE_ACCEPTED(true),
    /** DANE does not apply and the PKIX delegate accepted the chain. */
    PKIX_DELEGATE_ACCEPTED(true),
    /** DANE does not apply and the PKIX delegate rejected the chain. */
    PKIX_DELEGATE_FAILED(false);

    private final boolean accepted;

    Mode(boolean accepted) {
      this.accepted = accepted;
    }

    /** Returns whether the trust manager accepted the chain in this mode. */
    public boolean accepted() {
      return accepted;
    }
  }

  private final Mode mode;
  private final @Nullable VerificationResult verificationResult;
  private final List<X509Certificate> chain;
  // Built each time it is read, like the message of a VerificationResult, which it often is.
  private final Supplier<String> message;

  private DaneTrustOutcome(
      Mode mode,
      @Nullable VerificationResult verificationResult,
      List<X509Certificate> chain,
      Supplier<String> message) {
    this.mode = mode;
    this.verificationResult = verificationResult;
    this.chain = List.copyOf(chain);
    this.message = message;
  }

  static DaneTrustOutcome of(
      Mode mode,
      @Nullable VerificationResult verificationResult,
      List<X509Certificate> chain,
      Supplier<String> message) {
    return new DaneTrustOutcome(mode, verificationResult, chain, message);
  }

  /** Returns the mode. */
  public Mode mode() {
    return mode;
  }

  /** Returns whether the chain was accepted. */
  public boolean accepted() {
    return mode.accepted();
  }

  /**
   * Returns the DANE verification result. It is present when DANE verification ran: always for
   * {@link Mode#AUTHENTICATED} and {@link Mode#UNAUTHENTICATED_TLS}, and for {@link Mode#FAILED}
   * unless the check was rejected before verification.
   */
  public Optional<VerificationResult> verificationResult() {
    return Optional.ofNullable(verificationResult);
  }

  /** Returns the chain the server presented, leaf first. It is empty if none was passed. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** Returns an explanation for operators. */
  public String message() {
    return message.get();
  }

  @Override
  public String toString() {
    return mode + ": " + message();
  }
}
