package io.github.dane4j.dns;

import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherProvider;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds {@link DnsFetcherProvider} implementations through {@link ServiceLoader} and creates
 * fetchers by provider name.
 *
 * <pre>{@code
 * DnsFetcherSettings settings = DnsFetcherSettings.builder()
 *     .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
 *     .build();
 * try (DnsFetcher fetcher = DnsFetchers.create("dnsjava", settings)) {
 *   DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx.example.com", 25));
 * }
 * }</pre>
 *
 * <p>dane-dns registers {@code dnsjava} and {@code jndi}; other modules and jars add providers as
 * {@link DnsFetcherProvider} describes. Providers are looked up with the thread's context class
 * loader, and on the module path in the module layers that {@link ServiceLoader#load(Class)}
 * searches.
 */
public final class DnsFetchers {

  /** The name of the provider that {@link #create(DnsFetcherSettings)} uses. */
  public static final String DEFAULT_PROVIDER = "dnsjava";

  private DnsFetchers() {}

  /** Returns the providers that can be found, in {@link ServiceLoader} order. */
  public static List<DnsFetcherProvider> providers() {
    List<DnsFetcherProvider> providers = new ArrayList<>();
    ServiceLoader.load(DnsFetcherProvider.class).forEach(providers::add);
    return List.copyOf(providers);
  }

  /**
   * Returns the provider with the given name, compared without regard to letter case.
   *
   * @throws NullPointerException if {@code name} is null
   */
  public static Optional<DnsFetcherProvider> provider(String name) {
    Objects.requireNonNull(name, "name");
    String expected = name.toLowerCase(Locale.ROOT);
    for (DnsFetcherProvider provider : ServiceLoader.load(DnsFetcherProvider.class)) {
      if (provider.name().toLowerCase(Locale.ROOT).equals(expected)) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  /**
   * Creates a fetcher of the named provider.
   *
   * @throws IllegalArgumentException if no provider has that name, or the provider rejects the
   *     settings
   * @throws NullPointerException if an argument is null
   */
  public static DnsFetcher create(String providerName, DnsFetcherSettings settings) {
    Objects.requireNonNull(settings, "settings");
    DnsFetcherProvider provider =
        provider(providerName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No DNS fetcher provider named \""
                            + providerName
                            + "\"; available: "
                            + providers().stream().map(DnsFetcherProvider::name).toList()
                            + ". Add the jar that registers it to the class or module path"));
    return provider.create(settings);
  }

  /**
   * Creates a fetcher of the {@value #DEFAULT_PROVIDER} provider.
   *
   * @throws IllegalArgumentException if the provider rejects the settings
   * @throws NullPointerException if {@code settings} is null
   */
  public static DnsFetcher create(DnsFetcherSettings settings) {
    return create(DEFAULT_PROVIDER, settings);
  }
}
