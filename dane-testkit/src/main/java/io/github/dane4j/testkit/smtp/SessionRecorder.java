package io.github.dane4j.testkit.smtp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mutable record of one connection. The connection thread writes it, the SNI matcher runs on
 * the same thread during the handshake, and test threads read it through {@link #snapshot()}; every
 * method is synchronized.
 */
final class SessionRecorder {
  private final InetSocketAddress clientAddress;
  private @Nullable String sniHostName;
  private final List<String> commands = new ArrayList<>();
  private final List<String> ehloNames = new ArrayList<>();
  private boolean tlsNegotiated;
  private @Nullable String tlsProtocol;
  private @Nullable String tlsCipherSuite;
  private @Nullable String tlsFailure;
  private int bytesDiscardedAfterStarttls;
  private int messageCount;
  private long messageBytes;
  private boolean ended;

  SessionRecorder(InetSocketAddress clientAddress) {
    this.clientAddress = clientAddress;
  }

  synchronized void sniHostName(String name) {
    sniHostName = name;
  }

  synchronized void command(String line) {
    if (commands.size() < TestSmtpServer.MAX_RECORDED_COMMANDS) {
      commands.add(line);
    }
  }

  synchronized void ehloName(String name) {
    if (ehloNames.size() < TestSmtpServer.MAX_RECORDED_COMMANDS) {
      ehloNames.add(name);
    }
  }

  synchronized void tlsNegotiated(String protocol, String cipherSuite) {
    tlsNegotiated = true;
    tlsProtocol = protocol;
    tlsCipherSuite = cipherSuite;
  }

  synchronized void tlsFailure(String message) {
    tlsFailure = message;
  }

  synchronized void bytesDiscardedAfterStarttls(int count) {
    bytesDiscardedAfterStarttls += count;
  }

  synchronized void message(long bytes) {
    messageCount++;
    messageBytes += bytes;
  }

  synchronized void ended() {
    ended = true;
  }

  synchronized boolean isEnded() {
    return ended;
  }

  synchronized SmtpSession snapshot() {
    return new SmtpSession(
        clientAddress,
        sniHostName,
        commands,
        ehloNames,
        tlsNegotiated,
        tlsProtocol,
        tlsCipherSuite,
        tlsFailure,
        bytesDiscardedAfterStarttls,
        messageCount,
        messageBytes,
        ended);
  }
}
