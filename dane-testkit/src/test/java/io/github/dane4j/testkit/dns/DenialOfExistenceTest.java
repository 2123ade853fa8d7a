package io.github.dane4j.testkit.dns;

import static io.github.dane4j.testkit.dns.DnsTestSupport.answers;
import static io.github.dane4j.testkit.dns.DnsTestSupport.authenticated;
import static io.github.dane4j.testkit.dns.DnsTestSupport.resolve;
import static io.github.dane4j.testkit.dns.DnsTestSupport.stub;
import static io.github.dane4j.testkit.dns.DnsTestSupport.validator;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** Authenticated denial with NSEC (RFC 4035 section 3.1.3) and NSEC3 (RFC 5155 section 7.2). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DenialOfExistenceTest {

  private TestDnsServer nsecServer;
  private TestDnsServer nsec3Server;
  private TestDnsServer saltedNsec3Server;

  @BeforeAll
  void startServers() {
    nsecServer = start(TestZone.Builder::nsec);
    nsec3Server = start(builder -> builder.nsec3(0, "-", false));
    saltedNsec3Server = start(builder -> builder.nsec3(5, "aabbccdd", false));
  }

  @AfterAll
  void stopServers() {
    nsecServer.close();
    nsec3Server.close();
    saltedNsec3Server.close();
  }

  private static TestDnsServer start(UnaryOperator<TestZone.Builder> denial) {
    TestZone zone =
        denial
            .apply(TestZone.builder("example.test."))
            .mx("@", 10, "mx.example.test.")
            .a("mx", "192.0.2.25")
            .a("deep.empty.example.test.", "192.0.2.30")
            .wildcard("wild", Type.A, "192.0.2.99")
            .build();
    return TestDnsServer.builder().zone(zone).build().start();
  }

  /** Denial kinds; the server is looked up by name because JUnit closes AutoCloseable arguments. */
  static Stream<String> denials() {
    return Stream.of("NSEC", "NSEC3", "NSEC3 with salt and iterations");
  }

  private TestDnsServer server(String denial) {
    return switch (denial) {
      case "NSEC" -> nsecServer;
      case "NSEC3" -> nsec3Server;
      default -> saltedNsec3Server;
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void validator_missingName_authenticatedNxdomain(String denial) throws Exception {
    TestDnsServer server = server(denial);
    ValidatingResolver validator = validator(server);

    Message response = resolve(validator, "nothing.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void validator_missingTlsaBelowHost_authenticatedNxdomain(String denial) throws Exception {
    TestDnsServer server = server(denial);
    Message response = resolve(validator(server), "_25._tcp.mx.example.test.", Type.TLSA);

    assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void validator_missingType_authenticatedNodata(String denial) throws Exception {
    TestDnsServer server = server(denial);
    Message response = resolve(validator(server), "mx.example.test.", Type.TLSA);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void validator_emptyNonTerminal_authenticatedNodata(String denial) throws Exception {
    TestDnsServer server = server(denial);
    Message response = resolve(validator(server), "empty.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void validator_wildcardExpansion_authenticated(String denial) throws Exception {
    TestDnsServer server = server(denial);
    Message response = resolve(validator(server), "any.wild.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(response, Type.A))
        .extracting(Record::rdataToString)
        .containsExactly("192.0.2.99");
    assertThat(answers(response, Type.A))
        .extracting(record -> record.getName().toString())
        .containsExactly("any.wild.example.test.");
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void validator_wildcardWithoutType_authenticatedNodata(String denial) throws Exception {
    TestDnsServer server = server(denial);
    Message response = resolve(validator(server), "any.wild.example.test.", Type.MX);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void stub_nxdomainWithDnssecOk_carriesProofs(String denial) throws Exception {
    TestDnsServer server = server(denial);
    org.xbill.DNS.SimpleResolver stub = stub(server);
    stub.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);

    Message response = resolve(stub, "nothing.example.test.", Type.A);

    int proofType = denial.equals("NSEC") ? Type.NSEC : Type.NSEC3;
    assertThat(response.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .contains(Type.SOA, proofType, Type.RRSIG);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void stub_nxdomainWithoutDnssecOk_carriesSoaOnly(String denial) throws Exception {
    TestDnsServer server = server(denial);
    Message response = resolve(stub(server), "nothing.example.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(response.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
  }
}
