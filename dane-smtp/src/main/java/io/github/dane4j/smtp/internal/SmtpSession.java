package io.github.dane4j.smtp.internal;

import io.github.dane4j.core.DaneTrustOutcome;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.FailureKind;
import io.github.dane4j.smtp.SmtpReply;
import io.github.dane4j.smtp.SmtpTarget;
import io.github.dane4j.smtp.TlsMode;
import io.github.dane4j.smtp.TlsProvider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import jdk.net.ExtendedSocketOptions;
import org.jspecify.annotations.Nullable;

/**
 * The STARTTLS state machine for one connection: connect, greeting, EHLO (HELO as fallback),
 * STARTTLS, a check that nothing arrived after its {@code 220}, the TLS handshake with the DANE
 * trust manager, EHLO again inside TLS, QUIT. For implicit TLS the handshake comes right after the
 * connect and the greeting follows inside TLS.
 *
 * <p>Each step either moves on or ends the attempt with a {@link FailureKind}. Expected failures
 * never escape as exceptions. The sockets are closed before {@link #run} returns, whatever
 * happened.
 */
public final class SmtpSession {
  private static final System.Logger LOGGER = System.getLogger(SmtpSession.class.getName());
  private static final int PREVIEW_LENGTH = 64;
  private static final String STARTTLS_KEYWORD = "STARTTLS";

  private final ConnectorSettings settings;
  private final SmtpTarget target;
  private final Attempt attempt = new Attempt();
  private final Transcript transcript = new Transcript();
  private final HandshakeTappingSocket socket = new HandshakeTappingSocket();
  private @Nullable SSLSocket tlsSocket;
  private @Nullable Channel channel;
  private boolean quickAck;

  private SmtpSession(ConnectorSettings settings, SmtpTarget target) {
    this.settings = settings;
    this.target = target;
  }

  /** Runs one connection attempt to completion and returns what it observed. */
  public static Attempt run(ConnectorSettings settings, SmtpTarget target) {
    SmtpSession session = new SmtpSession(settings, target);
    long start = System.nanoTime();
    try {
      session.execute();
    } finally {
      session.closeSockets();
    }
    session.attempt.finish(session.transcript, Duration.ofNanos(System.nanoTime() - start));
    return session.attempt;
  }

  private void execute() {
    try {
      connect();
      if (target.tlsMode() == TlsMode.IMPLICIT_TLS) {
        handshake();
        readGreeting();
        ehloInsideTls();
      } else {
        readGreeting();
        ehlo();
        starttls();
        handshake();
        ehloInsideTls();
      }
      attempt.succeed(successMessage());
      LOGGER.log(Level.DEBUG, "SMTP check of {0} succeeded: {1}", target, attempt.message());
      quit();
    } catch (StepFailure failure) {
      attempt.fail(failure.kind, failure.text());
      LOGGER.log(
          Level.DEBUG, "SMTP check of {0} failed ({1}): {2}", target, failure.kind, failure.text());
      if (failure.quitAllowed) {
        quit();
      }
    }
  }

  private void connect() throws StepFailure {
    Duration timeout = settings.connectTimeout();
    try {
      // Without TCP_NODELAY, short commands and handshake messages wait for delayed ACKs.
      socket.setTcpNoDelay(true);
      socket.connect(target.address(), Math.toIntExact(timeout.toMillis()));
      socket.setSoTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
      quickAck = socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
      channel = newChannel(socket.getInputStream(), socket.getOutputStream(), false);
    } catch (SocketTimeoutException e) {
      throw new StepFailure(
          FailureKind.CONNECT_TIMEOUT,
          "No TCP connection to "
              + target.address()
              + " within the connect timeout of "
              + Text.duration(timeout),
          false);
    } catch (ConnectException e) {
      // ConnectException has no subtype for a refusal; the JDK's message is "Connection refused".
      String reason = String.valueOf(e.getMessage());
      FailureKind kind =
          reason.toLowerCase(Locale.ROOT).contains("refused")
              ? FailureKind.CONNECT_REFUSED
              : FailureKind.CONNECT_FAILED;
      throw new StepFailure(
          kind, "The TCP connection to " + target.address() + " failed: " + reason, false);
    } catch (IOException e) {
      throw new StepFailure(
          FailureKind.CONNECT_FAILED,
          "The TCP connection to " + target.address() + " failed: " + e,
          false);
    }
  }

