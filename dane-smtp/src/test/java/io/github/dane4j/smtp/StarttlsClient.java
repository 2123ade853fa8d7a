package io.github.dane4j.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal SMTP client that stands for an MTA's own SMTP code: greeting, EHLO, STARTTLS, then the
 * TLS upgrade through a socket factory that the test supplies. It reads byte by byte, so nothing
 * after the STARTTLS reply is buffered.
 */
final class StarttlsClient {
  private static final int TIMEOUT_MILLIS = 5_000;

  private StarttlsClient() {}

  /**
   * Connects, upgrades the connection with {@code factory} and completes the handshake.
   *
   * @throws IOException if a reply is not positive or the handshake fails
   */
  static SSLSocket upgrade(InetSocketAddress address, SSLSocketFactory factory, String host)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      expect(in, '2');
      send(out, "EHLO client.example.test");
      expect(in, '2');
      send(out, "STARTTLS");
      expect(in, '2');
      SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, address.getPort(), true);
      tls.startHandshake();
      return tls;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static void send(OutputStream out, String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one reply, all of its lines, and checks the first digit of its code. */
  private static void expect(InputStream in, char firstDigit) throws IOException {
    while (true) {
      String line = readLine(in);
      if (line.length() < 3 || line.charAt(0) != firstDigit) {
        throw new IOException("Unexpected reply line: " + line);
      }
      if (line.length() == 3 || line.charAt(3) == ' ') {
        return;
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("Connection closed in the middle of a reply");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
      }
      line.write(b);
      previous = b;
    }
  }
}
