package io.github.dane4j.testkit.smtp;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The checked configuration that every connection of one {@link TestSmtpServer} shares.
 *
 * @param serverName the host name in the greeting and the EHLO reply
 * @param sslContext the server context; with {@link Misbehaviour#HANDSHAKE_FAILURE_ALERT} or {@link
 *     Misbehaviour#HANDSHAKE_WRONG_PRIVATE_KEY} its key manager is already the broken one
 * @param tlsProtocols the protocols the server enables, such as {@code TLSv1.3}
 * @param tlsCipherSuites the cipher suites the server enables, or an empty list for SunJSSE's
 *     defaults
 * @param implicitTls whether the TLS handshake comes before the greeting (RFC 8314 section 3)
 * @param misbehaviours the scripted deviations, already checked for conflicts
 * @param readTimeout the longest wait for the client's next bytes
 * @param maxMessageSize the SIZE value advertised and enforced, in bytes
 */
record ServerSettings(
    String serverName,
    SSLContext sslContext,
    List<String> tlsProtocols,
    List<String> tlsCipherSuites,
    boolean implicitTls,
    Set<Misbehaviour> misbehaviours,
    Duration readTimeout,
    long maxMessageSize) {

  ServerSettings {
    tlsProtocols = List.copyOf(tlsProtocols);
    tlsCipherSuites = List.copyOf(tlsCipherSuites);
    misbehaviours = Set.copyOf(misbehaviours);
  }

  boolean has(Misbehaviour misbehaviour) {
    return misbehaviours.contains(misbehaviour);
  }
}