  private void readGreeting() throws StepFailure {
    SmtpReply greeting = receive(null, null, "the greeting", settings.greetingTimeout());
    attempt.greeting(greeting);
    if (greeting.code() == 220) {
      return;
    }
    if (greeting.isNegative()) {
      // RFC 5321 section 3.1: after a 554 greeting the server waits for QUIT.
      throw new StepFailure(
          FailureKind.GREETING_REFUSED,
          "The server refused service with the greeting \"" + firstLine(greeting) + "\"",
          true);
    }
    throw new StepFailure(
        FailureKind.PROTOCOL_ERROR,
        "Unexpected greeting \""
            + firstLine(greeting)
            + "\": a greeting is 220, or 554 to refuse service (RFC 5321 section 4.2)",
        false);
  }

  private void ehlo() throws StepFailure {
    SmtpReply reply = exchange(SmtpCommand.EHLO, settings.ehloName(), "EHLO");
    if (reply.code() == 250) {
      attempt.capabilities(keywords(reply));
      return;
    }
    if (reply.category() == 5) {
      // RFC 5321 section 3.2: a server that rejects EHLO may still accept HELO, which carries no
      // extensions and therefore no STARTTLS.
      SmtpReply helo = exchange(SmtpCommand.HELO, settings.ehloName(), "HELO");
      if (helo.code() == 250) {
        attempt.heloFallback(true);
        return;
      }
      throw unexpected(helo, "HELO", FailureKind.EHLO_FAILED, "after EHLO was rejected, 250");
    }
    throw unexpected(reply, "EHLO", FailureKind.EHLO_FAILED, "250");
  }

  private void starttls() throws StepFailure {
    if (!attempt.capabilities().contains(STARTTLS_KEYWORD)) {
      throw new StepFailure(
          FailureKind.NO_STARTTLS,
          attempt.heloFallback()
              ? "The server rejected EHLO and accepted HELO, which carries no extensions, so it"
                  + " offers no STARTTLS (RFC 5321 section 3.2)"
              : "The server does not offer STARTTLS: the EHLO reply lists "
                  + (attempt.capabilities().isEmpty()
                      ? "no extension"
                      : attempt.capabilities().stream().sorted().toList()),
          true);
    }
    ReplyReader reader = channel().reader;
    if (reader.bufferedByteCount() > 0) {
      throw new StepFailure(
          FailureKind.PROTOCOL_ERROR,
          "The server sent "
              + reader.bufferedByteCount()
              + " bytes after the EHLO reply without a command (\""
              + reader.bufferedPreview(PREVIEW_LENGTH)
              + "\"); a reply sent ahead of STARTTLS could be injected, so the connection was"
              + " aborted",
          false);
    }

    attempt.markTlsNegotiationStarted();
    SmtpReply reply = exchange(SmtpCommand.STARTTLS, null, "STARTTLS");
    attempt.starttlsReply(reply);
    if (reply.code() == 220) {
      requireNothingAfterStarttlsReply(reader);
      return;
    }
    // RFC 3207 section 4: 454 means TLS is temporarily unavailable, 501 a syntax error.
    throw unexpected(reply, "STARTTLS", FailureKind.STARTTLS_REFUSED, "220");
  }

  /**
   * Aborts if any byte arrived after the {@code 220} reply to STARTTLS. Such bytes were sent in the
   * clear before the handshake, so an attacker may have injected them (CVE-2011-0411). They must
   * never be read as if TLS protected them (RFC 3207 section 4).
   */
  private void requireNothingAfterStarttlsReply(ReplyReader reader) throws StepFailure {
    int buffered = reader.bufferedByteCount();
    int pending;
    try {
      pending = socket.getInputStream().available();
    } catch (IOException e) {
      throw new StepFailure(
          FailureKind.CONNECTION_CLOSED,
          "The connection failed right after the 220 reply to STARTTLS: " + e,
          false);
    }
    if (buffered + pending > 0) {
      String preview = buffered > 0 ? " (\"" + reader.bufferedPreview(PREVIEW_LENGTH) + "\")" : "";
      throw new StepFailure(
          FailureKind.PLAINTEXT_INJECTION,
          (buffered + pending)
              + " bytes arrived after the 220 reply to STARTTLS and before the TLS handshake"
              + preview
              + "; they were sent in the clear and may have been injected (CVE-2011-0411), so the"
              + " connection was aborted",
          false);
    }
  }

