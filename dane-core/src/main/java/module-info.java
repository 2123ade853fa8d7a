import org.jspecify.annotations.NullMarked;

/**
 * dane-core: TLSA records, DANE chain verification for all four certificate usages, the SMTP
 * profile of RFC 7672 and a JSSE trust manager. This module has no network code; DNS lookups go
 * through the fetcher SPI in {@code io.github.dane4j.core.spi}.
 */
@NullMarked
@SuppressWarnings("module") // qualified exports name modules that are compiled after this one
module io.github.dane4j.core {
  requires static transitive org.jspecify;

  exports io.github.dane4j.core;
  exports io.github.dane4j.core.spi;
  exports io.github.dane4j.core.internal to
      io.github.dane4j.dns,
      io.github.dane4j.smtp;
}
