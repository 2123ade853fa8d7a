package io.github.dane4j.testkit.dns;

/** Transport on which the test DNS server received a query. */
public enum Transport {
  /** A single datagram, answers limited by the client's EDNS0 payload size (RFC 6891). */
  UDP,
  /** A TCP connection with 2-byte length framing (RFC 1035 section 4.2.2, RFC 7766). */
  TCP
}