  private void handshake() throws StepFailure {
    attempt.markTlsNegotiationStarted();
    CapturingTrustManager trust = new CapturingTrustManager(target.trustManager());
    SSLSocket layered;
    try {
      SSLContext context = TlsContexts.newContext(settings.tlsProvider(), trust);
      layered =
          TlsContexts.layer(
              context,
              settings.tlsProvider(),
              socket,
              target.sniSent() ? target.sniHostName() : null,
              settings.tlsProtocols(),
              settings.cipherSuites());
    } catch (IOException e) {
      throw new StepFailure(
          FailureKind.HANDSHAKE_FAILED, "Creating the TLS socket failed: " + describe(e), false);
    }
    tlsSocket = layered;

    byte[] serverRecords;
    HandshakeRecordTap tap = tap();
    tap.startCapture();
    try (Watchdog watchdog = Watchdog.start(settings.handshakeTimeout(), socket)) {
      try {
        layered.startHandshake();
      } catch (IOException | RuntimeException e) {
        // The provider's handshake code may throw unchecked exceptions on malformed input too.
        attempt.trustOutcome(trust.outcome());
        throw handshakeFailure(e, trust.outcome(), watchdog.expired());
      }
      if (watchdog.expired()) {
        throw handshakeTimeout();
      }
    } finally {
      serverRecords = tap.stopCapture();
    }

    DaneTrustOutcome outcome = trust.outcome();
    attempt.trustOutcome(outcome);
    SSLSession session = layered.getSession();
    String cipherSuite = session.getCipherSuite();
    attempt.tlsEstablished(
        session.getProtocol(),
        cipherSuite,
        NamedGroups.find(serverRecords, serverRecords.length, cipherSuite).orElse(null));
    attempt.presentedChain(peerChain(session, outcome));
    try {
      channel = newChannel(layered.getInputStream(), layered.getOutputStream(), true);
    } catch (IOException e) {
      throw new StepFailure(
          FailureKind.HANDSHAKE_FAILED, "Opening the TLS streams failed: " + describe(e), false);
    }
    if (outcome == null || !outcome.accepted()) {
      // Fail closed: an anonymous cipher suite or a resumed session skips the trust manager, and
      // then nothing has checked the server. RFC 3207 section 4.1 recommends QUIT right away.
      throw new StepFailure(
          FailureKind.HANDSHAKE_FAILED,
          "The TLS handshake completed without a check of the server's certificate chain (an"
              + " anonymous cipher suite or a resumed session); such a session is not used",
          true);
    }
  }

  private StepFailure handshakeFailure(
      Exception e, @Nullable DaneTrustOutcome outcome, boolean expired) {
    if (outcome != null && !outcome.accepted()) {
      FailureKind kind =
          outcome.mode() == DaneTrustOutcome.Mode.PKIX_DELEGATE_FAILED
              ? FailureKind.CERTIFICATE_REJECTED
              : FailureKind.DANE_VERIFICATION_FAILED;
      return new StepFailure(kind, outcome.message(), false);
    }
    if (expired || e instanceof SocketTimeoutException) {
      return handshakeTimeout();
    }
    if (outcome == null && settings.tlsProvider() == TlsProvider.CONSCRYPT && rejectedHello(e)) {
      attempt.markHelloRejected();
    }
    return new StepFailure(
        FailureKind.HANDSHAKE_FAILED, "The TLS handshake failed: " + describe(e), false);
  }

  /**
   * Returns whether the exception, or one of its first causes, reports a handshake_failure or
   * insufficient_security alert from the server. A server sends one when it shares no cipher suite
   * or group with the client. BoringSSL has no finite-field Diffie-Hellman, so a server with only
   * DHE suites (TLS 1.2) or only FFDHE groups (TLS 1.3) rejects Conscrypt this way.
   */
  private static boolean rejectedHello(Throwable e) {
    Throwable current = e;
    for (int depth = 0; current != null && depth <= 3; depth++, current = current.getCause()) {
      String text = String.valueOf(current.getMessage());
      if (text.contains("SSLV3_ALERT_HANDSHAKE_FAILURE")
          || text.contains("TLSV1_ALERT_INSUFFICIENT_SECURITY")) {
        return true;
      }
    }
    return false;
  }

