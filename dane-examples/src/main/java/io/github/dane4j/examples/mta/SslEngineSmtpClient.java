package io.github.dane4j.examples.mta;

import io.github.dane4j.smtp.HostPolicy;
import io.github.dane4j.smtp.TlsPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * An MTA-style SMTP client on {@link SSLEngine} and a non-blocking {@link SocketChannel}: it
 * connects, reads the greeting, sends EHLO and STARTTLS, runs the TLS handshake with the engine
 * that {@link HostPolicy#sslEngine} returns, sends EHLO again inside TLS and QUIT. An MTA would
 * send the message between the second EHLO and QUIT; this example stops there.
 *
 * <pre>{@code
 * HostPolicy policy = verifier.hostPolicy("mx.example.org", "example.org");
 * SslEngineSmtpClient.Session session =
 *     SslEngineSmtpClient.probe(policy, policy.addresses().get(0), "client.example.net",
 *         Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>The engine's trust manager decides DANE: when the policy requires authentication, the
 * handshake fails with an {@link SSLException} unless the chain matches the TLSA records.
 */
public final class SslEngineSmtpClient implements AutoCloseable {
  private static final int MAX_REPLY_LINES = 100;
  private static final int MAX_LINE_BYTES = 512;

  private final SocketChannel channel;
  private final Selector selector;
  private final Instant deadline;
  private final ByteBuffer plainIn = ByteBuffer.allocate(16 * 1024);
  private @Nullable SSLEngine engine;
  private ByteBuffer netIn = ByteBuffer.allocate(0);
  private ByteBuffer appIn = ByteBuffer.allocate(0);

  /**
   * The observations of one SMTP session.
   *
   * @param greeting the server's greeting lines
   * @param starttlsOffered whether the first EHLO reply listed STARTTLS
   * @param tlsProtocol the negotiated TLS protocol, or null when TLS was not used
   * @param ehloAfterTls the EHLO reply lines inside TLS; empty when TLS was not used
   */
  public record Session(
      List<String> greeting,
      boolean starttlsOffered,
      @Nullable String tlsProtocol,
      List<String> ehloAfterTls) {
    /** Copies the lists. */
    public Session {
      greeting = List.copyOf(greeting);
      ehloAfterTls = List.copyOf(ehloAfterTls);
    }
  }

  private SslEngineSmtpClient(SocketChannel channel, Selector selector, Instant deadline) {
    this.channel = channel;
    this.selector = selector;
    this.deadline = deadline;
  }

  /**
   * Runs one SMTP session up to the second EHLO and ends it with QUIT.
   *
   * @param timeout the time limit of the whole session
   * @throws SSLException if the handshake fails, for example because DANE rejects the chain
   * @throws IOException if the connection fails, times out, the server rejects a command, or it
   *     lacks STARTTLS although the policy requires TLS (RFC 7672 section 2.2)
   * @throws IllegalStateException if the policy is {@link TlsPolicy#UNREACHABLE}
   */
  public static Session probe(
      HostPolicy policy, InetAddress address, String ehloName, Duration timeout)
      throws IOException {
    if (policy.tlsPolicy() == TlsPolicy.UNREACHABLE) {
      throw new IllegalStateException(
          "Host " + policy.host() + " must not be used: " + policy.reason());
    }
    Instant deadline = Instant.now().plus(timeout);
    SocketChannel channel = SocketChannel.open();
    try (SslEngineSmtpClient client = new SslEngineSmtpClient(channel, Selector.open(), deadline)) {
      client.connect(new InetSocketAddress(address, policy.port()));
      return client.run(policy, address, ehloName);
    }
  }

  private Session run(HostPolicy policy, InetAddress address, String ehloName) throws IOException {
    List<String> greeting = expect(readReply(), "220", "greeting");
    send("EHLO " + ehloName);
    List<String> ehlo = expect(readReply(), "250", "EHLO");
    boolean starttls = ehlo.stream().skip(1).anyMatch(line -> keyword(line).equals("STARTTLS"));
    if (!starttls) {
      if (policy.tlsPolicy().tlsRequired()) {
        throw new IOException(
            "The server does not offer STARTTLS, but TLS is required (RFC 7672 section 2.2)");
      }
      send("QUIT");
      return new Session(greeting, false, null, List.of());
    }
    send("STARTTLS");
    expect(readReply(), "220", "STARTTLS");
    if (plainIn.position() > 0) {
      // Bytes after the 220 arrived in cleartext and could be an attacker's (CVE-2011-0411).
      throw new IOException("The server sent data after its STARTTLS reply; aborting");
    }

    SSLEngine tls = policy.sslEngine(address.getHostAddress(), policy.port());
    engine = tls;
    netIn = ByteBuffer.allocate(tls.getSession().getPacketBufferSize());
    appIn = ByteBuffer.allocate(tls.getSession().getApplicationBufferSize());
    tls.beginHandshake();
    handshake(tls);
    // RFC 3207 section 4.2: forget what was learned in cleartext and ask again.
    send("EHLO " + ehloName);
    List<String> ehloAfterTls = expect(readReply(), "250", "EHLO after STARTTLS");
    send("QUIT");
    return new Session(greeting, true, tls.getSession().getProtocol(), ehloAfterTls);
  }

  private void connect(InetSocketAddress address) throws IOException {
    channel.configureBlocking(false);
    if (!channel.connect(address)) {
      channel.register(selector, SelectionKey.OP_CONNECT);
      await();
      channel.finishConnect();
    }
  }

  private void handshake(SSLEngine tls) throws IOException {
    ByteBuffer empty = ByteBuffer.allocate(0);
    HandshakeStatus status = tls.getHandshakeStatus();
    while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
      switch (status) {
        case NEED_WRAP -> {
          ByteBuffer out = ByteBuffer.allocate(tls.getSession().getPacketBufferSize());
          SSLEngineResult result = tls.wrap(empty, out);
          writeFully(out.flip());
          status = result.getHandshakeStatus();
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          netIn.flip();
          SSLEngineResult result = tls.unwrap(netIn, appIn);
          netIn.compact();
          if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            readSome(netIn);
          }
          status = result.getHandshakeStatus();
        }
        case NEED_TASK -> {
          for (Runnable task = tls.getDelegatedTask();
              task != null;
              task = tls.getDelegatedTask()) {
            task.run();
          }
          status = tls.getHandshakeStatus();
        }
        default -> throw new IllegalStateException("Unexpected handshake status " + status);
      }
    }
  }

  private void send(String command) throws IOException {
    ByteBuffer line = ByteBuffer.wrap((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    SSLEngine tls = engine;
    if (tls == null) {
      writeFully(line);
      return;
    }
    ByteBuffer out = ByteBuffer.allocate(tls.getSession().getPacketBufferSize());
    tls.wrap(line, out);
    writeFully(out.flip());
  }

  /** Reads one reply, which may span several lines; RFC 5321 section 4.2.1. */
  private List<String> readReply() throws IOException {
    List<String> lines = new ArrayList<>();
    while (lines.size() < MAX_REPLY_LINES) {
      String line = readLine();
      lines.add(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return lines;
      }
    }
    throw new IOException("The server's reply has more than " + MAX_REPLY_LINES + " lines");
  }

  private String readLine() throws IOException {
    ByteBuffer source = engine == null ? plainIn : appIn;
    while (true) {
      for (int i = 1; i < source.position(); i++) {
        if (source.get(i - 1) == '\r' && source.get(i) == '\n') {
          byte[] bytes = new byte[i - 1];
          source.flip();
          source.get(bytes);
          source.position(source.position() + 2);
          source.compact();
          return new String(bytes, StandardCharsets.US_ASCII);
        }
      }
      if (source.position() > MAX_LINE_BYTES) {
        throw new IOException("The server sent a line longer than " + MAX_LINE_BYTES + " bytes");
      }
      fill();
    }
  }

  /** Reads more application bytes: plain bytes before STARTTLS, decrypted bytes after. */
  private void fill() throws IOException {
    SSLEngine tls = engine;
    if (tls == null) {
      readSome(plainIn);
      return;
    }
    netIn.flip();
    SSLEngineResult result = tls.unwrap(netIn, appIn);
    netIn.compact();
    // TLS 1.3 servers send post-handshake messages (session tickets) that produce no data.
    for (Runnable task = tls.getDelegatedTask(); task != null; task = tls.getDelegatedTask()) {
      task.run();
    }
    switch (result.getStatus()) {
      case CLOSED -> throw new IOException("The server closed the TLS connection");
      case BUFFER_OVERFLOW ->
          throw new IOException("The server sent more data than one reply can hold");
      case BUFFER_UNDERFLOW -> readSome(netIn);
      case OK -> {
        if (result.bytesProduced() == 0 && netIn.position() == 0) {
          readSome(netIn);
        }
      }
    }
  }

  private void readSome(ByteBuffer target) throws IOException {
    while (true) {
      int read = channel.read(target);
      if (read < 0) {
        throw new IOException("The server closed the connection");
      }
      if (read > 0) {
        return;
      }
      channel.register(selector, SelectionKey.OP_READ);
      await();
    }
  }

  private void writeFully(ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      if (channel.write(data) == 0) {
        channel.register(selector, SelectionKey.OP_WRITE);
        await();
      }
    }
  }

  /** Waits until the registered operation is ready or the session's deadline passes. */
  private void await() throws IOException {
    long millis = Duration.between(Instant.now(), deadline).toMillis();
    if (millis <= 0 || selector.select(millis) == 0) {
      throw new SocketTimeoutException("The SMTP session did not finish in time");
    }
    selector.selectedKeys().clear();
  }

  private static List<String> expect(List<String> reply, String code, String step)
      throws IOException {
    if (!reply.get(0).startsWith(code)) {
      throw new IOException("The server rejected the " + step + ": " + String.join(" / ", reply));
    }
    return reply;
  }

  private static String keyword(String line) {
    String text = line.length() > 4 ? line.substring(4).strip() : "";
    int space = text.indexOf(' ');
    return (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  @Override
  public void close() throws IOException {
    try {
      selector.close();
    } finally {
      channel.close();
    }
  }
}
