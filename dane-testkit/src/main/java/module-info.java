import org.jspecify.annotations.NullMarked;

/**
 * dane-testkit: an in-process DNSSEC-signed DNS server, a STARTTLS SMTP server with scripted
 * misbehaviour and a test PKI, for testing DANE clients on loopback.
 */
@NullMarked
// dnsjava ships an Automatic-Module-Name only.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.dane4j.testkit {
  requires static transitive org.jspecify;
  requires transitive org.bouncycastle.provider;
  requires transitive org.bouncycastle.pkix;
  // The DNS server API takes and returns dnsjava types (Name, Record, DNSSEC.Algorithm numbers).
  requires transitive org.dnsjava;

  exports io.github.dane4j.testkit.dns;
}
