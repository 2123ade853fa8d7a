import org.jspecify.annotations.NullMarked;

/** dane-smtp: the STARTTLS connector, RFC 7672 delivery decisions and the fluent verifier API. */
@NullMarked
module io.github.dane4j.smtp {
  requires transitive io.github.dane4j.core;
  requires transitive io.github.dane4j.dns;
  requires static transitive org.jspecify;
}
