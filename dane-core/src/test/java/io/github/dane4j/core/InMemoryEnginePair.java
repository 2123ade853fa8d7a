package io.github.dane4j.core;

import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A client and a server {@link SSLEngine} connected through byte buffers in memory, so that a
 * handshake runs without sockets or threads.
 */
final class InMemoryEnginePair {
  private static final int MAX_ROUNDS = 100;

  private final SSLEngine client;
  private final SSLEngine server;
  private final ByteBuffer clientToServer;
  private final ByteBuffer serverToClient;
  private final ByteBuffer clientApplicationData;
  private final ByteBuffer serverApplicationData;
  private final ByteBuffer noApplicationData = ByteBuffer.allocate(0);

  InMemoryEnginePair(SSLEngine client, SSLEngine server) {
    this.client = client;
    this.server = server;
    int packetSize =
        Math.max(
            client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
    int applicationSize =
        Math.max(
            client.getSession().getApplicationBufferSize(),
            server.getSession().getApplicationBufferSize());
    this.clientToServer = ByteBuffer.allocate(packetSize * 4);
    this.serverToClient = ByteBuffer.allocate(packetSize * 4);
    this.clientApplicationData = ByteBuffer.allocate(applicationSize);
    this.serverApplicationData = ByteBuffer.allocate(applicationSize);
  }

  /**
   * Runs the handshake to completion.
   *
   * @throws SSLException the first exception either engine throws, such as the client's {@code
   *     SSLHandshakeException} when its trust manager rejects the server
   * @throws AssertionError if the handshake has not finished after {@value #MAX_ROUNDS} rounds
   */
  void handshake() throws SSLException {
    client.beginHandshake();
    server.beginHandshake();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      client.wrap(noApplicationData, clientToServer);
      runDelegatedTasks(client);
      server.wrap(noApplicationData, serverToClient);
      runDelegatedTasks(server);

      clientToServer.flip();
      server.unwrap(clientToServer, serverApplicationData);
      clientToServer.compact();
      runDelegatedTasks(server);

      serverToClient.flip();
      client.unwrap(serverToClient, clientApplicationData);
      serverToClient.compact();
      runDelegatedTasks(client);

      if (finished(client) && finished(server)) {
        return;
      }
    }
    throw new AssertionError("The in-memory handshake did not finish in " + MAX_ROUNDS + " rounds");
  }

  /** Returns the SNI host names the server engine received. */
  List<String> serverSniHostNames() {
    ExtendedSSLSession session = (ExtendedSSLSession) server.getSession();
    return session.getRequestedServerNames().stream()
        .filter(SNIHostName.class::isInstance)
        .map(SNIServerName::getEncoded)
        .map(encoded -> new SNIHostName(encoded).getAsciiName())
        .toList();
  }

  /** Returns the protocol the client negotiated. */
  String negotiatedProtocol() {
    return client.getSession().getProtocol();
  }

  private boolean finished(SSLEngine engine) {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NOT_HANDSHAKING
        && clientToServer.position() == 0
        && serverToClient.position() == 0;
  }

  private static void runDelegatedTasks(SSLEngine engine) {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
