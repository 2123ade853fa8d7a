package io.github.dane4j.core.spi;

/**
 * Creates {@link DnsFetcher} instances for one DNS implementation, and is found by name through
 * {@link java.util.ServiceLoader}.
 *
 * <p>dane-dns registers the providers {@code dnsjava} and {@code jndi}, and its {@code DnsFetchers}
 * class looks providers up by name. A third party adds a provider by implementing this interface in
 * a public class with a public no-argument constructor and registering it: on the module path with
 * {@code provides io.github.dane4j.core.spi.DnsFetcherProvider with ...} in its {@code
 * module-info.java}, on the class path with the class name in {@code
 * META-INF/services/io.github.dane4j.core.spi.DnsFetcherProvider}. The provider's fetchers must
 * follow the {@link DnsFetcher} contract; in particular an answer may be {@link
 * DnssecStatus#SECURE} only when its DNSSEC status was established as {@link AuthenticitySource}
 * describes.
 */
public interface DnsFetcherProvider {

  /**
   * Returns the provider's name, such as {@code dnsjava} or {@code jndi}: lower case, unique among
   * the registered providers.
   */
  String name();

  /**
   * Creates a fetcher. The caller closes it when done.
   *
   * @param settings the configuration; the provider ignores settings that do not apply to it and
   *     documents which
   * @throws IllegalArgumentException if the settings cannot work with this provider, for example
   *     when a trust anchor file cannot be read or contains no DS or DNSKEY record
   * @throws NullPointerException if {@code settings} is null
   */
  DnsFetcher create(DnsFetcherSettings settings);

  /**
   * Creates a fetcher with {@link DnsFetcherSettings#defaults()}: the system's resolvers, validated
   * in-process from the built-in root trust anchors where the provider can validate.
   *
   * @throws IllegalArgumentException as {@link #create(DnsFetcherSettings)}
   */
  default DnsFetcher create() {
    return create(DnsFetcherSettings.defaults());
  }
}
