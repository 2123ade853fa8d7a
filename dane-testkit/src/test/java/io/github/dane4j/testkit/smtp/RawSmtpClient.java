package io.github.dane4j.testkit.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A minimal SMTP client for observing the test server on the wire: bounded reads with a socket
 * timeout, its own read buffer whose content can be inspected, and a TLS upgrade that trusts only a
 * given root.
 */
final class RawSmtpClient implements AutoCloseable {
  static final int TIMEOUT_MILLIS = 10_000;
  private static final int MAX_LINE_BYTES = 200_000;
  private static final int MAX_REPLY_LINES = 200_000;

  private final Socket plainSocket;
  private @Nullable SSLSocket tlsSocket;
  private InputStream in;
  private OutputStream out;
  private final byte[] buffer = new byte[8192];
  private int start;
  private int end;

  private RawSmtpClient(Socket plainSocket) throws IOException {
    this.plainSocket = plainSocket;
    this.in = plainSocket.getInputStream();
    this.out = plainSocket.getOutputStream();
  }

  static RawSmtpClient connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      return new RawSmtpClient(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends the line with CRLF in one write. */
  void send(String line) throws IOException {
    sendRaw(line + "\r\n");
  }

  void sendRaw(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Reads one line, without its CRLF.
   *
   * @throws EOFException if the stream ends first
   * @throws IOException if the line is longer than {@value #MAX_LINE_BYTES} bytes
   */
  String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      if (start == end && !fill()) {
        throw new EOFException("Connection closed after " + line.length() + " bytes of a line");
      }
      char c = (char) (buffer[start++] & 0xff);
      if (c == '\n') {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r'
            ? line.substring(0, length - 1)
            : line.toString();
      }
      if (line.length() >= MAX_LINE_BYTES) {
        throw new IOException("Line longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.append(c);
    }
  }

  /** Reads the lines of one reply, up to the first line that is not a continuation line. */
  List<String> readReply() throws IOException {
    List<String> lines = new ArrayList<>();
    while (lines.size() < MAX_REPLY_LINES) {
      String line = readLine();
      lines.add(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return lines;
      }
    }
    throw new IOException("Reply longer than " + MAX_REPLY_LINES + " lines");
  }

  /** Sends a command and reads its reply. */
  List<String> command(String line) throws IOException {
    send(line);
    return readReply();
  }

  /** Reads exactly {@code count} bytes. */
  String readBytes(int count) throws IOException {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      if (start == end && !fill()) {
        throw new EOFException("Connection closed after " + i + " of " + count + " bytes");
      }
      bytes[i] = buffer[start++];
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Returns the bytes received but not yet read, without reading more from the socket. */
  String buffered() {
    return new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /** Closes the sending direction, so the server reads the end of the stream. */
  void shutdownOutput() throws IOException {
    if (tlsSocket != null) {
      throw new IllegalStateException("Half-close is not supported under TLS");
    }
    plainSocket.shutdownOutput();
  }

  /**
   * Returns whether the server closed the connection: true when the stream ends or the peer resets
   * it, false when a byte arrives.
   */
  boolean serverClosed() throws IOException {
    if (start < end) {
      return false;
    }
    try {
      return !fill();
    } catch (SocketException e) {
      return true;
    }
  }

  /**
   * Runs the TLS handshake on the connection, trusting only {@code root}, and reads and writes
   * through TLS afterwards.
   *
   * @param sniHostName the SNI host name to send, or null to send none
   * @param protocols the protocols to offer, or none for the SunJSSE defaults
   * @throws IllegalStateException if received bytes are still unread, because they would belong to
   *     the plaintext phase
   */
  SSLSession startTls(X509Certificate root, @Nullable String sniHostName, String... protocols)
      throws IOException, GeneralSecurityException {
    if (start != end) {
      throw new IllegalStateException("Unread plaintext before TLS: " + buffered());
    }
    SSLSocket socket =
        (SSLSocket)
            clientContext(root)
                .getSocketFactory()
                .createSocket(
                    plainSocket,
                    plainSocket.getInetAddress().getHostAddress(),
                    plainSocket.getPort(),
                    true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setServerNames(
        sniHostName == null ? List.of() : List.of(new SNIHostName(sniHostName)));
    if (protocols.length > 0) {
      parameters.setProtocols(protocols);
    }
    socket.setSSLParameters(parameters);
    tlsSocket = socket;
    socket.startHandshake();
    in = socket.getInputStream();
    out = socket.getOutputStream();
    return socket.getSession();
  }

  /** Returns the certificates the server presented in the TLS handshake. */
  List<Certificate> peerCertificates() throws IOException {
    SSLSocket socket = tlsSocket;
    if (socket == null) {
      throw new IllegalStateException("No TLS on this connection");
    }
    return Arrays.asList(socket.getSession().getPeerCertificates());
  }

  static SSLContext clientContext(X509Certificate root)
      throws GeneralSecurityException, IOException {
    KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
    trustStore.load(null, null);
    trustStore.setCertificateEntry("root", root);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trustStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }

  private boolean fill() throws IOException {
    int count = in.read(buffer);
    if (count < 0) {
      return false;
    }
    start = 0;
    end = count;
    return true;
  }

  @Override
  public void close() throws IOException {
    SSLSocket socket = tlsSocket;
    if (socket != null) {
      socket.close();
    }
    plainSocket.close();
  }
}