  private StepFailure handshakeTimeout() {
    return new StepFailure(
        FailureKind.HANDSHAKE_TIMEOUT,
        "The TLS handshake did not complete within the handshake timeout of "
            + Text.duration(settings.handshakeTimeout())
            + " or stalled longer than the read timeout of "
            + Text.duration(settings.readTimeout()),
        false);
  }

  private void ehloInsideTls() throws StepFailure {
    SmtpReply reply = exchange(SmtpCommand.EHLO, settings.ehloName(), "EHLO inside TLS");
    if (reply.code() == 250) {
      // RFC 3207 section 4.2: everything learned before TLS is forgotten; this list replaces it.
      attempt.tlsCapabilities(keywords(reply));
      return;
    }
    throw new StepFailure(
        FailureKind.POST_TLS_EHLO_FAILED,
        "The server replied to EHLO inside TLS with \""
            + firstLine(reply)
            + "\", expected 250 (RFC 3207 section 4.2)",
        reply.isNegative());
  }

  /** Sends QUIT and reads the reply; a failure here does not change the outcome. */
  private void quit() {
    if (channel == null) {
      return;
    }
    try {
      exchange(SmtpCommand.QUIT, null, "QUIT");
    } catch (StepFailure e) {
      LOGGER.log(Level.DEBUG, "QUIT to {0} failed: {1}", target, e.text());
    }
  }

  private SmtpReply exchange(SmtpCommand command, @Nullable String argument, String step)
      throws StepFailure {
    return receive(command, argument, "the reply to " + step, settings.commandTimeout());
  }

  /** Sends the command, if any, and reads one reply within {@code timeout}. */
  private SmtpReply receive(
      @Nullable SmtpCommand command, @Nullable String argument, String what, Duration timeout)
      throws StepFailure {
    Channel current = channel();
    try (Watchdog watchdog = Watchdog.start(timeout, socket)) {
      try {
        if (command != null) {
          current.writer.send(command, argument);
        }
        acknowledgePromptly();
        SmtpReply reply = current.reader.read();
        transcript.addReply(reply, current.tls);
        if (watchdog.expired()) {
          throw deadlinePassed(what, timeout);
        }
        return reply;
      } catch (ReplyException e) {
        throw new StepFailure(e.kind(), "Reading " + what + " failed: " + e.getMessage(), false);
      } catch (SocketTimeoutException e) {
        throw new StepFailure(
            FailureKind.READ_TIMEOUT,
            "No data from the server for "
                + Text.duration(settings.readTimeout())
                + " (the read timeout) while waiting for "
                + what,
            false);
      } catch (IOException e) {
        if (watchdog.expired()) {
          throw deadlinePassed(what, timeout);
        }
        throw new StepFailure(
            FailureKind.CONNECTION_CLOSED,
            "The connection failed while waiting for " + what + ": " + describe(e),
            false);
      }
    }
  }

  /**
   * Sets TCP_QUICKACK, so that the kernel acknowledges the server's next segments at once. A server
   * without TCP_NODELAY (Postfix's smtpd among them) delays a short reply while its previous
   * segment is unacknowledged (Nagle's algorithm), and Linux delays an ACK by up to 40 ms. After a
   * TLS 1.3 handshake the server sends its session ticket and then the reply to EHLO (or, with
   * implicit TLS, the greeting), which stalled every few checks by 40 ms. Linux leaves quick-ACK
   * mode again by itself, so the option is set before every reply. Systems without the option
   * (other than Linux) skip this.
   */
  private void acknowledgePromptly() {
    if (!quickAck) {
      return;
    }
    try {
      socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
    } catch (IOException | UnsupportedOperationException e) {
      quickAck = false;
      LOGGER.log(Level.DEBUG, "TCP_QUICKACK on the socket to {0} failed: {1}", target, e);
    }
  }

  private static StepFailure deadlinePassed(String what, Duration timeout) {
    return new StepFailure(
        FailureKind.READ_TIMEOUT,
        "The server did not finish " + what + " within " + Text.duration(timeout),
        false);
  }

  private static StepFailure unexpected(
      SmtpReply reply, String command, FailureKind negativeKind, String expected) {
    if (reply.isNegative()) {
      return new StepFailure(
          negativeKind,
          "The server rejected " + command + " with \"" + firstLine(reply) + "\"",
          true);
    }
    return new StepFailure(
        FailureKind.PROTOCOL_ERROR,
        "Unexpected reply \"" + firstLine(reply) + "\" to " + command + ", expected " + expected,
        false);
  }

