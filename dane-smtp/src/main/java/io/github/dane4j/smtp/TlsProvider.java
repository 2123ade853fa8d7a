package io.github.dane4j.smtp;

import io.github.dane4j.smtp.internal.TlsContexts;

/**
 * The JSSE provider that runs the TLS handshake. The connector requests each {@code SSLContext}
 * from the chosen provider and never installs a provider globally.
 */
public enum TlsProvider {
  /** The JDK's own provider, {@code SunJSSE}. Always available. */
  SUNJSSE,
  /**
   * Conscrypt (BoringSSL), from the optional dependency {@code
   * org.conscrypt:conscrypt-openjdk-uber}. It needs that jar and a native library for the platform.
   * Version 2.5.2 ships them for Linux and macOS on x86-64 and for Windows on x86 and x86-64.
   * dane-smtp requires Conscrypt only statically, so on the module path add {@code --add-modules
   * org.conscrypt}.
   */
  CONSCRYPT;

  /**
   * Returns whether this provider can be used here: always for {@link #SUNJSSE}; for {@link
   * #CONSCRYPT} when its classes are present and its native library loads.
   */
  public boolean isAvailable() {
    return TlsContexts.isAvailable(this);
  }
}
