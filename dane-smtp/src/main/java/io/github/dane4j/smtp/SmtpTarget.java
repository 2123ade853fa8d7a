package io.github.dane4j.smtp;

import io.github.dane4j.core.DaneTrustManager;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.smtp.internal.HostNames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One server to check: an IP address and port, how TLS starts, the DANE trust manager and the SNI
 * name. Create instances with {@link #builder()}; instances are immutable.
 *
 * <p>The target contains no host name to resolve: the caller resolves the MX host through a
 * DNSSEC-aware path and passes the exact address, because a second lookup through the system
 * resolver would lose the DNSSEC status (RFC 7672 section 2.2.2).
 *
 * <pre>{@code
 * SmtpTarget target = SmtpTarget.builder()
 *     .address(InetAddress.getByName("192.0.2.25"), 25)
 *     .tlsa(tlsaAnswer, List.of("mx.example.org", "example.org"))
 *     .build();
 * }</pre>
 */
public final class SmtpTarget {
  private final InetSocketAddress address;
  private final TlsMode tlsMode;
  private final DaneTrustManager trustManager;
  private final String sniHostName;
  private final boolean sniSent;

  private SmtpTarget(
      InetSocketAddress address,
      TlsMode tlsMode,
      DaneTrustManager trustManager,
      String sniHostName,
      boolean sniSent) {
    this.address = address;
    this.tlsMode = tlsMode;
    this.trustManager = trustManager;
    this.sniHostName = sniHostName;
    this.sniSent = sniSent;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the IP address and port to connect to. */
  public InetSocketAddress address() {
    return address;
  }

  /** Returns how TLS starts. */
  public TlsMode tlsMode() {
    return tlsMode;
  }

  /** Returns the trust manager that decides about the server's certificate chain. */
  public DaneTrustManager trustManager() {
    return trustManager;
  }

  /** Returns the SNI host name: the TLSA base domain, without a trailing dot. */
  public String sniHostName() {
    return sniHostName;
  }

  /**
   * Returns whether the handshake sends {@link #sniHostName()} in the SNI extension; false only
   * after {@link Builder#omitSni()}.
   */
  public boolean sniSent() {
    return sniSent;
  }

  /**
   * Returns the TLSA owner name for this connection, {@code _<port>._tcp.<SNI name>.}, built from
   * the port actually connected to (RFC 7672 section 2.2.3).
   */
  public String tlsaOwnerName() {
    return TlsaQuery.tcp(sniHostName, address.getPort()).ownerName();
  }

  @Override
  public String toString() {
    return tlsMode + " " + address + (sniSent ? " (SNI " + sniHostName + ")" : " (no SNI)");
  }

  /**
   * Builds a {@link SmtpTarget}. The address and the trust (a trust manager or TLSA data) are
   * required; the TLS mode defaults to {@link TlsMode#STARTTLS}.
   */
  public static final class Builder {
    private @Nullable InetSocketAddress address;
    private TlsMode tlsMode = TlsMode.STARTTLS;
    private @Nullable DaneTrustManager trustManager;
    private @Nullable String tlsaQueryName;
    private @Nullable String sniHostName;
    private boolean sniSent = true;

    private Builder() {}

    /**
     * Sets the IP address and port.
     *
     * @throws IllegalArgumentException if the port is outside 1 to 65535
     */
    public Builder address(InetAddress ipAddress, int port) {
      Objects.requireNonNull(ipAddress, "ipAddress");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("Invalid port " + port + ": must be from 1 to 65535");
      }
      this.address = new InetSocketAddress(ipAddress, port);
      return this;
    }

    /**
     * Sets the IP address and port.
     *
     * @throws IllegalArgumentException if the address is unresolved (a host name without an IP
     *     address) or its port is 0
     */
    public Builder address(InetSocketAddress socketAddress) {
      if (socketAddress.isUnresolved()) {
        throw new IllegalArgumentException(
            "Invalid address "
                + socketAddress
                + ": it is unresolved; resolve the host through a DNSSEC-aware lookup and pass"
                + " the IP address");
      }
      InetAddress ipAddress = Objects.requireNonNull(socketAddress.getAddress());
      return address(ipAddress, socketAddress.getPort());
    }

    /** Sets how TLS starts; the default is {@link TlsMode#STARTTLS}. */
    public Builder tlsMode(TlsMode mode) {
      this.tlsMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the trust manager. The SNI name defaults to its first reference name, the TLSA base
     * domain.
     *
     * <p>The connector reads the trust manager's outcome right after its check, holding the trust
     * manager's lock, so that connections through the connector never mix up their outcomes. Code
     * that uses the same trust manager concurrently outside the connector can still change {@link
     * DaneTrustManager#lastOutcome()}; give each target its own trust manager to rule that out.
     *
     * @throws IllegalStateException if the trust was already set
     */
    public Builder trustManager(DaneTrustManager manager) {
      requireTrustUnset();
      this.trustManager = Objects.requireNonNull(manager, "manager");
      return this;
    }

    /**
     * Builds the trust manager from a TLSA answer and the reference names, TLSA base domain first.
     * {@link #build()} checks that the answer was asked for the port of {@link #address}, since the
     * TLSA owner name must use the port actually connected to (RFC 7672 section 2.2.3, RFC 6698
     * section 4).
     *
     * @throws IllegalArgumentException if the answer is a lookup failure or unverified, or a
     *     reference name is invalid (see {@link DaneTrustManager.Builder#tlsa})
     * @throws IllegalStateException if the trust was already set
     */
    public Builder tlsa(DnsAnswer<TlsaRecord> answer, List<String> referenceNames) {
      requireTrustUnset();
      this.trustManager =
          DaneTrustManager.builder().tlsa(answer).referenceNames(referenceNames).build();
      this.tlsaQueryName = answer.queryName();
      return this;
    }

    /**
     * Builds the trust manager from TLSA records that the caller asserts are DNSSEC-secure and the
     * reference names, TLSA base domain first.
     *
     * @throws IllegalArgumentException if {@code records} is empty or a reference name is invalid
     * @throws IllegalStateException if the trust was already set
     */
    public Builder tlsaRecords(Collection<TlsaRecord> records, List<String> referenceNames) {
      requireTrustUnset();
      this.trustManager =
          DaneTrustManager.builder().tlsaRecords(records).referenceNames(referenceNames).build();
      return this;
    }

    /**
     * Sets the SNI host name, which RFC 7672 section 8.1 requires to be the TLSA base domain. The
     * default is the first reference name of the trust manager. One trailing dot is removed.
     *
     * @throws IllegalArgumentException if the name is not a host name in A-label form
     */
    public Builder sniHostName(String name) {
      this.sniHostName = HostNames.requireHostName(name, "SNI host name");
      return this;
    }

    /**
     * Sends no SNI extension. Use it only where DANE does not apply and no host name exists, such
     * as an address-literal next hop ({@code [192.0.2.1]}, RFC 7672 section 2.2), because RFC 6066
     * section 3 allows only DNS host names in SNI. The trust manager still needs a reference name.
     */
    public Builder omitSni() {
      this.sniSent = false;
      return this;
    }

    /**
     * Builds the target.
     *
     * @throws IllegalStateException if the address or the trust is missing
     * @throws IllegalArgumentException if the TLSA answer given to {@link #tlsa} was asked for a
     *     different port or base domain than this connection uses
     */
    public SmtpTarget build() {
      InetSocketAddress socketAddress = address;
      if (socketAddress == null) {
        throw new IllegalStateException("No address: call address(ip, port) before build()");
      }
      DaneTrustManager manager = trustManager;
      if (manager == null) {
        throw new IllegalStateException(
            "No trust: call trustManager(...), tlsa(...) or tlsaRecords(...) before build()");
      }
      String sni =
          sniHostName != null
              ? sniHostName
              : HostNames.requireHostName(manager.referenceNames().get(0), "TLSA base domain");
      String queryName = tlsaQueryName;
      if (queryName != null) {
        checkTlsaOwner(queryName, sni, socketAddress.getPort());
      }
      return new SmtpTarget(socketAddress, tlsMode, manager, sni, sniSent);
    }

    private void requireTrustUnset() {
      if (trustManager != null) {
        throw new IllegalStateException(
            "The trust is already set; call trustManager(...), tlsa(...) or tlsaRecords(...)"
                + " once");
      }
    }

    private static void checkTlsaOwner(String queryName, String sni, int port) {
      String expected = TlsaQuery.tcp(sni, port).ownerName();
      String actual = queryName.endsWith(".") ? queryName : queryName + ".";
      if (!actual.toLowerCase(Locale.ROOT).equals(expected)) {
        throw new IllegalArgumentException(
            "The TLSA answer is for "
                + actual
                + ", but this connection needs "
                + expected
                + ": the TLSA owner name must use the port actually connected to and the TLSA"
                + " base domain sent as SNI (RFC 7672 section 2.2.3, RFC 6698 section 4)");
      }
    }
  }
}
