package io.github.dane4j.core.spi;

import java.util.Locale;

/**
 * A request for the TLSA RRset of a service: {@code _<port>._<protocol>.<base domain>} (RFC 6698
 * section 3, RFC 7672 section 2.2.3).
 *
 * @param baseDomain the TLSA base domain, absolute, with or without the trailing dot; an IDN must
 *     be given in A-label form
 * @param port the port actually connected to, from 1 to 65535
 * @param protocol the transport protocol label: {@code tcp}, {@code udp} or {@code sctp}
 */
public record TlsaQuery(String baseDomain, int port, String protocol) {
  /** Checks the fields and normalises the base domain to lower case without a trailing dot. */
  public TlsaQuery {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Invalid port " + port + ": must be from 1 to 65535");
    }
    protocol = protocol.toLowerCase(Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new IllegalArgumentException(
          "Invalid protocol \"" + protocol + "\": must be tcp, udp or sctp");
    }
    String name =
        baseDomain.endsWith(".") ? baseDomain.substring(0, baseDomain.length() - 1) : baseDomain;
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Invalid TLSA base domain: the name is empty");
    }
    if (!name.chars().allMatch(c -> c < 0x80)) {
      throw new IllegalArgumentException(
          "Invalid TLSA base domain \""
              + baseDomain
              + "\": convert internationalised names to A-labels first (java.net.IDN.toASCII)");
    }
    baseDomain = name.toLowerCase(Locale.ROOT);
  }

  /** Creates a query for SMTP over TCP on the given port. */
  public static TlsaQuery tcp(String baseDomain, int port) {
    return new TlsaQuery(baseDomain, port, "tcp");
  }

  /** Returns the owner name to query, absolute with the trailing dot, e.g. {@code _25._tcp.mx.}. */
  public String ownerName() {
    return "_" + port + "._" + protocol + "." + baseDomain + ".";
  }
}
