package io.github.dane4j.testkit.smtp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The record of one TCP connection to {@link TestSmtpServer}, as a snapshot taken when it was
 * requested.
 *
 * @param clientAddress the client's address and port
 * @param sniHostName the host name from the client's SNI extension (RFC 6066 section 3), or null if
 *     no handshake reached the ClientHello or the client sent no SNI
 * @param commands the command lines received outside the DATA phase, without CRLF, in order; only
 *     the first {@value TestSmtpServer#MAX_RECORDED_COMMANDS} are kept
 * @param ehloNames the arguments of the EHLO and HELO commands, in order
 * @param tlsNegotiated whether a TLS handshake completed on the connection
 * @param tlsProtocol the negotiated protocol, such as {@code TLSv1.3}, or null without TLS
 * @param tlsCipherSuite the negotiated cipher suite, or null without TLS
 * @param tlsFailure the message of the server's exception when a TLS handshake failed, or null
 * @param bytesDiscardedAfterStarttls the number of bytes that the client sent after the {@code
 *     STARTTLS} command and that had arrived before the server replied; the server discards them
 *     (RFC 3207 section 4 requires the client to wait for the reply)
 * @param messageCount the number of messages received with DATA
 * @param messageBytes the total size of those messages in bytes, after dot-unstuffing, with CRLF
 *     line ends; their content is discarded
 * @param ended whether the connection is closed
 */
public record SmtpSession(
    InetSocketAddress clientAddress,
    @Nullable String sniHostName,
    List<String> commands,
    List<String> ehloNames,
    boolean tlsNegotiated,
    @Nullable String tlsProtocol,
    @Nullable String tlsCipherSuite,
    @Nullable String tlsFailure,
    int bytesDiscardedAfterStarttls,
    int messageCount,
    long messageBytes,
    boolean ended) {

  /** Checks and copies the components. */
  public SmtpSession {
    Objects.requireNonNull(clientAddress, "clientAddress");
    commands = List.copyOf(commands);
    ehloNames = List.copyOf(ehloNames);
  }
}
