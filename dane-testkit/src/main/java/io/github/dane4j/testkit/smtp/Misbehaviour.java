package io.github.dane4j.testkit.smtp;

/**
 * A scripted deviation of {@link TestSmtpServer} from a correct SMTP server, for testing how a
 * client copes with broken, hostile or unusual servers.
 *
 * <p>Values of different groups combine. Within each of the groups "greeting text" ({@link
 * #GREETING_MULTILINE}, {@link #GREETING_554}, {@link #GREETING_OVERLONG_LINE}), "STARTTLS reply",
 * "TLS handshake", "EHLO reply" ({@link #EHLO_ENDLESS_CONTINUATION}, {@link #EHLO_MISMATCHED_CODE},
 * {@link #EHLO_CODE_600}, {@link #EHLO_BARE_FINAL_LINE}, {@link #EHLO_REJECTED_500}) and "EHLO
 * after TLS", at most one value may be chosen. {@link #SILENT} combines with nothing. The STARTTLS
 * values need STARTTLS mode, so they do not combine with implicit TLS. {@link
 * TestSmtpServer.Builder#build()} rejects every other combination.
 */
public enum Misbehaviour {
  /**
   * Omits {@code STARTTLS} from the EHLO reply, as an attacker who strips it would (RFC 3207
   * section 6). A client that sends {@code STARTTLS} anyway gets the normal reply, unless a
   * STARTTLS reply misbehaviour such as {@link #STARTTLS_REPLY_502} is also set.
   */
  NO_STARTTLS_ADVERTISED(Group.STARTTLS_ADVERTISEMENT),

  /**
   * Replies to {@code STARTTLS} with {@code 454 4.7.0 TLS not available due to temporary reason}
   * and stays in plaintext (RFC 3207 section 4).
   */
  STARTTLS_REPLY_454(Group.STARTTLS_REPLY),

  /** Replies to {@code STARTTLS} with {@code 501 5.5.4 Syntax error} and stays in plaintext. */
  STARTTLS_REPLY_501(Group.STARTTLS_REPLY),

  /**
   * Replies to {@code STARTTLS} with {@code 502 5.5.1 Command not implemented} and stays in
   * plaintext.
   */
  STARTTLS_REPLY_502(Group.STARTTLS_REPLY),

  /**
   * Replies to {@code STARTTLS} with the positive but wrong code {@code 250 2.0.0 OK} and stays in
   * plaintext; only {@code 220} starts TLS (RFC 3207 section 4).
   */
  STARTTLS_REPLY_250(Group.STARTTLS_REPLY),

  /**
   * Replies to {@code STARTTLS} with the malformed four-digit code {@code 2201 Ready}, which a
   * client that reads only the first three digits takes for {@code 220}, and stays in plaintext.
   */
  STARTTLS_REPLY_2201(Group.STARTTLS_REPLY),

  /** Sends {@code 220 2.0.0 Ready to start TLS} and then closes the TCP connection at once. */
  STARTTLS_DROP_AFTER_220(Group.STARTTLS_REPLY),

  /**
   * Replies to {@code STARTTLS} with {@code 220 go\r\n250 injected\r\n} in a single write and
   * flush, then starts the TLS handshake. The second line models plaintext that an attacker appends
   * to the reply (CVE-2011-0411); a client must never read it as part of the TLS session.
   */
  STARTTLS_PLAINTEXT_AFTER_220(Group.STARTTLS_REPLY),

  /**
   * Replies to {@code STARTTLS} with the multi-line reply {@code 220-ready\r\n220 go\r\n}, which is
   * valid (RFC 5321 section 4.2), then starts the TLS handshake.
   */
  STARTTLS_MULTILINE_220(Group.STARTTLS_REPLY),

  /**
   * Ends the TLS handshake with a fatal {@code handshake_failure} alert: the server offers no
   * certificate for any key type, so SunJSSE finds no usable cipher suite or signature scheme.
   */
  HANDSHAKE_FAILURE_ALERT(Group.HANDSHAKE),

  /**
   * Closes the TCP connection in the middle of the TLS handshake: the server reads the first bytes
   * of the ClientHello and closes without sending anything.
   */
  HANDSHAKE_ABORT(Group.HANDSHAKE),

  /**
   * Presents the configured certificates but signs with a newly generated private key of the same
   * type, so the client rejects the server's signature (the TLS 1.3 CertificateVerify or the TLS
   * 1.2 ServerKeyExchange).
   */
  HANDSHAKE_WRONG_PRIVATE_KEY(Group.HANDSHAKE),

  /**
   * Sends a three-line greeting: {@code 220-name ESMTP}, {@code 220-...}, {@code 220 name ready}.
   */
  GREETING_MULTILINE(Group.GREETING_TEXT),

