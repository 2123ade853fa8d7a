package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.ExtendedDnsError;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A query to an upstream resolver that produced no usable response: a timeout, a malformed or
 * oversized response, or an RCODE other than NOERROR and NXDOMAIN.
 */
final class UpstreamFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** The RCODE of the response, or -1 when no usable response arrived. */
  private final int rcode;

  private final transient @Nullable ExtendedDnsError extendedError;

  UpstreamFailure(String message, int rcode, @Nullable ExtendedDnsError extendedError) {
    super(message);
    this.rcode = rcode;
    this.extendedError = extendedError;
  }

  UpstreamFailure(String message, Throwable cause) {
    super(message, cause);
    this.rcode = -1;
    this.extendedError = null;
  }

  int rcode() {
    return rcode;
  }

  @Nullable ExtendedDnsError extendedError() {
    return extendedError;
  }
}
