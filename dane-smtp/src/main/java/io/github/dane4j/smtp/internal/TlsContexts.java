package io.github.dane4j.smtp.internal;

import io.github.dane4j.smtp.TlsProvider;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/** Creates client {@code SSLContext}s and TLS sockets for a {@link TlsProvider}. */
public final class TlsContexts {
  private static final String PROTOCOL = "TLS";
  private static final String SUNJSSE_NAME = "SunJSSE";

  private TlsContexts() {}

  /** Returns whether the provider can be used; see {@link TlsProvider#isAvailable()}. */
  public static boolean isAvailable(TlsProvider provider) {
    if (provider == TlsProvider.SUNJSSE) {
      return true;
    }
    return ConscryptAvailability.AVAILABLE;
  }

  /**
   * Checks that the provider supports every protocol and cipher suite named.
   *
   * @throws IllegalArgumentException naming the unsupported values and the supported ones
   * @throws IllegalStateException if the provider is not available
   */
  public static void checkSupported(
      TlsProvider provider, List<String> protocols, List<String> cipherSuites) {
    SSLContext context = newContext(provider, new TrustManager[0]);
    SSLParameters supported = context.getSupportedSSLParameters();
    checkNames("TLS protocol", protocols, Set.of(supported.getProtocols()), provider);
    checkNames("cipher suite", cipherSuites, Set.of(supported.getCipherSuites()), provider);

    // A protocol can be supported but off by default, such as TLSv1 under SunJSSE, which the
    // security property jdk.tls.disabledAlgorithms turns off. Enabling it would fail at handshake.
    Set<String> enabled = Set.of(context.getDefaultSSLParameters().getProtocols());
    List<String> disabled = protocols.stream().filter(p -> !enabled.contains(p)).toList();
    if (!disabled.isEmpty()) {
      throw new IllegalArgumentException(
          "The TLS provider "
              + provider
              + " supports but does not enable "
              + disabled
              + " by default (for SunJSSE, the security property jdk.tls.disabledAlgorithms"
              + " turns old versions off); choose from "
              + enabled.stream().sorted().toList());
    }
  }

  /**
   * Creates a new client context whose only trust manager is {@code trustManager} and which has no
   * key manager. A new context has an empty session cache, so the handshake cannot resume an
   * earlier session and skip the trust manager.
   *
   * @throws IllegalStateException if the provider is not available or offers no TLS context
   */
  public static SSLContext newContext(TlsProvider provider, X509ExtendedTrustManager trustManager) {
    return newContext(provider, new TrustManager[] {trustManager});
  }

  /**
   * Layers a client TLS socket over the connected {@code socket}, with SNI set to {@code
   * sniHostName} and the protocols and cipher suites enabled. Closing the TLS socket closes {@code
   * socket}.
   *
   * @param sniHostName the SNI host name, or null to send no SNI extension
   * @param cipherSuites the suites to enable, or an empty list for the provider's defaults
   * @throws IOException if the provider cannot create the socket
   */
  public static SSLSocket layer(
      SSLContext context,
      TlsProvider provider,
      Socket socket,
      @Nullable String sniHostName,
      List<String> protocols,
      List<String> cipherSuites)
      throws IOException {
    SSLSocketFactory factory = context.getSocketFactory();
    if (provider == TlsProvider.CONSCRYPT) {
      ConscryptSupport.useEngineSocket(factory);
    }
    // SunJSSE derives SNI from the host argument when it is a host name; an IP literal gives none.
    String peerHost = sniHostName != null ? sniHostName : socket.getInetAddress().getHostAddress();
    SSLSocket tlsSocket =
        (SSLSocket) factory.createSocket(socket, peerHost, socket.getPort(), true);
    tlsSocket.setUseClientMode(true);

    SSLParameters parameters = tlsSocket.getSSLParameters();
    // RFC 7672 section 8.1: the SNI name is the TLSA base domain. An empty list sends no SNI.
    parameters.setServerNames(
        sniHostName != null ? List.of(new SNIHostName(sniHostName)) : List.of());
    parameters.setProtocols(protocols.toArray(new String[0]));
    if (!cipherSuites.isEmpty()) {
      parameters.setCipherSuites(cipherSuites.toArray(new String[0]));
    }
    tlsSocket.setSSLParameters(parameters);
    return tlsSocket;
  }

  /**
   * Returns the socket factory of {@code context}, set up for {@code provider}: for Conscrypt, its
   * sockets run on Conscrypt's {@code SSLEngine}, which layering over a plain socket needs.
   */
  public static SSLSocketFactory socketFactory(SSLContext context, TlsProvider provider) {
    SSLSocketFactory factory = context.getSocketFactory();
    if (provider == TlsProvider.CONSCRYPT) {
      ConscryptSupport.useEngineSocket(factory);
    }
    return factory;
  }

  private static SSLContext newContext(TlsProvider provider, TrustManager[] trustManagers) {
    SSLContext context;
    try {
      context = SSLContext.getInstance(PROTOCOL, jsseProvider(provider));
      context.init(null, trustManagers, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The TLS provider " + provider + " cannot create a client TLS context", e);
    }
    return context;
  }

  private static Provider jsseProvider(TlsProvider provider) {
    if (provider == TlsProvider.SUNJSSE) {
      Provider sunJsse = java.security.Security.getProvider(SUNJSSE_NAME);
      if (sunJsse == null) {
        throw new IllegalStateException(
            "The JDK has no " + SUNJSSE_NAME + " provider; it is part of every standard JDK");
      }
      return sunJsse;
    }
    if (!ConscryptAvailability.AVAILABLE) {
      throw new IllegalStateException(
          "Conscrypt is not available: add org.conscrypt:conscrypt-openjdk-uber to the class path"
              + " (its native library must load on this platform)");
    }
    return ConscryptSupport.provider();
  }

  private static void checkNames(
      String what, List<String> names, Set<String> supported, TlsProvider provider) {
    List<String> unsupported = new ArrayList<>();
    for (String name : names) {
      if (!supported.contains(name)) {
        unsupported.add(name);
      }
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "Unsupported "
              + what
              + (unsupported.size() == 1 ? " " : "s ")
              + unsupported
              + " for the TLS provider "
              + provider
              + "; it supports "
              + supported.stream().sorted().toList());
    }
  }

  /** Whether Conscrypt's classes and native library load, checked once. */
  private static final class ConscryptAvailability {
    static final boolean AVAILABLE = check();

    private static boolean check() {
      try {
        return ConscryptSupport.isAvailable();
      } catch (LinkageError e) {
        // NoClassDefFoundError when the optional jar is missing, or a native library problem.
        return false;
      }
    }
  }
}
