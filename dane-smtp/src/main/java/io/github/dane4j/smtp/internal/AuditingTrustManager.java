package io.github.dane4j.smtp.internal;

import io.github.dane4j.core.DaneCertificateException;
import io.github.dane4j.core.DaneTrustManager;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager for audit-only mode (RFC 7672 section 9.1): it runs the DANE check of its
 * delegate and accepts a chain that fails DANE verification, so that delivery goes on at reduced
 * security. Failures other than a DANE verification failure, such as a call without a connection,
 * still reject the chain. The delegate's {@link DaneTrustManager#lastOutcome()} keeps the outcome.
 */
public final class AuditingTrustManager extends X509ExtendedTrustManager {
  private static final System.Logger LOGGER =
      System.getLogger(AuditingTrustManager.class.getName());

  private final DaneTrustManager delegate;

  /** Wraps {@code delegate}. */
  public AuditingTrustManager(DaneTrustManager delegate) {
    this.delegate = delegate;
  }

  /** Returns the DANE trust manager whose outcome this one reports. */
  public DaneTrustManager delegate() {
    return delegate;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (DaneCertificateException e) {
      logAccepted(e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (DaneCertificateException e) {
      logAccepted(e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
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

  private void logAccepted(DaneCertificateException e) {
    LOGGER.log(
        Level.DEBUG,
        "Audit-only mode accepted a chain that failed DANE verification for {0}: {1}",
        delegate.referenceNames().get(0),
        e.getMessage());
  }
}
