package io.github.dane4j.testkit.smtp;

import io.github.dane4j.testkit.smtp.LineReader.LineTooLongException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import org.jspecify.annotations.Nullable;

/**
 * The server side of one SMTP connection (RFC 5321) with STARTTLS (RFC 3207) or implicit TLS (RFC
 * 8314), including the scripted misbehaviours. It runs on one thread and closes nothing itself:
 * {@link TestSmtpServer} closes the socket when {@link #run()} returns.
 */
final class SmtpConnection {
  private static final System.Logger LOG = System.getLogger(TestSmtpServer.class.getName());
  private static final String CRLF = "\r\n";

  private final ServerSettings settings;
  private final Socket plainSocket;
  private final SessionRecorder recorder;

  private @Nullable SSLSocket tlsSocket;
  private LineReader reader;
  private OutputStream out;

  /** Whether EHLO or HELO was accepted since the connection or the TLS handshake began. */
  private boolean greeted;

  private boolean mailStarted;
  private int recipientCount;

  SmtpConnection(ServerSettings settings, Socket plainSocket, SessionRecorder recorder)
      throws IOException {
    this.settings = settings;
    this.plainSocket = plainSocket;
    this.recorder = recorder;
    this.reader = new LineReader(plainSocket.getInputStream(), TestSmtpServer.MAX_LINE_BYTES);
    this.out = new BufferedOutputStream(plainSocket.getOutputStream());
  }

