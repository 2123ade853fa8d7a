package io.github.dane4j.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Creates JSSE client objects that use a {@link DaneTrustManager}, and sets the SNI extension to
 * the TLSA base domain (RFC 7672 section 8.1).
 *
 * <pre>{@code
 * SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, "mx.example.org");
 * try (SSLSocket socket =
 *     (SSLSocket) factory.createSocket(plainSocket, "mx.example.org", 25, true)) {
 *   socket.startHandshake();
 *   DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
 * }
 * }</pre>
 *
 * <h2>Session resumption</h2>
 *
 * <p>A resumed TLS session skips the trust manager, so a connection could be accepted on the
 * strength of an earlier check against TLSA records that have since changed. JSSE caches client
 * sessions per {@code SSLContext}, keyed by peer host and port, and resumes them for any socket or
 * engine created from the same context. A session cache size of 1 still keeps one resumable
 * session. This class therefore:
 *
 * <ul>
 *   <li>creates a new {@code SSLContext} on every call of {@link #sslContext}, whose cache can hold
 *       no session from an earlier context;
 *   <li>creates a new {@code SSLContext} for every socket that a {@link #socketFactory} creates, so
 *       two connections through the same factory never share a session cache;
 *   <li>sets the client session cache of each context to one entry with a timeout of one second.
 *       This only narrows the window for callers that create several connections from one context
 *       returned by {@link #sslContext}; it does not close it, so use each such context for one
 *       connection.
 * </ul>
 */
public final class DaneSsl {
  private static final String PROTOCOL = "TLS";

  private DaneSsl() {}

  /**
   * Creates a new client {@code SSLContext} ("TLS", default provider) whose only trust manager is
   * {@code trustManager} and which has no key manager (no client certificate). Use it for one
   * connection, as the class documentation on session resumption explains.
   *
   * @throws IllegalStateException if the default provider has no "TLS" context
   */
  public static SSLContext sslContext(DaneTrustManager trustManager) {
    return sslContext(trustManager, null);
  }

  /**
   * Creates a new client {@code SSLContext} ("TLS") from {@code provider}, or the default provider
   * when it is null, whose only trust manager is {@code trustManager}. Use it for one connection.
   *
   * @throws IllegalArgumentException if {@code provider} has no "TLS" context or rejects the trust
   *     manager
   * @throws IllegalStateException if the default provider has no "TLS" context
   */
  public static SSLContext sslContext(DaneTrustManager trustManager, @Nullable Provider provider) {
    SSLContext context;
    try {
      context =
          provider == null
              ? SSLContext.getInstance(PROTOCOL)
              : SSLContext.getInstance(PROTOCOL, provider);
    } catch (NoSuchAlgorithmException e) {
      if (provider == null) {
        throw new IllegalStateException("The default security provider offers no TLS context", e);
      }
      throw new IllegalArgumentException(
          "Invalid provider " + provider.getName() + ": it offers no \"TLS\" SSLContext", e);
    }

    try {
      context.init(null, new TrustManager[] {trustManager}, null);
    } catch (KeyManagementException e) {
      throw new IllegalArgumentException(
          "The SSLContext of provider "
              + context.getProvider().getName()
              + " rejected the DANE trust manager",
          e);
    }

    SSLSessionContext sessions = context.getClientSessionContext();
    if (sessions != null) {
      sessions.setSessionCacheSize(1);
      sessions.setSessionTimeout(1);
    }
    return context;
  }

  /**
   * Creates a socket factory whose sockets use a new {@code SSLContext} each (see the class
   * documentation) with {@code trustManager}, and send SNI set to {@code sniHostName}.
   *
   * @param sniHostName the TLSA base domain, an A-label host name, with or without a trailing dot,
   *     which is removed
   * @throws IllegalArgumentException if {@code sniHostName} is not a host name
   */
  public static SSLSocketFactory socketFactory(DaneTrustManager trustManager, String sniHostName) {
    String serverName = HostNameSyntax.requireHostName(sniHostName, "SNI host name");
    return new FreshContextSocketFactory(trustManager, serverName);
  }

  /**
   * Sets SNI on a client socket to {@code baseDomain} (RFC 7672 section 8.1). Call it before the
   * handshake starts. Other parameters, including the endpoint identification algorithm, are left
   * as they are.
   *
   * @param baseDomain the TLSA base domain, an A-label host name, with or without a trailing dot,
   *     which is removed
   * @throws IllegalArgumentException if {@code baseDomain} is not a host name or the socket is in
   *     server mode
   */
  public static void configure(SSLSocket socket, String baseDomain) {
    String serverName = HostNameSyntax.requireHostName(baseDomain, "TLSA base domain");
    if (!socket.getUseClientMode()) {
      throw new IllegalArgumentException(
          "Invalid SSLSocket: it is in server mode, but DANE sets SNI on client sockets only");
    }
    socket.setSSLParameters(withServerName(socket.getSSLParameters(), serverName));
  }

  /**
   * Sets SNI on a client engine to {@code baseDomain} (RFC 7672 section 8.1). Call it before the
   * handshake starts. Other parameters, including the endpoint identification algorithm, are left
   * as they are.
   *
   * @param baseDomain the TLSA base domain, an A-label host name, with or without a trailing dot,
   *     which is removed
   * @throws IllegalArgumentException if {@code baseDomain} is not a host name or the engine is in
   *     server mode
   */
  public static void configure(SSLEngine engine, String baseDomain) {
    String serverName = HostNameSyntax.requireHostName(baseDomain, "TLSA base domain");
    if (!engine.getUseClientMode()) {
      throw new IllegalArgumentException(
          "Invalid SSLEngine: it is in server mode, but DANE sets SNI on client engines only");
    }
    engine.setSSLParameters(withServerName(engine.getSSLParameters(), serverName));
  }

  private static SSLParameters withServerName(SSLParameters parameters, String serverName) {
    parameters.setServerNames(List.of(new SNIHostName(serverName)));
    return parameters;
  }

  /** Creates every socket from a new {@code SSLContext} and sets SNI on it. */
  private static final class FreshContextSocketFactory extends SSLSocketFactory {
    private final DaneTrustManager trustManager;
    private final String serverName;
    private final String[] defaultCipherSuites;
    private final String[] supportedCipherSuites;

    FreshContextSocketFactory(DaneTrustManager trustManager, String serverName) {
      this.trustManager = trustManager;
      this.serverName = serverName;
      SSLSocketFactory sample = sslContext(trustManager).getSocketFactory();
      this.defaultCipherSuites = sample.getDefaultCipherSuites();
      this.supportedCipherSuites = sample.getSupportedCipherSuites();
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return defaultCipherSuites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return supportedCipherSuites.clone();
    }

    @Override
    public Socket createSocket() throws IOException {
      return configured(freshFactory().createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return configured(freshFactory().createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configured(freshFactory().createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return configured(freshFactory().createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configured(freshFactory().createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return configured(freshFactory().createSocket(address, port, localAddress, localPort));
    }

    private SSLSocketFactory freshFactory() {
      return sslContext(trustManager).getSocketFactory();
    }

    private Socket configured(Socket socket) throws IOException {
      if (socket instanceof SSLSocket sslSocket) {
        configure(sslSocket, serverName);
        return sslSocket;
      }
      socket.close();
      throw new IllegalStateException(
          "The TLS provider returned a " + socket.getClass().getName() + ", not an SSLSocket");
    }
  }
}
