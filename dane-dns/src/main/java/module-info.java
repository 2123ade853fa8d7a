import org.jspecify.annotations.NullMarked;

/** dane-dns: implementations of the dane-core fetcher SPI on dnsjava and on JNDI. */
@NullMarked
@SuppressWarnings("requires-automatic") // dnsjava ships an Automatic-Module-Name only
module io.github.dane4j.dns {
  requires transitive io.github.dane4j.core;
  requires static transitive org.jspecify;
  requires org.dnsjava;
}
