import org.jspecify.annotations.NullMarked;

/**
 * dane-testkit: an in-process DNSSEC-signed DNS server, a STARTTLS SMTP server with scripted
 * misbehaviour and a test PKI, for testing DANE clients on loopback.
 */
@NullMarked
@SuppressWarnings("requires-automatic") // dnsjava ships an Automatic-Module-Name only
module io.github.dane4j.testkit {
  requires static transitive org.jspecify;
  requires transitive org.bouncycastle.provider;
  requires transitive org.bouncycastle.pkix;
  requires org.dnsjava;

  exports io.github.dane4j.testkit.pki;
  exports io.github.dane4j.testkit.smtp;
}