  private HandshakeRecordTap tap() throws StepFailure {
    try {
      return socket.tap();
    } catch (IOException e) {
      throw new StepFailure(
          FailureKind.CONNECTION_CLOSED,
          "The connection failed before the TLS handshake: " + e,
          false);
    }
  }

  private Channel channel() {
    Channel current = channel;
    if (current == null) {
      throw new IllegalStateException("No connection: connect() has not succeeded");
    }
    return current;
  }

  private Channel newChannel(java.io.InputStream in, java.io.OutputStream out, boolean tls) {
    ReplyReader reader =
        new ReplyReader(
            in, settings.maxReplyLineLength(), settings.maxReplyLines(), settings.maxReplyBytes());
    return new Channel(reader, new CommandWriter(out, transcript, tls), tls);
  }

  private void closeSockets() {
    SSLSocket layered = tlsSocket;
    if (layered != null) {
      // Closing TLS sends close_notify; the watchdog bounds a peer that stops reading.
      Watchdog watchdog = Watchdog.start(settings.commandTimeout(), socket);
      try {
        layered.close();
      } catch (IOException e) {
        LOGGER.log(Level.DEBUG, "Closing the TLS socket to {0} failed: {1}", target, e);
      } finally {
        watchdog.close();
      }
    }
    try {
      socket.close();
    } catch (IOException e) {
      LOGGER.log(Level.DEBUG, "Closing the socket to {0} failed: {1}", target, e);
    }
  }

  private String successMessage() {
    DaneTrustOutcome outcome = attempt.trustOutcome();
    String group = attempt.namedGroup();
    return "TLS established ("
        + attempt.tlsProtocol()
        + ", "
        + attempt.cipherSuite()
        + (group == null ? "" : ", " + group)
        + ")"
        + (outcome == null ? "" : "; " + outcome.message());
  }

  private static Set<String> keywords(SmtpReply ehloReply) {
    Set<String> keywords = new LinkedHashSet<>();
    List<String> lines = ehloReply.lines();
    // RFC 5321 section 4.1.1.1: the first line contains the server's name, each later line one
    // keyword and its parameters. Keywords are case-insensitive.
    for (String line : lines.subList(1, lines.size())) {
      String keyword = line.strip().split("[ \t]", 2)[0];
      if (!keyword.isEmpty()) {
        keywords.add(keyword.toUpperCase(Locale.ROOT));
      }
    }
    return keywords;
  }

  private static List<X509Certificate> peerChain(
      SSLSession session, @Nullable DaneTrustOutcome outcome) {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : session.getPeerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return chain;
    } catch (SSLPeerUnverifiedException e) {
      return outcome == null ? List.of() : outcome.chain();
    }
  }

  private static String firstLine(SmtpReply reply) {
    return Text.shorten(reply.code() + " " + reply.lines().get(0), 120);
  }

  private static String describe(Throwable e) {
    String first = clean(e);
    StringBuilder text = new StringBuilder(first);
    String previous = first;
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      String next = clean(cause);
      // Conscrypt wraps an exception in another with the same message, so it is written once.
      if (!previous.contains(messageOf(next))) {
        text.append("; caused by ").append(next);
      }
      previous = next;
    }
    return text.toString();
  }

  private static String clean(Throwable e) {
    // BoringSSL puts each error of its queue on a line of its own.
    String oneLine = Text.withoutBoringSslNoise(e.toString()).replace("\r", "").replace("\n", "; ");
    return Text.printable(Text.withoutNativeAddresses(oneLine));
  }

  /** Returns the message part of a cleaned {@code Throwable.toString()}: after the class name. */
  private static String messageOf(String described) {
    int colon = described.indexOf(": ");
    return colon < 0 ? described : described.substring(colon + 2);
  }

  /** The reader and writer of the current layer, plaintext or TLS. */
  private record Channel(ReplyReader reader, CommandWriter writer, boolean tls) {}

  /** Ends the attempt with a failure kind. */
  private static final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final String text;
    private final boolean quitAllowed;

    StepFailure(FailureKind kind, String message, boolean quitAllowed) {
      super(message);
      this.kind = kind;
      this.text = message;
      this.quitAllowed = quitAllowed;
    }

    /** Returns the message, which is never null. */
    String text() {
      return text;
    }
  }
}
