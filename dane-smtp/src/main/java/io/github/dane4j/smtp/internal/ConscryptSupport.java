package io.github.dane4j.smtp.internal;

import java.security.Provider;
import javax.net.ssl.SSLSocketFactory;
import org.conscrypt.Conscrypt;

/**
 * The only class that refers to Conscrypt. The JVM loads it, and with it Conscrypt, only when
 * {@link io.github.dane4j.smtp.TlsProvider#CONSCRYPT} is used, so dane-smtp runs without the
 * optional Conscrypt jar.
 */
final class ConscryptSupport {
  private ConscryptSupport() {}

  /** Returns whether Conscrypt's native library loaded. */
  static boolean isAvailable() {
    return Conscrypt.isAvailable();
  }

  /** Returns the shared Conscrypt provider instance; it is never installed in {@code Security}. */
  static Provider provider() {
    return ProviderHolder.PROVIDER;
  }

  /**
   * Makes the factory's sockets run on Conscrypt's {@code SSLEngine}. The other socket type needs
   * the file descriptor of the plain socket, which it reaches only through JDK internals.
   */
  static void useEngineSocket(SSLSocketFactory factory) {
    Conscrypt.setUseEngineSocket(factory, true);
  }

  private static final class ProviderHolder {
    static final Provider PROVIDER = Conscrypt.newProvider();
  }
}
