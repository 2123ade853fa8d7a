package io.github.dane4j.testkit.dns;

import static io.github.dane4j.testkit.dns.DnsTestSupport.answers;
import static io.github.dane4j.testkit.dns.DnsTestSupport.authenticated;
import static io.github.dane4j.testkit.dns.DnsTestSupport.resolve;
import static io.github.dane4j.testkit.dns.DnsTestSupport.validator;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

class SecureAnswerTest {

  private static final String DIGEST =
      "8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1";

  private static TestDnsServer server;
  private static ValidatingResolver validator;

  @BeforeAll
  static void startServer() {
    TestZone zone =
        TestZone.builder("example.test.")
            .mx("@", 10, "mx.example.test.")
            .a("mx", "192.0.2.25")
            .aaaa("mx", "2001:db8::25")
            .tlsa("_25._tcp.mx", 3, 1, 1, DIGEST)
            .build();
    server = TestDnsServer.builder().zone(zone).build().start();
    validator = validator(server);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {Type.A, Type.AAAA, Type.MX, Type.TLSA, Type.DNSKEY, Type.SOA, Type.NS})
  void validator_signedRRset_authenticated(int type) throws Exception {
    String name =
        switch (type) {
          case Type.A, Type.AAAA -> "mx.example.test.";
          case Type.TLSA -> "_25._tcp.mx.example.test.";
          default -> "example.test.";
        };

    Message response = resolve(validator, name, type);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(response, type)).isNotEmpty();
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void validator_tlsaRecord_keepsPublishedFields() throws Exception {
    Message response = resolve(validator, "_25._tcp.mx.example.test.", Type.TLSA);

    TLSARecord tlsa = (TLSARecord) answers(response, Type.TLSA).get(0);
    assertThat(tlsa.getCertificateUsage()).isEqualTo(3);
    assertThat(tlsa.getSelector()).isEqualTo(1);
    assertThat(tlsa.getMatchingType()).isEqualTo(1);
    assertThat(java.util.HexFormat.of().formatHex(tlsa.getCertificateAssociationData()))
        .isEqualTo(DIGEST);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        DNSSEC.Algorithm.RSASHA256,
        DNSSEC.Algorithm.RSASHA512,
        DNSSEC.Algorithm.ECDSAP256SHA256,
        DNSSEC.Algorithm.ECDSAP384SHA384,
        DNSSEC.Algorithm.ED25519
      })
  void validator_zoneSignedWithAlgorithm_authenticated(int algorithm) throws Exception {
    TestZone zone = TestZone.builder("alg.test.").signed(algorithm).a("host", "192.0.2.1").build();
    try (TestDnsServer algorithmServer = TestDnsServer.builder().zone(zone).build().start()) {
      Message response = resolve(validator(algorithmServer), "host.alg.test.", Type.A);

      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(authenticated(response)).as("AD flag").isTrue();
    }
  }
}
