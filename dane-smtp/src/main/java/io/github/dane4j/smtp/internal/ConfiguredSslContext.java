package io.github.dane4j.smtp.internal;

import io.github.dane4j.smtp.TlsProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A client {@code SSLContext} that enables only the configured protocol versions and cipher suites
 * on every socket and engine it creates and in its default parameters. JSSE has no way to set the
 * defaults of an existing context, so this context wraps an initialised one and applies the
 * settings to each object that passes through.
 */
public final class ConfiguredSslContext extends SSLContext {

  /**
   * Wraps {@code initialised}, which must already hold its trust manager.
   *
   * @param protocols the protocol versions to enable, such as {@code TLSv1.3}
   * @param cipherSuites the suites to enable, or an empty list for the provider's defaults
   */
  public ConfiguredSslContext(
      SSLContext initialised,
      TlsProvider provider,
      List<String> protocols,
      List<String> cipherSuites) {
    super(
        new Spi(initialised, provider, protocols, cipherSuites),
        initialised.getProvider(),
        initialised.getProtocol());
  }

  /** Restricts {@code parameters} to the protocols and, unless empty, the cipher suites. */
  static void restrict(SSLParameters parameters, List<String> protocols, List<String> suites) {
    parameters.setProtocols(protocols.toArray(new String[0]));
    if (!suites.isEmpty()) {
      parameters.setCipherSuites(suites.toArray(new String[0]));
    }
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final TlsProvider provider;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    Spi(SSLContext delegate, TlsProvider provider, List<String> protocols, List<String> suites) {
      this.delegate = delegate;
      this.provider = provider;
      this.protocols = List.copyOf(protocols);
      this.cipherSuites = List.copyOf(suites);
    }

    @Override
    protected void engineInit(
        KeyManager @Nullable [] keyManagers,
        TrustManager @Nullable [] trustManagers,
        @Nullable SecureRandom random)
        throws KeyManagementException {
      throw new KeyManagementException(
          "This context already holds the DANE trust manager of its host policy;"
              + " ask the policy for a new context instead of initialising this one");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new RestrictingSocketFactory(
          TlsContexts.socketFactory(delegate, provider), protocols, cipherSuites);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw new UnsupportedOperationException("A host policy's context is for clients only");
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return restricted(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(@Nullable String host, int port) {
      return restricted(delegate.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      SSLParameters parameters = delegate.getDefaultSSLParameters();
      restrict(parameters, protocols, cipherSuites);
      return parameters;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return delegate.getSupportedSSLParameters();
    }

    private SSLEngine restricted(SSLEngine engine) {
      SSLParameters parameters = engine.getSSLParameters();
      restrict(parameters, protocols, cipherSuites);
      engine.setSSLParameters(parameters);
      return engine;
    }
  }

  /** Applies the protocols and cipher suites to every socket of the wrapped factory. */
  private static final class RestrictingSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    RestrictingSocketFactory(
        SSLSocketFactory delegate, List<String> protocols, List<String> cipherSuites) {
      this.delegate = delegate;
      this.protocols = protocols;
      this.cipherSuites = cipherSuites;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return cipherSuites.isEmpty()
          ? delegate.getDefaultCipherSuites()
          : cipherSuites.toArray(new String[0]);
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return restricted(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return restricted(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return restricted(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return restricted(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return restricted(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return restricted(delegate.createSocket(address, port, localAddress, localPort));
    }

    private Socket restricted(Socket socket) throws IOException {
      if (!(socket instanceof SSLSocket sslSocket)) {
        socket.close();
        throw new IOException(
            "The TLS provider returned a " + socket.getClass().getName() + ", not an SSLSocket");
      }
      SSLParameters parameters = sslSocket.getSSLParameters();
      restrict(parameters, protocols, cipherSuites);
      sslSocket.setSSLParameters(parameters);
      return sslSocket;
    }
  }
}