  /** Serves the connection until QUIT, a fatal error, the client's close or the read timeout. */
  void run() {
    try {
      plainSocket.setSoTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
      plainSocket.setTcpNoDelay(true);
      if (settings.has(Misbehaviour.SILENT)) {
        discardUntilClosed();
        return;
      }
      if (settings.implicitTls() && !startTls()) {
        return;
      }

      sendGreeting();
      if (settings.has(Misbehaviour.GREETING_OVERLONG_LINE)) {
        discardUntilClosed();
        return;
      }
      serveCommands();
    } catch (LineTooLongException e) {
      LOG.log(Level.DEBUG, "Closing SMTP connection from {0}: {1}", client(), e.getMessage());
      sendQuietly("500 5.5.2 Line too long, at most " + TestSmtpServer.MAX_LINE_BYTES + " bytes");
    } catch (SocketTimeoutException e) {
      LOG.log(Level.DEBUG, "SMTP connection from {0} timed out", client());
      sendQuietly("421 4.4.2 " + settings.serverName() + " Timeout, closing connection");
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "SMTP connection from {0} failed: {1}", client(), e.toString());
    } finally {
      closeTls();
    }
  }

  private void serveCommands() throws IOException {
    boolean open = true;
    while (open) {
      String line = reader.readLine();
      if (line == null) {
        LOG.log(Level.DEBUG, "SMTP client {0} closed the connection", client());
        return;
      }
      recorder.command(line);
      LOG.log(Level.TRACE, "SMTP client {0} sent: {1}", client(), line);
      open = handle(line);
    }
  }

  /** Replies to one command line and returns whether the connection stays open. */
  private boolean handle(String line) throws IOException {
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : line.substring(space + 1).strip();

    // RFC 5321 section 3.1: after a 554 greeting the server accepts only QUIT.
    if (settings.has(Misbehaviour.GREETING_554) && !verb.equals("QUIT")) {
      reply("503 5.5.1 No SMTP service here, send QUIT");
      return true;
    }

    switch (verb) {
      case "EHLO" -> ehlo(argument);
      case "HELO" -> helo(argument);
      case "STARTTLS" -> {
        return starttls(argument);
      }
      case "MAIL" -> mail(argument);
      case "RCPT" -> rcpt(argument);
      case "DATA" -> {
        return data(argument);
      }
      case "RSET" -> {
        resetTransaction();
        reply("250 2.0.0 OK");
      }
      case "NOOP" -> reply("250 2.0.0 OK");
      case "QUIT" -> {
        reply("221 2.0.0 " + settings.serverName() + " closing connection");
        return false;
      }
      default -> reply("502 5.5.1 Command not implemented");
    }
    return true;
  }

  private void ehlo(String name) throws IOException {
    if (name.isEmpty()) {
      reply("501 5.5.4 EHLO needs a domain or address literal");
      return;
    }
    recorder.ehloName(name);
    if (settings.has(Misbehaviour.EHLO_REJECTED_500)) {
      reply("500 5.5.1 Command unrecognized");
      return;
    }
    if (tlsSocket != null && settings.has(Misbehaviour.POST_TLS_EHLO_554)) {
      reply("554 5.7.0 EHLO rejected");
      return;
    }
    if (settings.has(Misbehaviour.EHLO_CODE_600)) {
      reply("600 " + settings.serverName());
      return;
    }

    greeted = true;
    resetTransaction();
    if (settings.has(Misbehaviour.EHLO_ENDLESS_CONTINUATION)) {
      sendEndlessEhloReply();
      return;
    }
    send(ehloReply());
  }

  private String ehloReply() {
    List<String> keywords = new ArrayList<>();
    keywords.add("PIPELINING");
    keywords.add("SIZE " + settings.maxMessageSize());
    if (advertisesStarttls()) {
      keywords.add("STARTTLS");
    }
    keywords.add("8BITMIME");
    if (settings.has(Misbehaviour.EHLO_LOWER_CASE_KEYWORDS)) {
      keywords.replaceAll(keyword -> keyword.toLowerCase(Locale.ROOT));
    }

    List<String> lines = new ArrayList<>();
    lines.add(settings.serverName());
    lines.addAll(keywords);
    StringBuilder reply = new StringBuilder();
    for (int i = 0; i < lines.size() - 1; i++) {
      reply.append("250-").append(lines.get(i)).append(CRLF);
    }
    String last = lines.get(lines.size() - 1);
    if (settings.has(Misbehaviour.EHLO_BARE_FINAL_LINE)) {
      reply.append("250-").append(last).append(CRLF).append("250").append(CRLF);
    } else if (settings.has(Misbehaviour.EHLO_MISMATCHED_CODE)) {
      reply.append("251 ").append(last).append(CRLF);
    } else {
      reply.append("250 ").append(last).append(CRLF);
    }
    return reply.toString();
  }

  private boolean advertisesStarttls() {
    if (tlsSocket != null) {
      return settings.has(Misbehaviour.POST_TLS_STARTTLS_ADVERTISED);
    }
    return !settings.has(Misbehaviour.NO_STARTTLS_ADVERTISED);
  }

  /** Writes {@code 250-x} lines until the client disconnects or the line limit is reached. */
  private void sendEndlessEhloReply() throws IOException {
    send("250-" + settings.serverName() + CRLF);
    int linesPerBlock = 1000;
    byte[] block = "250-x\r\n".repeat(linesPerBlock).getBytes(StandardCharsets.US_ASCII);
    for (int sent = 0; sent < TestSmtpServer.ENDLESS_REPLY_MAX_LINES; sent += linesPerBlock) {
      out.write(block);
    }
    send("250 x" + CRLF);
  }

  private void helo(String name) throws IOException {
    if (name.isEmpty()) {
      reply("501 5.5.4 HELO needs a domain");
      return;
    }
    recorder.ehloName(name);
    greeted = true;
    resetTransaction();
    reply("250 " + settings.serverName());
  }

  /** Replies to STARTTLS and runs the handshake; returns whether the connection stays open. */
  private boolean starttls(String argument) throws IOException {
    if (tlsSocket != null) {
      reply("503 5.5.1 TLS already active");
      return true;
    }
    if (!argument.isEmpty()) {
      reply("501 5.5.4 Syntax error (no parameters allowed)");
      return true;
    }
    if (settings.has(Misbehaviour.STARTTLS_REPLY_454)) {
      reply("454 4.7.0 TLS not available due to temporary reason");
      return true;
    }
    if (settings.has(Misbehaviour.STARTTLS_REPLY_501)) {
      reply("501 5.5.4 Syntax error");
      return true;
    }
    if (settings.has(Misbehaviour.STARTTLS_REPLY_502)) {
      reply("502 5.5.1 Command not implemented");
      return true;
    }
    if (settings.has(Misbehaviour.STARTTLS_REPLY_250)) {
      reply("250 2.0.0 OK");
      return true;
    }
    if (settings.has(Misbehaviour.STARTTLS_REPLY_2201)) {
      reply("2201 Ready");
      return true;
    }

    // RFC 3207 section 4: the client sends nothing between STARTTLS and the reply. Bytes already
    // buffered were sent in plaintext and must not be read as if TLS protected them.
    int discarded = reader.discardBuffered();
    if (discarded > 0) {
      recorder.bytesDiscardedAfterStarttls(discarded);
      LOG.log(Level.DEBUG, "Discarded {0} bytes sent by {1} after STARTTLS", discarded, client());
    }

    if (settings.has(Misbehaviour.STARTTLS_DROP_AFTER_220)) {
      reply("220 2.0.0 Ready to start TLS");
      return false;
    } else if (settings.has(Misbehaviour.STARTTLS_PLAINTEXT_AFTER_220)) {
      send("220 go" + CRLF + "250 injected" + CRLF);
    } else if (settings.has(Misbehaviour.STARTTLS_MULTILINE_220)) {
      send("220-ready" + CRLF + "220 go" + CRLF);
    } else {
      reply("220 2.0.0 Ready to start TLS");
    }
    return startTls();
  }

  /**
   * Runs the server side of the TLS handshake on the plain socket and switches the streams to TLS.
   * The SMTP state starts over, as RFC 3207 section 4.2 requires.
   *
   * @return whether the handshake completed
   */
  private boolean startTls() throws IOException {
    if (settings.has(Misbehaviour.HANDSHAKE_ABORT)) {
      abortHandshake();
      return false;
    }

    SSLSocket socket =
        (SSLSocket)
            settings
                .sslContext()
                .getSocketFactory()
                .createSocket(
                    plainSocket,
                    plainSocket.getInetAddress().getHostAddress(),
                    plainSocket.getPort(),
                    true);
    tlsSocket = socket;
    socket.setUseClientMode(false);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setProtocols(settings.tlsProtocols().toArray(new String[0]));
    if (!settings.tlsCipherSuites().isEmpty()) {
      parameters.setCipherSuites(settings.tlsCipherSuites().toArray(new String[0]));
    }
    parameters.setSNIMatchers(List.of(new RecordingSniMatcher(recorder)));
    socket.setSSLParameters(parameters);
    try {
      socket.startHandshake();
    } catch (IOException e) {
      recorder.tlsFailure(String.valueOf(e.getMessage()));
      LOG.log(Level.DEBUG, "TLS handshake with {0} failed: {1}", client(), e.toString());
      return false;
    }

    SSLSession session = socket.getSession();
    recorder.tlsNegotiated(session.getProtocol(), session.getCipherSuite());
    LOG.log(
        Level.DEBUG,
        "TLS with {0}: {1} {2}",
        client(),
        session.getProtocol(),
        session.getCipherSuite());
    reader = new LineReader(socket.getInputStream(), TestSmtpServer.MAX_LINE_BYTES);
    out = new BufferedOutputStream(socket.getOutputStream());
    greeted = false;
    resetTransaction();
    if (settings.has(Misbehaviour.POST_TLS_SILENT)) {
      discardUntilClosed();
      return false;
    }
    return true;
  }

  /** Reads the start of the ClientHello from the plain socket, so the client has sent it. */
  private void abortHandshake() throws IOException {
    InputStream in = plainSocket.getInputStream();
    int count = in.read(new byte[5]);
    recorder.tlsFailure("Handshake aborted by the server after reading " + count + " bytes");
    LOG.log(Level.DEBUG, "Aborting the TLS handshake with {0}", client());
  }

  private void mail(String argument) throws IOException {
    if (!greeted) {
      reply("503 5.5.1 Send EHLO or HELO first");
    } else if (mailStarted) {
      reply("503 5.5.1 Nested MAIL command");
    } else if (!argument.toUpperCase(Locale.ROOT).startsWith("FROM:")) {
      reply("501 5.5.4 Syntax: MAIL FROM:<address>");
    } else {
      mailStarted = true;
      reply("250 2.1.0 OK");
    }
  }

  private void rcpt(String argument) throws IOException {
    if (!mailStarted) {
      reply("503 5.5.1 Send MAIL first");
    } else if (!argument.toUpperCase(Locale.ROOT).startsWith("TO:")) {
      reply("501 5.5.4 Syntax: RCPT TO:<address>");
    } else {
      recipientCount++;
      reply("250 2.1.5 OK");
    }
  }

  /** Receives a message and discards it; returns whether the connection stays open. */
  private boolean data(String argument) throws IOException {
    if (!argument.isEmpty()) {
      reply("501 5.5.4 Syntax: DATA takes no parameters");
      return true;
    }
    if (recipientCount == 0) {
      reply("503 5.5.1 Send RCPT first");
      return true;
    }

    reply("354 End data with <CR><LF>.<CR><LF>");
    long size = 0;
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        return false;
      }
      if (line.equals(".")) {
        break;
      }
      // RFC 5321 section 4.5.2: remove the dot that the client added in front of a line.
      String content = line.startsWith(".") ? line.substring(1) : line;
      size += content.length() + 2;
    }

    resetTransaction();
    if (size > settings.maxMessageSize()) {
      reply("552 5.3.4 Message size exceeds fixed limit of " + settings.maxMessageSize());
    } else {
      recorder.message(size);
      reply("250 2.0.0 OK, message discarded");
    }
    return true;
  }

  private void resetTransaction() {
    mailStarted = false;
    recipientCount = 0;
  }

  private void sendGreeting() throws IOException {
    String name = settings.serverName();
    String greeting;
    if (settings.has(Misbehaviour.GREETING_MULTILINE)) {
      greeting =
          "220-"
              + name
              + " ESMTP"
              + CRLF
              + "220-This test server sends a multi-line greeting"
              + CRLF
              + "220 "
              + name
              + " ready"
              + CRLF;
    } else if (settings.has(Misbehaviour.GREETING_554)) {
      greeting = "554 " + name + " no service" + CRLF;
    } else if (settings.has(Misbehaviour.GREETING_OVERLONG_LINE)) {
      greeting = "220 " + "x".repeat(TestSmtpServer.OVERLONG_LINE_BYTES - 4);
    } else {
      greeting = "220 " + name + " ESMTP" + CRLF;
    }

    if (settings.has(Misbehaviour.GREETING_FRAGMENTED)) {
      sendFragmented(greeting);
    } else {
      send(greeting);
    }
  }

  /**
   * Writes the text in pieces, flushing after each: after the first byte, after the reply code, at
   * the middle, and before the last byte, which splits the final CRLF.
   */
  private void sendFragmented(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    TreeSet<Integer> cuts = new TreeSet<>(List.of(1, 3, bytes.length / 2, bytes.length - 1));
    cuts.removeIf(cut -> cut <= 0 || cut >= bytes.length);
    int from = 0;
    for (int cut : cuts) {
      out.write(bytes, from, cut - from);
      out.flush();
      from = cut;
    }
    out.write(bytes, from, bytes.length - from);
    out.flush();
  }

  /** Reads and drops everything until the client closes or the read timeout expires. */
  private void discardUntilClosed() throws IOException {
    InputStream in = tlsSocket != null ? tlsSocket.getInputStream() : plainSocket.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      while (in.read(buffer) >= 0) {
        // The bytes are dropped because this connection never replies.
      }
    } catch (SocketTimeoutException e) {
      LOG.log(Level.DEBUG, "Silent SMTP connection from {0} timed out", client());
    }
  }

  private void reply(String line) throws IOException {
    send(line + CRLF);
  }

  /**
   * Writes the text with one write and one flush, so it leaves in as few TCP segments as fit, or
   * with {@link Misbehaviour#DRIP} one byte per write and flush.
   */
  private void send(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (settings.has(Misbehaviour.DRIP)) {
      for (byte b : bytes) {
        out.write(b);
        out.flush();
      }
      return;
    }
    out.write(bytes);
    out.flush();
  }

  private void sendQuietly(String line) {
    try {
      reply(line);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Sending the last reply to {0} failed: {1}", client(), e.toString());
    }
  }

  /** Closes TLS with a close_notify alert; the server closes the TCP socket afterwards. */
  private void closeTls() {
    SSLSocket socket = tlsSocket;
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Closing TLS with {0} failed: {1}", client(), e.toString());
    }
  }

  private String client() {
    return String.valueOf(plainSocket.getRemoteSocketAddress());
  }

  /** Records the host name from the client's SNI extension and accepts every name. */
  private static final class RecordingSniMatcher extends SNIMatcher {
    private final SessionRecorder recorder;

    RecordingSniMatcher(SessionRecorder recorder) {
      super(StandardConstants.SNI_HOST_NAME);
      this.recorder = recorder;
    }

    @Override
    public boolean matches(SNIServerName serverName) {
      if (serverName instanceof SNIHostName hostName) {
        recorder.sniHostName(hostName.getAsciiName());
      }
      return true;
    }
  }
}
