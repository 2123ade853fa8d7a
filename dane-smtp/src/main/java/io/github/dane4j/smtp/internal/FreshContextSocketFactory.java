package io.github.dane4j.smtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A socket factory that takes every socket from a new {@code SSLContext}, so that no two
 * connections share a session cache and no session is resumed without a trust manager check, and
 * that sets SNI on each socket before the handshake.
 */
public final class FreshContextSocketFactory extends SSLSocketFactory {
  private final Supplier<SSLSocketFactory> factories;
  private final @Nullable String sniHostName;
  private final String[] defaultCipherSuites;
  private final String[] supportedCipherSuites;

  /**
   * Creates a factory.
   *
   * @param factories returns the socket factory of a new context on each call
   * @param sniHostName the SNI host name, or null to send none
   */
  public FreshContextSocketFactory(
      Supplier<SSLSocketFactory> factories, @Nullable String sniHostName) {
    this.factories = factories;
    this.sniHostName = sniHostName;
    SSLSocketFactory sample = factories.get();
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
    return configured(fresh().createSocket());
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return configured(fresh().createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return configured(fresh().createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return configured(fresh().createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return configured(fresh().createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return configured(fresh().createSocket(address, port, localAddress, localPort));
  }

  private SSLSocketFactory fresh() {
    return factories.get();
  }

  private Socket configured(Socket socket) throws IOException {
    if (!(socket instanceof SSLSocket sslSocket)) {
      socket.close();
      throw new IOException(
          "The TLS provider returned a " + socket.getClass().getName() + ", not an SSLSocket");
    }
    SSLParameters parameters = sslSocket.getSSLParameters();
    // RFC 7672 section 8.1: the SNI name is the TLSA base domain. An empty list sends no SNI.
    String sni = sniHostName;
    parameters.setServerNames(sni != null ? List.of(new SNIHostName(sni)) : List.of());
    sslSocket.setSSLParameters(parameters);
    return sslSocket;
  }
}