  /**
   * Sends the greeting in several writes, each flushed, that split the lines: after the first byte,
   * after the reply code, in the middle of the text and between CR and LF. {@code TCP_NODELAY} is
   * set, but TCP may still join the pieces into fewer segments.
   */
  GREETING_FRAGMENTED(Group.GREETING_LAYOUT),

  /**
   * Sends the greeting {@code 554 name no service} and then replies with {@code 503} to every
   * command except {@code QUIT} (RFC 5321 section 3.1).
   */
  GREETING_554(Group.GREETING_TEXT),

  /**
   * Sends a greeting line of {@value TestSmtpServer#OVERLONG_LINE_BYTES} bytes without CRLF, then
   * sends nothing more and waits for the client to close.
   */
  GREETING_OVERLONG_LINE(Group.GREETING_TEXT),

  /**
   * Accepts the TCP connection and never sends a byte. The server discards what it receives and
   * closes when the client closes, when the read timeout expires or when the server is closed.
   */
  SILENT(Group.ALONE),

  /**
   * Replies to EHLO with {@code 250-name} followed by {@code 250-x} continuation lines until the
   * client disconnects. After {@value TestSmtpServer#ENDLESS_REPLY_MAX_LINES} lines the server ends
   * the reply with {@code 250 x}, so the reply is finite but far longer than any client should
   * accept.
   */
  EHLO_ENDLESS_CONTINUATION(Group.EHLO_REPLY),

  /**
   * Ends the EHLO reply with a line whose code differs from the lines before it ({@code 250-...}
   * then {@code 251 8BITMIME}), which RFC 5321 section 4.2.1 forbids.
   */
  EHLO_MISMATCHED_CODE(Group.EHLO_REPLY),

  /**
   * Replies to EHLO with the single line {@code 600 name}, a code whose first digit RFC 5321
   * section 4.2 does not define.
   */
  EHLO_CODE_600(Group.EHLO_REPLY),

  /**
   * Ends the EHLO reply with the bare line {@code 250}, without a space or text, which RFC 5321
   * section 4.2 allows.
   */
  EHLO_BARE_FINAL_LINE(Group.EHLO_REPLY),

  /**
   * Writes the EHLO keywords in lower case ({@code 250-starttls}); keywords are not case-sensitive
   * (RFC 5321 section 4.1.1.1).
   */
  EHLO_LOWER_CASE_KEYWORDS(Group.EHLO_CASE),

  /**
   * Replies to every EHLO with {@code 500 5.5.1 Command unrecognized}, so the client has to fall
   * back to HELO (RFC 5321 section 3.2). HELO gets the normal reply.
   */
  EHLO_REJECTED_500(Group.EHLO_REPLY),

  /** Replies to an EHLO after the TLS handshake with {@code 554 5.7.0 EHLO rejected}. */
  POST_TLS_EHLO_554(Group.POST_TLS_EHLO),

  /**
   * Advertises {@code STARTTLS} in the EHLO reply after the TLS handshake as well, which RFC 3207
   * section 4.2 forbids. A second {@code STARTTLS} still gets {@code 503}.
   */
  POST_TLS_STARTTLS_ADVERTISED(Group.POST_TLS_EHLO),

  /**
   * Completes the TLS handshake and then never sends another byte: the server discards what the
   * client sends and closes when the client closes, when the read timeout expires or when the
   * server is closed. With implicit TLS no greeting follows the handshake. Clients wait inside an
   * established TLS session, which is what a measurement of the memory of stalled connections
   * needs.
   */
  POST_TLS_SILENT(Group.POST_TLS_EHLO),

  /**
   * Sends every reply one byte at a time, with a flush after each byte, before and after TLS, so
   * that a client must assemble lines from many reads. Combines with the other misbehaviours.
   */
  DRIP(Group.WIRE_PACING);

  private final Group group;

  Misbehaviour(Group group) {
    this.group = group;
  }

  /** Returns the group within which at most one value may be chosen. */
  Group group() {
    return group;
  }

  /** Returns whether this value only makes sense when the server offers STARTTLS. */
  boolean needsStarttls() {
    return group == Group.STARTTLS_ADVERTISEMENT || group == Group.STARTTLS_REPLY;
  }

  /** Sets of misbehaviours that affect the same reply, so that only one of each may be chosen. */
  enum Group {
    STARTTLS_ADVERTISEMENT,
    STARTTLS_REPLY,
    HANDSHAKE,
    GREETING_TEXT,
    GREETING_LAYOUT,
    EHLO_REPLY,
    EHLO_CASE,
    POST_TLS_EHLO,
    WIRE_PACING,
    /** A value that combines with no other. */
    ALONE
  }
}
