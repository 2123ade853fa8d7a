import org.jspecify.annotations.NullMarked;

/**
 * dane-dns: implementations of the dane-core fetcher SPI on dnsjava and on JNDI, a DNS answer cache
 * and lookup of fetcher providers by name.
 *
 * <p>The JNDI provider needs the JDK's DNS service provider, module {@code jdk.naming.dns}; {@code
 * requires java.naming} resolves it through service binding, so a custom runtime image must include
 * it.
 */
@NullMarked
@SuppressWarnings("requires-automatic") // dnsjava ships an Automatic-Module-Name only
module io.github.dane4j.dns {
  requires transitive io.github.dane4j.core;
  requires static transitive org.jspecify;
  requires org.dnsjava;
  requires java.naming;

  exports io.github.dane4j.dns;
  exports io.github.dane4j.dns.dnsjava;
  exports io.github.dane4j.dns.jndi;

  uses io.github.dane4j.core.spi.DnsFetcherProvider;

  provides io.github.dane4j.core.spi.DnsFetcherProvider with
      io.github.dane4j.dns.dnsjava.DnsjavaFetcherProvider,
      io.github.dane4j.dns.jndi.JndiFetcherProvider;
}
