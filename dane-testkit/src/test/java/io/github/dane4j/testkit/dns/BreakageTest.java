package io.github.dane4j.testkit.dns;

import static io.github.dane4j.testkit.dns.DnsTestSupport.answers;
import static io.github.dane4j.testkit.dns.DnsTestSupport.authenticated;
import static io.github.dane4j.testkit.dns.DnsTestSupport.resolve;
import static io.github.dane4j.testkit.dns.DnsTestSupport.stub;
import static io.github.dane4j.testkit.dns.DnsTestSupport.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/** Deliberately broken DNSSEC data, judged by dnsjava's validator (RFC 4035 section 5). */
class BreakageTest {

  private static final String TLSA_OWNER = "_25._tcp.mx.example.test.";

  /** Returns a signed zone with a TLSA RRset, delegated from a signed {@code test.} anchor. */
  private static TestDnsServer server(TestZone.Builder child) {
    TestZone childZone =
        child.a("mx", "192.0.2.25").tlsa("_25._tcp.mx", 3, 1, 1, "0011223344556677").build();
    TestZone parent = TestZone.builder("test.").delegate(childZone).build();
    return TestDnsServer.builder().trustAnchor(parent).build().start();
  }

  @ParameterizedTest
  @EnumSource(
      value = Breakage.class,
      names = {
        "EXPIRED_SIGNATURES",
        "NOT_YET_VALID_SIGNATURES",
        "WRONG_KEY",
        "MISSING_SIGNATURES",
        "DS_WITHOUT_MATCHING_DNSKEY"
      })
  void validator_brokenZone_servfail(Breakage breakage) throws Exception {
    try (TestDnsServer server = server(TestZone.builder("example.test.").broken(breakage))) {
      Message response = resolve(validator(server), TLSA_OWNER, Type.TLSA);

      assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(authenticated(response)).as("AD flag").isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Breakage.class,
      names = {
        "EXPIRED_SIGNATURES",
        "NOT_YET_VALID_SIGNATURES",
        "WRONG_KEY",
        "MISSING_SIGNATURES",
        "UNSUPPORTED_ALGORITHM"
      })
  void validator_brokenTlsaRRset_servfailWhileAddressSecure(Breakage breakage) throws Exception {
    TestZone.Builder child =
        TestZone.builder("example.test.").broken("_25._tcp.mx", Type.TLSA, breakage);
    try (TestDnsServer server = server(child)) {
      Message tlsa = resolve(validator(server), TLSA_OWNER, Type.TLSA);
      Message address = resolve(validator(server), "mx.example.test.", Type.A);

      assertThat(tlsa.getRcode()).as("TLSA RCODE").isEqualTo(Rcode.SERVFAIL);
      assertThat(address.getRcode()).as("A RCODE").isEqualTo(Rcode.NOERROR);
      assertThat(authenticated(address)).as("A AD flag").isTrue();
    }
  }

  @Test
  void validator_anchorZoneBroken_servfail() throws Exception {
    TestZone zone =
        TestZone.builder("example.test.")
            .a("mx", "192.0.2.25")
            .broken(Breakage.DS_WITHOUT_MATCHING_DNSKEY)
            .build();
    try (TestDnsServer server = TestDnsServer.builder().zone(zone).build().start()) {
      Message response = resolve(validator(server), "mx.example.test.", Type.A);

      assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
    }
  }

  /**
   * A DS RRset that names only an algorithm the validator does not implement makes the child
   * insecure, not bogus (RFC 4035 section 5.2, RFC 6840 section 5.2).
   */
  @Test
  void validator_zoneWithUnsupportedAlgorithm_insecure() throws Exception {
    TestZone.Builder child =
        TestZone.builder("example.test.").broken(Breakage.UNSUPPORTED_ALGORITHM);
    try (TestDnsServer server = server(child)) {
      Message response = resolve(validator(server), TLSA_OWNER, Type.TLSA);

      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answers(response, Type.TLSA)).hasSize(1);
      assertThat(authenticated(response)).as("AD flag").isFalse();
    }
  }

  @Test
  void zone_unsupportedAlgorithm_publishesUnassignedNumber() {
    TestZone zone =
        TestZone.builder("example.test.").broken(Breakage.UNSUPPORTED_ALGORITHM).build();

    assertThat(zone.dnskeys())
        .extracting(org.xbill.DNS.DNSKEYRecord::getAlgorithm)
        .containsExactly(TestZone.UNSUPPORTED_ALGORITHM_NUMBER);
    assertThat(zone.parentDsRecords())
        .extracting(org.xbill.DNS.DSRecord::getAlgorithm)
        .containsExactly(TestZone.UNSUPPORTED_ALGORITHM_NUMBER);
  }

  @Test
  void zone_dsWithoutMatchingDnskey_dsNamesOtherKey() {
    TestZone zone =
        TestZone.builder("example.test.").broken(Breakage.DS_WITHOUT_MATCHING_DNSKEY).build();

    assertThat(zone.parentDsRecords().get(0).getFootprint())
        .isNotEqualTo(zone.dnskeys().get(0).getFootprint());
  }

  /** dnsjava's wire parser rejects a TLSA record with empty association data outright. */
  @Test
  void stub_emptyTlsaAssociationData_failsToParse() throws Exception {
    TestZone zone =
        TestZone.builder("example.test.").tlsaRaw("_25._tcp.mx", new byte[] {3, 1, 1}).build();
    try (TestDnsServer server = TestDnsServer.builder().zone(zone).build().start()) {
      assertThatThrownBy(() -> resolve(stub(server), TLSA_OWNER, Type.TLSA))
          .isInstanceOf(WireParseException.class);
    }
  }

  @Test
  void validator_emptyTlsaAssociationData_failsToParse() throws Exception {
    TestZone zone =
        TestZone.builder("example.test.").tlsaRaw("_25._tcp.mx", new byte[] {3, 1, 1}).build();
    try (TestDnsServer server = TestDnsServer.builder().zone(zone).build().start()) {
      assertThatThrownBy(() -> resolve(validator(server), TLSA_OWNER, Type.TLSA))
          .isInstanceOf(WireParseException.class);
    }
  }

  @Test
  void zone_rawTlsaRecord_isSigned() {
    TestZone zone =
        TestZone.builder("example.test.").tlsaRaw("_25._tcp.mx", new byte[] {3, 1, 1}).build();

    assertThat(zone.records())
        .filteredOn(record -> record.getType() == Type.RRSIG)
        .extracting(record -> ((org.xbill.DNS.RRSIGRecord) record).getTypeCovered())
        .contains(Type.TLSA);
  }

  @Test
  void builder_breakageOnUnsignedZone_rejected() {
    TestZone.Builder builder =
        TestZone.builder("example.test.").unsigned().broken(Breakage.WRONG_KEY);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signed zone");
  }

  @Test
  void builder_dsBreakageOnRRset_rejected() {
    TestZone.Builder builder = TestZone.builder("example.test.");

    assertThatThrownBy(() -> builder.broken("mx", Type.A, Breakage.DS_WITHOUT_MATCHING_DNSKEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole zone");
  }
}
