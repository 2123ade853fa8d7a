package io.github.dane4j.core.spi;

/** An IP address family, selecting A or AAAA records. */
public enum AddressFamily {
  /** IPv4, A records. */
  IPV4,
  /** IPv6, AAAA records. */
  IPV6
}
