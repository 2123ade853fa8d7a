package io.github.dane4j.core;

import java.security.cert.CertificateException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link DaneTrustManager} when a secure TLSA RRset with usable records does not
 * authenticate the server's chain (RFC 7672 section 2.2). JSSE ends the handshake with an {@code
 * SSLHandshakeException} whose cause chain contains this exception, and {@link
 * #verificationResult()} then gives the reason, including the RFC 8460 result type.
 */
public final class DaneCertificateException extends CertificateException {
  private static final long serialVersionUID = 1L;

  // VerificationResult is not serializable, so the field is null after deserialization.
  private final transient @Nullable VerificationResult verificationResult;

  /** Creates an exception for a failed verification, with the result's reason and message. */
  public DaneCertificateException(VerificationResult verificationResult) {
    super(verificationResult.message());
    if (verificationResult.authenticated()) {
      throw new IllegalArgumentException(
          "A DaneCertificateException needs a failed verification result, but this one is"
              + " authenticated: "
              + verificationResult);
    }
    this.verificationResult = verificationResult;
  }

  /**
   * Returns the failed verification result.
   *
   * <p>The result is not serialized: after deserialization this method throws {@link
   * IllegalStateException}.
   *
   * @throws IllegalStateException if this exception was deserialized
   */
  public VerificationResult verificationResult() {
    if (verificationResult == null) {
      throw new IllegalStateException(
          "The verification result was not serialized with this exception, so only the message"
              + " is available");
    }
    return verificationResult;
  }
}
