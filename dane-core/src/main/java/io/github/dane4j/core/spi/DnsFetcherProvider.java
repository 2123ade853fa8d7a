package io.github.dane4j.core.spi;

/**
 * Creates {@link DnsFetcher} instances; registered for {@link java.util.ServiceLoader} so that a
 * provider can be chosen by name.
 */
public interface DnsFetcherProvider {

  /** Returns the provider's name, such as {@code dnsjava} or {@code jndi}. */
  String name();

  /** Creates a fetcher with the provider's default configuration. */
  DnsFetcher create();
}
