package io.github.dane4j.core.spi;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Provider-neutral configuration of a {@link DnsFetcher}: which resolvers to ask, how the DNSSEC
 * status is established, time limits and bounds on the work done per lookup.
 *
 * <p>Instances are immutable; build them with {@link #builder()}. A provider ignores the settings
 * that do not apply to it and documents which those are. For example, the JNDI provider of dane-dns
 * cannot observe DNSSEC, so it ignores {@link #validation()} and the trust anchors.
 *
 * <p>Security: the defaults validate in-process from the IANA root trust anchors that the provider
 * has built in. {@link Validation#TRUSTED_RESOLVER} accepts the AD bit of resolvers on the loopback
 * interface only, unless {@link Builder#allowUnauthenticatedAdBitFromRemoteResolvers(boolean)} is
 * set (RFC 4035 section 4.9.3, RFC 6698 section 4.1).
 */
public final class DnsFetcherSettings {

  /** Default time one query waits for its response before it is retried. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);

  /** Default number of times a query is sent again after a timeout or an unusable response. */
  public static final int DEFAULT_RETRIES = 2;

  /** Default time limit of a whole lookup, including alias chasing and DNSSEC validation. */
  public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Default maximum number of CNAME records (including CNAMEs synthesised from DNAME records) that
   * one lookup follows.
   */
  public static final int DEFAULT_MAX_ALIAS_HOPS = 8;

  /** Default maximum number of resource records in one response, over all sections. */
  public static final int DEFAULT_MAX_RECORDS_PER_RESPONSE = 256;

  /**
   * Default EDNS0 UDP payload size announced in queries, in bytes. Responses of up to 1232 bytes
   * fit the IPv6 minimum MTU of 1280 bytes with IP and UDP headers, so they are not fragmented.
   */
  public static final int DEFAULT_UDP_PAYLOAD_SIZE = 1232;

  private static final int MAX_RETRIES = 10;
  private static final int MAX_ALIAS_HOPS_LIMIT = 32;
  private static final int MAX_RECORDS_LIMIT = 10_000;
  private static final int MIN_UDP_PAYLOAD_SIZE = 512;
  private static final int MAX_UDP_PAYLOAD_SIZE = 4096;

  /** Method by which a fetcher establishes the DNSSEC status of its answers. */
  public enum Validation {
    /**
     * The fetcher validates every answer itself, from its trust anchors, and asks its resolvers
     * only for the records and signatures (RFC 4035 section 4.9.2 calls this a validating stub).
     */
    IN_PROCESS,
    /**
     * The fetcher sends the DO and AD bits and reads the AD bit of the response of a validating
     * resolver that the caller trusts. Only resolvers on the loopback interface are trusted unless
     * {@link Builder#allowUnauthenticatedAdBitFromRemoteResolvers(boolean)} is set.
     */
    TRUSTED_RESOLVER
  }

  private final List<InetSocketAddress> resolvers;
  private final Validation validation;
  private final boolean rootTrustAnchors;
  private final List<String> trustAnchorTexts;
  private final List<Path> trustAnchorFiles;
  private final boolean allowUnauthenticatedAdBitFromRemoteResolvers;
  private final Duration queryTimeout;
  private final int retries;
  private final Duration lookupTimeout;
  private final int maxAliasHops;
  private final int maxRecordsPerResponse;
  private final int udpPayloadSize;
  private final @Nullable Executor executor;

  private DnsFetcherSettings(Builder builder) {
    this.resolvers = List.copyOf(builder.resolvers);
    this.validation = builder.validation;
    this.rootTrustAnchors = builder.rootTrustAnchors;
    this.trustAnchorTexts = List.copyOf(builder.trustAnchorTexts);
    this.trustAnchorFiles = List.copyOf(builder.trustAnchorFiles);
    this.allowUnauthenticatedAdBitFromRemoteResolvers =
        builder.allowUnauthenticatedAdBitFromRemoteResolvers;
    this.queryTimeout = builder.queryTimeout;
    this.retries = builder.retries;
    this.lookupTimeout = builder.lookupTimeout;
    this.maxAliasHops = builder.maxAliasHops;
    this.maxRecordsPerResponse = builder.maxRecordsPerResponse;
    this.udpPayloadSize = builder.udpPayloadSize;
    this.executor = builder.executor;
  }

  /** Returns settings with every default: the system's resolvers, validated in-process. */
  public static DnsFetcherSettings defaults() {
    return builder().build();
  }

  /** Starts building settings from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.resolvers.addAll(resolvers);
    builder.validation = validation;
    builder.rootTrustAnchors = rootTrustAnchors;
    builder.trustAnchorTexts.addAll(trustAnchorTexts);
    builder.trustAnchorFiles.addAll(trustAnchorFiles);
    builder.allowUnauthenticatedAdBitFromRemoteResolvers =
        allowUnauthenticatedAdBitFromRemoteResolvers;
    builder.queryTimeout = queryTimeout;
    builder.retries = retries;
    builder.lookupTimeout = lookupTimeout;
    builder.maxAliasHops = maxAliasHops;
    builder.maxRecordsPerResponse = maxRecordsPerResponse;
    builder.udpPayloadSize = udpPayloadSize;
    builder.executor = executor;
    return builder;
  }

  /**
   * Returns the resolvers to query, in order of preference; empty means the system's resolvers (on
   * Unix, the {@code nameserver} lines of {@code /etc/resolv.conf}).
   */
  public List<InetSocketAddress> resolvers() {
    return resolvers;
  }

  /** Returns how the DNSSEC status of answers is established. */
  public Validation validation() {
    return validation;
  }

  /** Returns whether the IANA root trust anchors built into the provider are used. */
  public boolean rootTrustAnchors() {
    return rootTrustAnchors;
  }

  /** Returns trust anchors given in code, each a text of DS or DNSKEY records in zone-file form. */
  public List<String> trustAnchorTexts() {
    return trustAnchorTexts;
  }

  /** Returns files of DS or DNSKEY records in zone-file form to load as trust anchors. */
  public List<Path> trustAnchorFiles() {
    return trustAnchorFiles;
  }

  /**
   * Returns whether {@link Validation#TRUSTED_RESOLVER} accepts the AD bit from resolvers that are
   * not on the loopback interface.
   */
  public boolean allowUnauthenticatedAdBitFromRemoteResolvers() {
    return allowUnauthenticatedAdBitFromRemoteResolvers;
  }

  /** Returns how long one query waits for its response before it is retried. */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /** Returns how many times a query is sent again after a timeout or an unusable response. */
  public int retries() {
    return retries;
  }

  /**
   * Returns the time limit of a whole lookup, including alias chasing and the DNSKEY and DS queries
   * of validation. A lookup that exceeds it completes with a failure.
   */
  public Duration lookupTimeout() {
    return lookupTimeout;
  }

  /** Returns how many CNAME records, DNAME-synthesised ones included, one lookup follows. */
  public int maxAliasHops() {
    return maxAliasHops;
  }

  /** Returns the maximum number of resource records accepted in one response, over all sections. */
  public int maxRecordsPerResponse() {
    return maxRecordsPerResponse;
  }

  /** Returns the EDNS0 UDP payload size announced in queries, in bytes. */
  public int udpPayloadSize() {
    return udpPayloadSize;
  }

  /**
   * Returns the executor that runs the continuations of lookups, or null for the provider's default
   * (dane-dns uses {@link java.util.concurrent.ForkJoinPool#commonPool()}).
   */
  public @Nullable Executor executor() {
    return executor;
  }

  @Override
  public String toString() {
    return "DnsFetcherSettings{resolvers="
        + (resolvers.isEmpty() ? "system" : resolvers)
        + ", validation="
        + validation
        + ", rootTrustAnchors="
        + rootTrustAnchors
        + ", trustAnchorTexts="
        + trustAnchorTexts.size()
        + ", trustAnchorFiles="
        + trustAnchorFiles
        + ", allowUnauthenticatedAdBitFromRemoteResolvers="
        + allowUnauthenticatedAdBitFromRemoteResolvers
        + ", queryTimeout="
        + queryTimeout
        + ", retries="
        + retries
        + ", lookupTimeout="
        + lookupTimeout
        + ", maxAliasHops="
        + maxAliasHops
        + ", maxRecordsPerResponse="
        + maxRecordsPerResponse
        + ", udpPayloadSize="
        + udpPayloadSize
        + "}";
  }

  /** Builder of {@link DnsFetcherSettings}. Not thread-safe. */
  public static final class Builder {
    private final List<InetSocketAddress> resolvers = new ArrayList<>();
    private Validation validation = Validation.IN_PROCESS;
    private boolean rootTrustAnchors = true;
    private final List<String> trustAnchorTexts = new ArrayList<>();
    private final List<Path> trustAnchorFiles = new ArrayList<>();
    private boolean allowUnauthenticatedAdBitFromRemoteResolvers;
    private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    private int retries = DEFAULT_RETRIES;
    private Duration lookupTimeout = DEFAULT_LOOKUP_TIMEOUT;
    private int maxAliasHops = DEFAULT_MAX_ALIAS_HOPS;
    private int maxRecordsPerResponse = DEFAULT_MAX_RECORDS_PER_RESPONSE;
    private int udpPayloadSize = DEFAULT_UDP_PAYLOAD_SIZE;
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * Adds a resolver to query, after those added before. Without any, the system's resolvers are
     * used.
     *
     * @throws IllegalArgumentException if the address is unresolved or its port is 0
     * @throws NullPointerException if {@code address} is null
     */
    public Builder resolver(InetSocketAddress address) {
      Objects.requireNonNull(address, "address");
      if (address.isUnresolved()) {
        throw new IllegalArgumentException(
            "Invalid resolver address "
                + address
                + ": give an IP address, because resolving a resolver's name would need DNS");
      }
      if (address.getPort() == 0) {
        throw new IllegalArgumentException(
            "Invalid resolver address " + address + ": the port must be from 1 to 65535");
      }
      resolvers.add(address);
      return this;
    }

    /**
     * Replaces the resolvers to query; an empty list selects the system's resolvers.
     *
     * @throws IllegalArgumentException if an address is unresolved or its port is 0
     * @throws NullPointerException if the list or an element is null
     */
    public Builder resolvers(List<InetSocketAddress> addresses) {
      List<InetSocketAddress> copy = List.copyOf(addresses);
      resolvers.clear();
      copy.forEach(this::resolver);
      return this;
    }

    /**
     * Sets how the DNSSEC status is established; the default is {@link Validation#IN_PROCESS}.
     *
     * @throws NullPointerException if {@code validation} is null
     */
    public Builder validation(Validation validation) {
      this.validation = Objects.requireNonNull(validation, "validation");
      return this;
    }

    /**
     * Sets whether the IANA root trust anchors built into the provider are used (the default); turn
     * them off to validate only from anchors given with {@link #trustAnchors(String)} or {@link
     * #trustAnchorFile(Path)}, as tests against a private zone tree do.
     */
    public Builder rootTrustAnchors(boolean use) {
      this.rootTrustAnchors = use;
      return this;
    }

    /**
     * Adds trust anchors given in code: DS or DNSKEY records in zone-file form, one per line, with
     * absolute owner names, as in Unbound's {@code trust-anchor-file}. Records of other types are
     * ignored.
     *
     * @throws IllegalArgumentException if the text is blank
     * @throws NullPointerException if {@code zoneText} is null
     */
    public Builder trustAnchors(String zoneText) {
      Objects.requireNonNull(zoneText, "zoneText");
      if (zoneText.isBlank()) {
        throw new IllegalArgumentException(
            "Invalid trust anchors: the text is empty; give DS or DNSKEY records in zone-file form");
      }
      trustAnchorTexts.add(zoneText);
      return this;
    }

    /**
     * Adds a file of trust anchors in the form that {@link #trustAnchors(String)} describes. The
     * provider reads the file when it creates a fetcher.
     *
     * @throws NullPointerException if {@code file} is null
     */
    public Builder trustAnchorFile(Path file) {
      trustAnchorFiles.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /**
     * Lets {@link Validation#TRUSTED_RESOLVER} accept the AD bit from resolvers that are not on the
     * loopback interface.
     *
     * <p><b>Security:</b> the AD bit of a response travels unauthenticated, so anyone on the path
     * to such a resolver can set it and make forged TLSA records look secure. Set this only when
     * the path is protected by other means, such as IPsec or TSIG, or belongs to the same host (RFC
     * 4035 section 4.9.3, RFC 6698 section 4.1, RFC 7672 section 2.1.1). Answers obtained this way
     * carry {@link AuthenticitySource#ASSERTED_REMOTE_RESOLVER}.
     */
    public Builder allowUnauthenticatedAdBitFromRemoteResolvers(boolean allow) {
      this.allowUnauthenticatedAdBitFromRemoteResolvers = allow;
      return this;
    }

    /**
     * Sets how long one query waits for its response before it is retried; the default is {@link
     * #DEFAULT_QUERY_TIMEOUT}.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = requirePositive("query timeout", timeout);
      return this;
    }

    /**
     * Sets how many times a query is sent again after a timeout or an unusable response; the
     * default is {@link #DEFAULT_RETRIES}. With several resolvers, each retry goes to the next one.
     *
     * @throws IllegalArgumentException if {@code retries} is negative or more than 10
     */
    public Builder retries(int retries) {
      if (retries < 0 || retries > MAX_RETRIES) {
        throw new IllegalArgumentException(
            "Invalid retry count " + retries + ": must be from 0 to " + MAX_RETRIES);
      }
      this.retries = retries;
      return this;
    }

    /**
     * Sets the time limit of a whole lookup; the default is {@link #DEFAULT_LOOKUP_TIMEOUT}.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder lookupTimeout(Duration timeout) {
      this.lookupTimeout = requirePositive("lookup timeout", timeout);
      return this;
    }

    /**
     * Sets how many CNAME records one lookup follows; the default is {@link
     * #DEFAULT_MAX_ALIAS_HOPS}. A longer chain makes the lookup fail (RFC 7672 section 2.1.3 asks
     * for a recursion limit).
     *
     * @throws IllegalArgumentException if {@code hops} is not from 1 to 32
     */
    public Builder maxAliasHops(int hops) {
      if (hops < 1 || hops > MAX_ALIAS_HOPS_LIMIT) {
        throw new IllegalArgumentException(
            "Invalid alias hop limit " + hops + ": must be from 1 to " + MAX_ALIAS_HOPS_LIMIT);
      }
      this.maxAliasHops = hops;
      return this;
    }

    /**
     * Sets the maximum number of resource records accepted in one response, over all sections; the
     * default is {@link #DEFAULT_MAX_RECORDS_PER_RESPONSE}. A response with more makes the lookup
     * fail, which bounds the validation work one answer can cause.
     *
     * @throws IllegalArgumentException if {@code records} is not from 1 to 10000
     */
    public Builder maxRecordsPerResponse(int records) {
      if (records < 1 || records > MAX_RECORDS_LIMIT) {
        throw new IllegalArgumentException(
            "Invalid record limit " + records + ": must be from 1 to " + MAX_RECORDS_LIMIT);
      }
      this.maxRecordsPerResponse = records;
      return this;
    }

    /**
     * Sets the EDNS0 UDP payload size announced in queries; the default is {@link
     * #DEFAULT_UDP_PAYLOAD_SIZE}. Larger responses arrive truncated and are fetched again over TCP.
     *
     * @throws IllegalArgumentException if {@code bytes} is not from 512 to 4096
     */
    public Builder udpPayloadSize(int bytes) {
      if (bytes < MIN_UDP_PAYLOAD_SIZE || bytes > MAX_UDP_PAYLOAD_SIZE) {
        throw new IllegalArgumentException(
            "Invalid UDP payload size "
                + bytes
                + ": must be from "
                + MIN_UDP_PAYLOAD_SIZE
                + " to "
                + MAX_UDP_PAYLOAD_SIZE
                + " bytes");
      }
      this.udpPayloadSize = bytes;
      return this;
    }

    /**
     * Sets the executor that runs the continuations of lookups; the default is the provider's
     * (dane-dns uses {@link java.util.concurrent.ForkJoinPool#commonPool()}).
     *
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalStateException if in-process validation has no trust anchor at all (the root
     *     anchors turned off and none given), because every answer would then look insecure and
     *     DANE would silently never apply (RFC 4035 section 4.4), or if {@link
     *     Validation#TRUSTED_RESOLVER} names a resolver that is not on the loopback interface
     *     without {@link #allowUnauthenticatedAdBitFromRemoteResolvers(boolean)}
     */
    public DnsFetcherSettings build() {
      if (validation == Validation.IN_PROCESS
          && !rootTrustAnchors
          && trustAnchorTexts.isEmpty()
          && trustAnchorFiles.isEmpty()) {
        throw new IllegalStateException(
            "In-process DNSSEC validation has no trust anchor: keep the root trust anchors or add"
                + " anchors with trustAnchors(...) or trustAnchorFile(...)");
      }
      if (validation == Validation.TRUSTED_RESOLVER
          && !allowUnauthenticatedAdBitFromRemoteResolvers) {
        for (InetSocketAddress resolver : resolvers) {
          checkTrustedResolver(resolver);
        }
      }
      return new DnsFetcherSettings(this);
    }

    private static void checkTrustedResolver(InetSocketAddress resolver) {
      if (!resolver.getAddress().isLoopbackAddress()) {
        throw new IllegalStateException(
            "Resolver "
                + resolver
                + " is not on the loopback interface, so its AD bit would arrive unauthenticated"
                + " (RFC 4035 section 4.9.3): run a validating resolver on this host, validate"
                + " in-process, or, if the path to it is protected, set"
                + " allowUnauthenticatedAdBitFromRemoteResolvers(true)");
      }
    }

    private static Duration requirePositive(String setting, Duration value) {
      Objects.requireNonNull(value, setting);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(
            "Invalid " + setting + " " + value + ": must be longer than zero");
      }
      return value;
    }
  }
}
