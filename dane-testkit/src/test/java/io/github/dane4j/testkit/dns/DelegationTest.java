package io.github.dane4j.testkit.dns;

import static io.github.dane4j.testkit.dns.DnsTestSupport.answers;
import static io.github.dane4j.testkit.dns.DnsTestSupport.authenticated;
import static io.github.dane4j.testkit.dns.DnsTestSupport.resolve;
import static io.github.dane4j.testkit.dns.DnsTestSupport.stub;
import static io.github.dane4j.testkit.dns.DnsTestSupport.validator;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** Delegations, CNAME chains and DNAME across zones, validated from one trust anchor. */
class DelegationTest {

  private static TestDnsServer server;
  private static ValidatingResolver validator;

  @BeforeAll
  static void startServer() {
    TestZone signedChild =
        TestZone.builder("signed.test.")
            .a("mx", "192.0.2.1")
            .tlsa("_25._tcp.mx", 3, 1, 1, "00112233445566778899aabbccddeeff")
            .build();
    TestZone unsignedChild =
        TestZone.builder("unsigned.test.").unsigned().a("mx", "192.0.2.2").build();
    TestZone optedOutChild =
        TestZone.builder("child.optout.test.").unsigned().a("mx", "192.0.2.3").build();
    TestZone signedUnderOptOut =
        TestZone.builder("secure.optout.test.").nsec3(0, "-", false).a("mx", "192.0.2.4").build();
    TestZone optOutParent =
        TestZone.builder("optout.test.")
            .nsec3(0, "-", true)
            .a("www", "192.0.2.5")
            .delegate(optedOutChild)
            .delegate(signedUnderOptOut)
            .build();
    TestZone root =
        TestZone.builder("test.")
            .cname("to-unsigned", "mx.unsigned.test.")
            .cname("to-signed", "mx.signed.test.")
            .cname("chain", "to-signed.test.")
            .dname("renamed", "signed.test.")
            .delegate(signedChild)
            .delegate(unsignedChild)
            .delegate(optOutParent)
            .build();
    server = TestDnsServer.builder().zone(root).build().start();
    validator = validator(server);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void trustAnchors_defaultAnchor_isTopZoneOnly() {
    assertThat(server.trustAnchorRecords())
        .extracting(record -> record.getName().toString())
        .containsExactly("test.");
  }

  @Test
  void validator_signedChild_authenticated() throws Exception {
    Message response = resolve(validator, "_25._tcp.mx.signed.test.", Type.TLSA);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(response, Type.TLSA)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void validator_childDsAtParent_authenticated() throws Exception {
    Message response = resolve(validator, "signed.test.", Type.DS);

    assertThat(answers(response, Type.DS)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void validator_unsignedChild_insecureAnswer() throws Exception {
    Message response = resolve(validator, "mx.unsigned.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isFalse();
  }

  @Test
  void validator_unsignedChildDs_authenticatedNodata() throws Exception {
    Message response = resolve(validator, "unsigned.test.", Type.DS);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void validator_optedOutChild_insecureAnswer() throws Exception {
    Message response = resolve(validator, "mx.child.optout.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isFalse();
  }

  @Test
  void validator_signedChildOfOptOutZone_authenticated() throws Exception {
    Message response = resolve(validator, "mx.secure.optout.test.", Type.A);

    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void validator_optOutZoneOwnData_authenticated() throws Exception {
    Message response = resolve(validator, "www.optout.test.", Type.A);

    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void validator_cnameIntoUnsignedZone_insecureAnswer() throws Exception {
    Message response = resolve(validator, "to-unsigned.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(response, Type.CNAME)).hasSize(1);
    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isFalse();
  }

  @Test
  void validator_cnameChainAcrossSignedZones_authenticated() throws Exception {
    Message response = resolve(validator, "chain.test.", Type.A);

    assertThat(answers(response, Type.CNAME))
        .extracting(record -> ((CNAMERecord) record).getTarget().toString())
        .containsExactly("to-signed.test.", "mx.signed.test.");
    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void stub_cnameChainWithDnssecOk_signsEveryHop() throws Exception {
    org.xbill.DNS.SimpleResolver stub = stub(server);
    stub.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);

    Message response = resolve(stub, "chain.test.", Type.A);

    assertThat(response.getSection(Section.ANSWER))
        .filteredOn(record -> record.getType() == Type.RRSIG)
        .extracting(record -> ((org.xbill.DNS.RRSIGRecord) record).getTypeCovered())
        .containsExactly(Type.CNAME, Type.CNAME, Type.A);
  }

  @Test
  void validator_dnameSynthesis_authenticated() throws Exception {
    Message response = resolve(validator, "mx.renamed.test.", Type.A);

    assertThat(answers(response, Type.DNAME)).hasSize(1);
    assertThat(answers(response, Type.CNAME))
        .extracting(Record::getName, record -> ((CNAMERecord) record).getTarget())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DnsTestSupport.name("mx.renamed.test."), DnsTestSupport.name("mx.signed.test.")));
    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void validator_nameBelowSignedChild_authenticatedNxdomain() throws Exception {
    Message response = resolve(validator, "missing.signed.test.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(authenticated(response)).as("AD flag").isTrue();
  }

  @Test
  void stub_nameOutsideAllZones_refused() throws Exception {
    Message response = resolve(stub(server), "example.org.", Type.A);

    assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
  }
}
