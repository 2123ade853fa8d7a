package io.github.dane4j.testkit.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK's JNDI DNS provider as a client: no EDNS0, UDP first, TCP after truncation. */
class JndiClientTest {

  private static TestDnsServer server;

  @BeforeAll
  static void startServer() {
    TestZone.Builder zone =
        TestZone.builder("example.test.")
            .mx("@", 10, "mx.example.test.")
            .a("mx", "192.0.2.25")
            .tlsa("_25._tcp.mx", 3, 1, 1, "0011223344556677");
    for (int i = 0; i < 30; i++) {
      zone.txt("big", "record number " + i + " padded to make the RRset exceed 512 bytes");
    }
    server = TestDnsServer.builder().zone(zone.build()).build().start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static DirContext context() throws NamingException {
    Properties environment = new Properties();
    environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    environment.put(
        Context.PROVIDER_URL,
        "dns://"
            + server.address().getAddress().getHostAddress()
            + ":"
            + server.address().getPort());
    environment.put("com.sun.jndi.dns.timeout.initial", "2000");
    environment.put("com.sun.jndi.dns.timeout.retries", "1");
    return new InitialDirContext(environment);
  }

  // BanJNDI guards against JNDI providers that deserialize remote objects (LDAP, RMI). This test
  // uses only the DNS provider, whose attribute values are strings and byte arrays, against a
  // fixed loopback URL, because showing that JNDI can use the test server is its purpose.
  @SuppressWarnings("BanJNDI")
  private static Attribute lookup(String name, String type) throws NamingException {
    DirContext context = context();
    try {
      return context.getAttributes(name, new String[] {type}).get(type);
    } finally {
      context.close();
    }
  }

  @Test
  void jndi_addressRecord_returned() throws Exception {
    assertThat(lookup("mx.example.test.", "A").get()).isEqualTo("192.0.2.25");
  }

  @Test
  void jndi_mxRecord_returned() throws Exception {
    assertThat(lookup("example.test.", "MX").get()).isEqualTo("10 mx.example.test.");
  }

  @Test
  void jndi_tlsaByTypeNumber_returnsRawRdata() throws Exception {
    Object rdata = lookup("_25._tcp.mx.example.test.", "52").get();

    assertThat(rdata)
        .isInstanceOf(byte[].class)
        .isEqualTo(new byte[] {3, 1, 1, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77});
  }

  @Test
  void jndi_largeRRset_retriesOverTcp() throws Exception {
    server.clearQueryLog();

    Attribute txt = lookup("big.example.test.", "TXT");

    assertThat(txt.size()).isEqualTo(30);
    assertThat(server.queryLog())
        .extracting(ObservedQuery::transport)
        .containsExactly(Transport.UDP, Transport.TCP);
  }

  @Test
  void jndi_missingName_nameNotFound() {
    assertThatThrownBy(() -> lookup("missing.example.test.", "A"))
        .isInstanceOf(NameNotFoundException.class);
  }

  @Test
  void jndi_query_sentWithoutDnssecOk() throws Exception {
    server.clearQueryLog();

    lookup("mx.example.test.", "A");

    assertThat(server.queryLog()).extracting(ObservedQuery::dnssecOk).containsOnly(false);
  }
}
