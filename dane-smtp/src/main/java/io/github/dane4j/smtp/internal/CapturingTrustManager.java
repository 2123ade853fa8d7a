package io.github.dane4j.smtp.internal;

import io.github.dane4j.core.DaneTrustManager;
import io.github.dane4j.core.DaneTrustOutcome;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Passes every check to a {@link DaneTrustManager} and keeps the outcome of the check for this
 * connection. The DANE trust manager reports only its most recent outcome, so the check and the
 * read of that outcome run under the trust manager's lock; connections that share a trust manager
 * then cannot swap outcomes.
 */
public final class CapturingTrustManager extends X509ExtendedTrustManager {
  private final DaneTrustManager delegate;
  private volatile @Nullable DaneTrustOutcome outcome;

  /** Creates a trust manager that passes checks to {@code delegate}. */
  public CapturingTrustManager(DaneTrustManager delegate) {
    this.delegate = delegate;
  }

  /** Returns the outcome of the last server check on this connection, or null before any. */
  public @Nullable DaneTrustOutcome outcome() {
    return outcome;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
      throws CertificateException {
    synchronized (delegate) {
      try {
        delegate.checkServerTrusted(chain, authType, socket);
      } finally {
        outcome = delegate.lastOutcome().orElse(null);
      }
    }
  }

  @Override
  public void checkServerTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
      throws CertificateException {
    synchronized (delegate) {
      try {
        delegate.checkServerTrusted(chain, authType, engine);
      } finally {
        outcome = delegate.lastOutcome().orElse(null);
      }
    }
  }

  /** Passes the call on; the DANE trust manager rejects checks without a connection. */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
