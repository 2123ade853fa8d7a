package io.github.dane4j.smtp;

import io.github.dane4j.smtp.internal.Attempt;
import io.github.dane4j.smtp.internal.SmtpSession;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connects to one SMTP server address, starts TLS and checks the server's certificate chain with a
 * DANE trust manager. It is the DNS-free building block of RFC 7672 checks: the caller chooses the
 * address, port, TLS mode, TLSA records and SNI name (see {@link SmtpTarget}); the connector
 * reports what happened as a {@link SmtpConnectionResult}.
 *
 * <pre>{@code
 * SmtpConnector connector = SmtpConnector.create(ConnectorSettings.builder()
 *     .ehloName("monitor.example.net")
 *     .build());
 * SmtpConnectionResult result = connector.connect(target);
 * if (!result.succeeded()) {
 *   System.out.println(result.failure().orElseThrow() + ": " + result.message());
 * }
 * }</pre>
 *
 * <p>The conversation, for {@link TlsMode#STARTTLS}:
 *
 * <ol>
 *   <li>TCP connect, with TCP_NODELAY set.
 *   <li>Read the greeting; one or more lines of {@code 220}. A {@code 554} greeting refuses
 *       service: the connector sends QUIT and reports it (RFC 5321 section 3.1).
 *   <li>EHLO; if the server rejects it with a 5xx code, HELO, which offers no STARTTLS (RFC 5321
 *       section 3.2). Keywords are matched without regard to case.
 *   <li>STARTTLS, if the EHLO reply lists it; {@code 220} goes ahead, {@code 454}, {@code 501} and
 *       other 4xx or 5xx codes refuse it (RFC 3207 section 4).
 *   <li>If any byte arrived after that {@code 220}, abort: the bytes came in the clear and may be
 *       injected (CVE-2011-0411). They are never read as TLS data.
 *   <li>TLS handshake with SNI set to the TLSA base domain (RFC 7672 section 8.1), the DANE trust
 *       manager, and a new {@code SSLContext}, so no earlier session is resumed.
 *   <li>EHLO again inside TLS; everything learned before TLS is forgotten (RFC 3207 section 4.2).
 *       Its reply must be {@code 250}.
 *   <li>QUIT.
 * </ol>
 *
 * <p>For {@link TlsMode#IMPLICIT_TLS} (RFC 8314) the handshake follows the connect and the greeting
 * and EHLO happen inside TLS.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Every command goes through one writer that rejects CR, LF and every other control character
 *       and non-ASCII in arguments, so no second command can be smuggled in.
 *   <li>Every read is bounded: line length, lines per reply and bytes per reply (see {@link
 *       ConnectorSettings}). Every wait is bounded by a timeout; a watchdog closes the socket when
 *       a step overruns its deadline, even if the server trickles bytes.
 *   <li>The socket is closed before {@link #connect} returns, whatever the outcome.
 *   <li>A handshake that completes without a call to the trust manager (an anonymous cipher suite
 *       or a resumed session) is treated as a failure.
 * </ul>
 *
 * <h2>Limitations</h2>
 *
 * <ul>
 *   <li>The connector only checks; it sends no MAIL, RCPT or DATA, and never delivers mail.
 *   <li>The key exchange group is read from the server's plaintext handshake records, so it is
 *       missing in the cases {@link SmtpConnectionResult#namedGroup()} lists.
 *   <li>On Conscrypt, a server that rejects the TLS hello with a handshake_failure or
 *       insufficient_security alert before sending a certificate is connected to once more on
 *       SunJSSE: BoringSSL has no DHE suites or FFDHE groups, which some servers require and which
 *       OpenSSL-based MTAs offer. The result then names SunJSSE as its {@link
 *       SmtpConnectionResult#tlsProvider() provider}, and its message starts with the reason.
 *   <li>The connector does not decide whether a failure permits cleartext delivery; that depends on
 *       the TLSA lookup (RFC 7672 section 2.2) and is the caller's decision.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; {@link #connect} blocks the calling thread.
 */
public final class SmtpConnector {
  private final ConnectorSettings settings;
  // With Conscrypt, the same settings on SunJSSE for a retry; null when SunJSSE cannot take them.
  private final @Nullable ConnectorSettings sunJsse;

  private SmtpConnector(ConnectorSettings settings) {
    this.settings = settings;
    this.sunJsse = settings.tlsProvider() == TlsProvider.CONSCRYPT ? onSunJsse(settings) : null;
  }

  private static String retryNote(String conscryptMessage) {
    return "Conscrypt's TLS hello was rejected (\""
        + conscryptMessage
        + "\"), as a server that offers only DHE or FFDHE, which BoringSSL lacks, rejects it."
        + " This connection was made again on SunJSSE.";
  }

  private static @Nullable ConnectorSettings onSunJsse(ConnectorSettings settings) {
    try {
      return settings.toBuilder().tlsProvider(TlsProvider.SUNJSSE).build();
    } catch (IllegalArgumentException e) {
      // The settings name protocols or cipher suites that SunJSSE does not offer.
      return null;
    }
  }

  /** Creates a connector with these settings. */
  public static SmtpConnector create(ConnectorSettings settings) {
    return new SmtpConnector(Objects.requireNonNull(settings, "settings"));
  }

  /** Creates a connector with {@link ConnectorSettings#defaults()}. */
  public static SmtpConnector withDefaults() {
    return create(ConnectorSettings.defaults());
  }

  /** Returns the settings. */
  public ConnectorSettings settings() {
    return settings;
  }

  /**
   * Connects to the target, runs the conversation described in the class documentation and closes
   * the connection. Expected failures, from a refused connection to a failed DANE check, are
   * reported in the result, never thrown.
   *
   * @return the outcome; the socket is closed when this method returns
   */
  public SmtpConnectionResult connect(SmtpTarget target) {
    Objects.requireNonNull(target, "target");
    Attempt attempt = SmtpSession.run(settings, target);
    ConnectorSettings fallback = sunJsse;
    if (attempt.helloRejected() && fallback != null) {
      // BoringSSL has no finite-field Diffie-Hellman, but an MTA on OpenSSL reaches such a server,
      // so SunJSSE checks it in full.
      Attempt again = SmtpSession.run(fallback, target);
      return new SmtpConnectionResult(
          target, TlsProvider.SUNJSSE, again, retryNote(attempt.message()));
    }
    return new SmtpConnectionResult(target, settings.tlsProvider(), attempt);
  }
}
