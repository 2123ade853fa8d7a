import org.jspecify.annotations.NullMarked;

/**
 * dane-smtp: the SMTP STARTTLS connector, RFC 7672 delivery decisions and the fluent verifier API.
 *
 * <p>Conscrypt is optional: with {@code requires static}, the module runs without it, and {@link
 * io.github.dane4j.smtp.TlsProvider#CONSCRYPT} becomes available when the Conscrypt jar is present.
 * The package {@code io.github.dane4j.smtp.internal} is not exported.
 */
@NullMarked
@SuppressWarnings("requires-automatic") // Conscrypt ships an Automatic-Module-Name only
module io.github.dane4j.smtp {
  requires transitive io.github.dane4j.core;
  requires transitive io.github.dane4j.dns;
  requires static transitive org.jspecify;
  requires jdk.net;
  requires static org.conscrypt;

  exports io.github.dane4j.smtp;
}
