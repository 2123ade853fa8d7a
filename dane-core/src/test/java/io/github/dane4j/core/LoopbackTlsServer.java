package io.github.dane4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A TLS server on 127.0.0.1 with an ephemeral port. For each connection it completes the handshake,
 * records the SNI host name the client sent, writes one byte and waits for the client to close.
 * Every socket operation is bounded by {@link #TIMEOUT_MILLIS}.
 */
final class LoopbackTlsServer implements AutoCloseable {
  static final int TIMEOUT_MILLIS = 10_000;

  /** What the server saw on one connection: the SNI host names, or the handshake failure. */
  record Connection(List<String> sniHostNames, @Nullable IOException failure) {
    boolean handshakeCompleted() {
      return failure == null;
    }
  }

  private final SSLServerSocket serverSocket;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();

  private LoopbackTlsServer(SSLServerSocket serverSocket) {
    this.serverSocket = serverSocket;
  }

  /** Starts a server with {@code context}, offering only {@code protocols} if any are given. */
  static LoopbackTlsServer start(SSLContext context, String... protocols) throws IOException {
    SSLServerSocket socket =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout(TIMEOUT_MILLIS);
    if (protocols.length > 0) {
      socket.setEnabledProtocols(protocols);
    }
    LoopbackTlsServer server = new LoopbackTlsServer(socket);
    server.executor.execute(server::acceptLoop);
    return server;
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort());
  }

  /** Waits for the next connection to finish its handshake, or fail it. */
  Connection nextConnection() throws InterruptedException {
    Connection connection = connections.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    if (connection == null) {
      throw new AssertionError("No connection reached the server within " + TIMEOUT_MILLIS + " ms");
    }
    return connection;
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
        serve(socket);
      } catch (SocketException e) {
        return; // the server socket was closed
      } catch (IOException e) {
        // An accept timeout: keep waiting until close().
      }
    }
  }

  private void serve(SSLSocket socket) throws IOException {
    socket.setSoTimeout(TIMEOUT_MILLIS);
    try {
      socket.startHandshake();
    } catch (IOException e) {
      connections.add(new Connection(List.of(), e));
      return;
    }
    ExtendedSSLSession session = (ExtendedSSLSession) socket.getSession();
    List<String> names =
        session.getRequestedServerNames().stream()
            .filter(SNIHostName.class::isInstance)
            .map(SNIServerName::getEncoded)
            .map(encoded -> new SNIHostName(encoded).getAsciiName())
            .toList();
    connections.add(new Connection(names, null));
    try {
      socket.getOutputStream().write(1);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // Drain until the client closes.
      }
    } catch (IOException e) {
      // The client may close abruptly; the handshake result is already recorded.
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
