package io.github.dane4j.smtp;

import io.github.dane4j.smtp.internal.CommandWriter;
import io.github.dane4j.smtp.internal.HostNames;
import io.github.dane4j.smtp.internal.TlsContexts;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Timeouts, limits and TLS options of a {@link SmtpConnector}. Create instances with {@link
 * #builder()}; instances are immutable.
 *
 * <p>The default timeouts suit a monitor that checks many servers and needs results soon. They are
 * far below the minimums that RFC 5321 section 4.5.3.2 sets for an MTA delivering mail (5 minutes
 * for the greeting and for most commands); a delivering MTA should raise them.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>connect timeout</td><td>10 s</td></tr>
 *   <tr><td>read timeout (longest wait for the next bytes)</td><td>30 s</td></tr>
 *   <tr><td>greeting timeout (the whole greeting)</td><td>60 s</td></tr>
 *   <tr><td>command timeout (a command and its whole reply)</td><td>60 s</td></tr>
 *   <tr><td>handshake timeout (the whole TLS handshake)</td><td>60 s</td></tr>
 *   <tr><td>EHLO name</td><td>{@code localhost}</td></tr>
 *   <tr><td>TLS provider</td><td>{@link TlsProvider#SUNJSSE}</td></tr>
 *   <tr><td>TLS protocols</td><td>TLSv1.3, TLSv1.2</td></tr>
 *   <tr><td>cipher suites</td><td>the provider's defaults</td></tr>
 *   <tr><td>maximum reply line length</td><td>2048 bytes, including CRLF</td></tr>
 *   <tr><td>maximum lines per reply</td><td>100</td></tr>
 *   <tr><td>maximum bytes per reply</td><td>65536</td></tr>
 * </table>
 */
public final class ConnectorSettings {
  private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  private static final int MIN_LINE_LENGTH = 16;
  private static final int MAX_LINE_LENGTH = 1 << 20;
  private static final int MAX_LINES = 10_000;
  private static final int MAX_REPLY_BYTES = 16 << 20;

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration greetingTimeout;
  private final Duration commandTimeout;
  private final Duration handshakeTimeout;
  private final String ehloName;
  private final TlsProvider tlsProvider;
  private final List<String> tlsProtocols;
  private final List<String> cipherSuites;
  private final int maxReplyLineLength;
  private final int maxReplyLines;
  private final int maxReplyBytes;

  private ConnectorSettings(Builder builder) {
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.greetingTimeout = builder.greetingTimeout;
    this.commandTimeout = builder.commandTimeout;
    this.handshakeTimeout = builder.handshakeTimeout;
    this.ehloName = builder.ehloName;
    this.tlsProvider = builder.tlsProvider;
    this.tlsProtocols = builder.tlsProtocols;
    this.cipherSuites = builder.cipherSuites;
    this.maxReplyLineLength = builder.maxReplyLineLength;
    this.maxReplyLines = builder.maxReplyLines;
    this.maxReplyBytes = builder.maxReplyBytes;
  }

  /** Returns a builder with the defaults listed in the class documentation. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns settings with every default. */
  public static ConnectorSettings defaults() {
    return builder().build();
  }

  /** Returns a builder that starts from these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.connectTimeout = connectTimeout;
    builder.readTimeout = readTimeout;
    builder.greetingTimeout = greetingTimeout;
    builder.commandTimeout = commandTimeout;
    builder.handshakeTimeout = handshakeTimeout;
    builder.ehloName = ehloName;
    builder.tlsProvider = tlsProvider;
    builder.tlsProtocols = tlsProtocols;
    builder.cipherSuites = cipherSuites;
    builder.maxReplyLineLength = maxReplyLineLength;
    builder.maxReplyLines = maxReplyLines;
    builder.maxReplyBytes = maxReplyBytes;
    return builder;
  }

  /** Returns the longest wait for the TCP connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the longest wait for the next bytes of any read, in plaintext or inside TLS. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** Returns the longest wait for the complete greeting, from the end of the connect. */
  public Duration greetingTimeout() {
    return greetingTimeout;
  }

  /** Returns the longest time for sending one command and reading its complete reply. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** Returns the longest time for the whole TLS handshake, including the DANE check. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Returns the name sent with EHLO and HELO. */
  public String ehloName() {
    return ehloName;
  }

  /** Returns the TLS provider. */
  public TlsProvider tlsProvider() {
    return tlsProvider;
  }

  /** Returns the enabled TLS protocol versions, such as {@code TLSv1.3}. */
  public List<String> tlsProtocols() {
    return tlsProtocols;
  }

  /** Returns the enabled cipher suites, or an empty list for the provider's defaults. */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** Returns the maximum length of one reply line in bytes, including CRLF. */
  public int maxReplyLineLength() {
    return maxReplyLineLength;
  }

  /** Returns the maximum number of lines of one reply. */
  public int maxReplyLines() {
    return maxReplyLines;
  }

  /** Returns the maximum number of bytes of one reply, all lines together. */
  public int maxReplyBytes() {
    return maxReplyBytes;
  }

  @Override
  public String toString() {
    return "ConnectorSettings{connect="
        + connectTimeout
        + ", read="
        + readTimeout
        + ", greeting="
        + greetingTimeout
        + ", command="
        + commandTimeout
        + ", handshake="
        + handshakeTimeout
        + ", ehloName="
        + ehloName
        + ", provider="
        + tlsProvider
        + ", protocols="
        + tlsProtocols
        + ", cipherSuites="
        + (cipherSuites.isEmpty() ? "provider defaults" : cipherSuites)
        + ", maxReplyLineLength="
        + maxReplyLineLength
        + ", maxReplyLines="
        + maxReplyLines
        + ", maxReplyBytes="
        + maxReplyBytes
        + "}";
  }

  /** Builds {@link ConnectorSettings}. Every setting is optional. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration greetingTimeout = Duration.ofSeconds(60);
    private Duration commandTimeout = Duration.ofSeconds(60);
    private Duration handshakeTimeout = Duration.ofSeconds(60);
    private String ehloName = "localhost";
    private TlsProvider tlsProvider = TlsProvider.SUNJSSE;
    private List<String> tlsProtocols = List.of("TLSv1.3", "TLSv1.2");
    private List<String> cipherSuites = List.of();
    private int maxReplyLineLength = 2048;
    private int maxReplyLines = 100;
    private int maxReplyBytes = 65_536;

    private Builder() {}

    /**
     * Sets the longest wait for the TCP connection.
     *
     * @throws IllegalArgumentException if the timeout is shorter than 1 ms or longer than 1 hour
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connect timeout");
      return this;
    }

    /**
     * Sets the longest wait for the next bytes of any read.
     *
     * @throws IllegalArgumentException if the timeout is shorter than 1 ms or longer than 1 hour
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "read timeout");
      return this;
    }

    /**
     * Sets the longest wait for the complete greeting. RFC 5321 section 4.5.3.2.1 recommends that a
     * delivering MTA wait at least 5 minutes.
     *
     * @throws IllegalArgumentException if the timeout is shorter than 1 ms or longer than 1 hour
     */
    public Builder greetingTimeout(Duration timeout) {
      this.greetingTimeout = checkTimeout(timeout, "greeting timeout");
      return this;
    }

    /**
     * Sets the longest time for one command and its complete reply (EHLO, HELO, STARTTLS, QUIT).
     * RFC 5321 section 4.5.3.2 names no value for these commands; 5 minutes, its value for MAIL, is
     * a safe choice for a delivering MTA.
     *
     * @throws IllegalArgumentException if the timeout is shorter than 1 ms or longer than 1 hour
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = checkTimeout(timeout, "command timeout");
      return this;
    }

    /**
     * Sets the longest time for the whole TLS handshake.
     *
     * @throws IllegalArgumentException if the timeout is shorter than 1 ms or longer than 1 hour
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = checkTimeout(timeout, "handshake timeout");
      return this;
    }

    /**
     * Sets the name sent with EHLO and HELO: the client's fully qualified domain name, or an
     * address literal such as {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]} (RFC 5321 section
     * 4.1.1.1).
     *
     * @throws IllegalArgumentException if the name is neither a host name nor an address literal
     */
    public Builder ehloName(String name) {
      this.ehloName = HostNames.requireEhloName(name);
      CommandWriter.checkArgument(this.ehloName);
      return this;
    }

    /**
     * Sets the TLS provider.
     *
     * @throws IllegalStateException if the provider is not available here, for example Conscrypt
     *     without its jar
     */
    public Builder tlsProvider(TlsProvider provider) {
      Objects.requireNonNull(provider, "provider");
      if (!provider.isAvailable()) {
        throw new IllegalStateException(
            "The TLS provider "
                + provider
                + " is not available: add org.conscrypt:conscrypt-openjdk-uber to the class"
                + " path (its native library must load on this platform), or use "
                + TlsProvider.SUNJSSE);
      }
      this.tlsProvider = provider;
      return this;
    }

    /**
     * Sets the TLS protocol versions to enable, such as {@code TLSv1.3} and {@code TLSv1.2}. RFC
     * 7671 section 3 requires DANE clients to support TLS 1.0 and later, but the JDK disables TLS
     * 1.0 and 1.1 through {@code jdk.tls.disabledAlgorithms}; {@link #build()} checks the names
     * against the provider.
     *
     * @throws IllegalArgumentException if the list is empty
     * @throws NullPointerException if the list or one of its names is null
     */
    public Builder tlsProtocols(List<String> protocols) {
      Objects.requireNonNull(protocols, "protocols");
      for (String protocol : protocols) {
        if (protocol == null) {
          throw new NullPointerException(
              "A TLS protocol name is null in " + protocols + "; give names such as TLSv1.3");
        }
      }
      List<String> copy = List.copyOf(protocols);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("No TLS protocol given; enable at least TLSv1.2");
      }
      this.tlsProtocols = copy;
      return this;
    }

    /**
     * Sets the cipher suites to enable, by their JSSE names; an empty list keeps the provider's
     * defaults. {@link #build()} checks the names against the provider.
     */
    public Builder cipherSuites(List<String> suites) {
      this.cipherSuites = List.copyOf(suites);
      return this;
    }

    /**
     * Sets the maximum length of one reply line in bytes, including CRLF. RFC 5321 section
     * 4.5.3.1.5 sets 512 bytes, but real servers send longer lines.
     *
     * @throws IllegalArgumentException if the value is below 16 or above 1 MiB
     */
    public Builder maxReplyLineLength(int bytes) {
      this.maxReplyLineLength = checkRange(bytes, MIN_LINE_LENGTH, MAX_LINE_LENGTH, "line length");
      return this;
    }

    /**
     * Sets the maximum number of lines of one reply.
     *
     * @throws IllegalArgumentException if the value is below 1 or above 10000
     */
    public Builder maxReplyLines(int lines) {
      this.maxReplyLines = checkRange(lines, 1, MAX_LINES, "number of reply lines");
      return this;
    }

    /**
     * Sets the maximum number of bytes of one reply, all lines together.
     *
     * @throws IllegalArgumentException if the value is below 16 or above 16 MiB
     */
    public Builder maxReplyBytes(int bytes) {
      this.maxReplyBytes = checkRange(bytes, MIN_LINE_LENGTH, MAX_REPLY_BYTES, "reply size");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException if the provider does not support a configured protocol or
     *     cipher suite
     */
    public ConnectorSettings build() {
      TlsContexts.checkSupported(tlsProvider, tlsProtocols, cipherSuites);
      return new ConnectorSettings(this);
    }

    private static Duration checkTimeout(Duration timeout, String what) {
      Objects.requireNonNull(timeout, what);
      if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "Invalid " + what + " " + timeout + ": must be from 1 ms to 1 hour");
      }
      return timeout;
    }

    private static int checkRange(int value, int min, int max, String what) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            "Invalid maximum " + what + " " + value + ": must be from " + min + " to " + max);
      }
      return value;
    }
  }
}
