package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherProvider;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * The {@code dnsjava} fetcher provider: DNS lookups with dnsjava (3.6), with the DNSSEC status
 * established in one of two ways that {@link DnsFetcherSettings#validation()} selects.
 *
 * <ul>
 *   <li>{@link Validation#IN_PROCESS} (the default): an in-process validator checks every answer
 *       against the trust anchors (RFC 4033 to 4035, RFC 5155), asking the configured resolvers (or
 *       those of {@code /etc/resolv.conf}) only for records and signatures. Answers carry {@link
 *       AuthenticitySource#VALIDATED_IN_PROCESS}. Proven DNSKEY RRsets and insecure delegations are
 *       cached inside the fetcher (up to 1000 zones for at most 15 minutes), so many lookups under
 *       the same zones verify the chain of trust once.
 *   <li>{@link Validation#TRUSTED_RESOLVER}: queries carry the DO and AD bits and the AD bit of the
 *       response decides; SERVFAIL from the resolver is a lookup failure, never insecure. Answers
 *       carry {@link AuthenticitySource#TRUSTED_LOCAL_RESOLVER} when every resolver is on the
 *       loopback interface and {@link AuthenticitySource#ASSERTED_REMOTE_RESOLVER} otherwise.
 * </ul>
 *
 * <p>Transport: UDP with EDNS0 and the DO bit, TCP when a response is truncated; each query waits
 * {@link DnsFetcherSettings#queryTimeout()} and is retried {@link DnsFetcherSettings#retries()}
 * times, moving through the resolvers. Responses with a mismatched ID or question, malformed
 * responses and responses with more than {@link DnsFetcherSettings#maxRecordsPerResponse()} records
 * are not used; a lookup whose queries all fail that way is a failure. dnsjava sends and receives
 * on one shared selector thread, so no thread waits per query.
 *
 * <p>The validator bounds the work per query against KeyTrap-style resource exhaustion
 * (CVE-2023-50387, CVE-2023-50868): 8 signatures tried per RRset, 4 keys per signature, 64
 * signature verifications, 16 DS digests, 128 NSEC3 hashes and 32 DS and DNSKEY queries. NSEC3
 * records with more than 150 iterations make a denial insecure (RFC 9276 section 3.2).
 *
 * <p>Threads: every step of a lookup runs on the settings' executor (the common fork-join pool by
 * default) or in the completion of a query; none runs on {@code CompletableFuture}'s default
 * executor, which would start a thread per step where the common pool's parallelism is below 2.
 *
 * <p>Limitations: a TLSA record with empty certificate association data makes dnsjava reject the
 * whole response, so such an RRset is a lookup failure rather than an RRset with one unusable
 * record. Names are looked up exactly as given: no search list, no hosts file.
 */
public final class DnsjavaFetcherProvider implements DnsFetcherProvider {

  /** The provider name, {@value}. */
  public static final String NAME = "dnsjava";

  /**
   * Whether in-process validation uses {@link DnssecValidator} rather than dnsjava's {@code
   * ValidatingResolver}.
   */
  static final boolean USE_OWN_VALIDATOR = true;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public DnsjavaFetcherProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Creates a dnsjava fetcher.
   *
   * @throws IllegalArgumentException if a trust anchor source cannot be read or contains no DS or
   *     DNSKEY record, if no trust anchor is left for in-process validation, if an anchor owner
   *     name has no DS or DNSKEY record that the validator can use, or if trusted-resolver mode
   *     would trust a system resolver that is not on the loopback interface without {@link
   *     DnsFetcherSettings#allowUnauthenticatedAdBitFromRemoteResolvers()}
   * @throws NullPointerException if {@code settings} is null
   */
  @Override
  public DnsFetcher create(DnsFetcherSettings settings) {
    Objects.requireNonNull(settings, "settings");
    List<InetSocketAddress> addresses =
        settings.resolvers().isEmpty()
            ? ResolverConfig.getCurrentConfig().servers()
            : settings.resolvers();
    UpstreamResolver upstream = UpstreamResolver.forAddresses(addresses, settings);
    Executor configured =
        settings.executor() == null ? ForkJoinPool.commonPool() : settings.executor();
    // CompletableFuture replaces the common pool, when given as the executor of an async method,
    // by its default executor, which starts a thread per task where the pool's parallelism is
    // below 2 (JDK 17 CompletableFuture.screenExecutor). A wrapper is never replaced.
    Executor executor = command -> configured.execute(command);

    Resolver resolver;
    AuthenticitySource authenticity;
    if (settings.validation() == Validation.IN_PROCESS) {
      resolver = inProcessValidator(upstream, settings);
      authenticity = AuthenticitySource.VALIDATED_IN_PROCESS;
    } else {
      resolver = upstream;
      authenticity = trustedResolverAuthenticity(addresses, settings);
    }
    return new DnsjavaFetcher(
        new QuerySender(
            resolver, settings.validation(), authenticity, settings, executor, Clock.systemUTC()));
  }

  /**
   * Builds the in-process validator over {@code upstream} with the settings' trust anchors: {@link
   * DnssecValidator}, or dnsjava's validator while {@link #USE_OWN_VALIDATOR} is false.
   *
   * @throws IllegalArgumentException if the trust anchors cannot be read or none is left
   */
  static Resolver inProcessValidator(Resolver upstream, DnsFetcherSettings settings) {
    if (!USE_OWN_VALIDATOR) {
      return validator(upstream, settings);
    }
    return new DnssecValidator(
        upstream, TrustAnchors.records(settings), Clock.systemUTC(), settings.udpPayloadSize());
  }

  /**
   * Builds dnsjava's validator over {@code upstream} with the settings' trust anchors and explicit
   * resource limits; the tests compare {@link DnssecValidator} with it.
   */
  static ValidatingResolver validator(Resolver upstream, DnsFetcherSettings settings) {
    ValidatingResolver validator = new ValidatingResolver(upstream);
    try {
      validator.init(validatorProperties());
    } catch (IOException e) {
      throw new IllegalStateException("Configuring dnsjava's validator failed", e);
    }
    // The constructor set EDNS0 with dnsjava's default payload size; restore ours.
    validator.setEDNS(0, settings.udpPayloadSize(), ExtendedFlags.DO, List.of());
    TrustAnchors.load(validator, settings);
    return validator;
  }

  /**
   * Returns the validator configuration: dnsjava 3.6.4's defaults written out, so that system
   * properties read by the validator's constructor cannot loosen them.
   */
  private static Properties validatorProperties() {
    Properties properties = new Properties();
    properties.setProperty("dnsjava.dnssec.keycache.max_ttl", "900");
    properties.setProperty("dnsjava.dnssec.keycache.max_size", "1000");
    properties.setProperty("dnsjava.dnssec.max_validate_rrsigs", "8");
    properties.setProperty("dnsjava.dnssec.max_ds_match_failures", "4");
    properties.setProperty("dnsjava.dnssec.harden_algo_downgrade", "true");
    properties.setProperty("dnsjava.dnssec.algorithm_rsa_min_key_size", "1024");
    properties.setProperty("dnsjava.dnssec.nsec3.iterations.1024", "150");
    properties.setProperty("dnsjava.dnssec.nsec3.iterations.2048", "500");
    properties.setProperty("dnsjava.dnssec.nsec3.iterations.4096", "2500");
    return properties;
  }

  private static AuthenticitySource trustedResolverAuthenticity(
      List<InetSocketAddress> addresses, DnsFetcherSettings settings) {
    boolean allLoopback =
        addresses.stream().allMatch(address -> address.getAddress().isLoopbackAddress());
    if (allLoopback) {
      return AuthenticitySource.TRUSTED_LOCAL_RESOLVER;
    }
    if (!settings.allowUnauthenticatedAdBitFromRemoteResolvers()) {
      throw new IllegalArgumentException(
          "The system's resolvers "
              + addresses
              + " are not all on the loopback interface, so their AD bit would arrive"
              + " unauthenticated (RFC 4035 section 4.9.3): run a validating resolver on this"
              + " host, validate in-process, or, if the path is protected, set"
              + " allowUnauthenticatedAdBitFromRemoteResolvers(true)");
    }
    return AuthenticitySource.ASSERTED_REMOTE_RESOLVER;
  }
}
