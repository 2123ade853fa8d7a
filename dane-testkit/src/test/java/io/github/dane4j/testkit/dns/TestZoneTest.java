package io.github.dane4j.testkit.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class TestZoneTest {

  @Test
  void builder_relativeOrigin_rejected() {
    assertThatThrownBy(() -> TestZone.builder("example.test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ending in a dot");
  }

  @Test
  void builder_nameOutsideZone_rejected() {
    TestZone.Builder builder = TestZone.builder("example.test.");

    assertThatThrownBy(() -> builder.a("mx.example.org.", "192.0.2.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the zone");
  }

  @Test
  void builder_invalidAddress_rejected() {
    TestZone.Builder builder = TestZone.builder("example.test.");

    assertThatThrownBy(() -> builder.a("mx", "mx.example.test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("literal");
  }

  @Test
  void builder_cnameBesideOtherData_rejected() {
    TestZone.Builder builder =
        TestZone.builder("example.test.").a("www", "192.0.2.1").cname("www", "mx.example.test.");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CNAME");
  }

  @Test
  void builder_recordBelowDelegation_rejected() {
    TestZone child = TestZone.builder("child.example.test.").build();
    TestZone.Builder parent =
        TestZone.builder("example.test.").delegate(child).a("www.child", "192.0.2.1");

    assertThatThrownBy(parent::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below the delegation point");
  }

  @Test
  void builder_delegationOutsideZone_rejected() {
    TestZone other = TestZone.builder("example.org.").build();
    TestZone.Builder builder = TestZone.builder("example.test.");

    assertThatThrownBy(() -> builder.delegate(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not below");
  }

  @Test
  void builder_emptyTlsaData_pointsToRawMethod() {
    TestZone.Builder builder = TestZone.builder("example.test.");

    assertThatThrownBy(() -> builder.tlsa("_25._tcp.mx", 3, 1, 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tlsaRaw");
  }

  @Test
  void builder_tlsaUsageOutOfRange_rejected() {
    TestZone.Builder builder = TestZone.builder("example.test.");

    assertThatThrownBy(() -> builder.tlsa("_25._tcp.mx", 256, 1, 1, "00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
  }

  @Test
  void builder_unknownSigningAlgorithm_rejected() {
    TestZone.Builder builder = TestZone.builder("example.test.");

    assertThatThrownBy(() -> builder.signed(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UNSUPPORTED_ALGORITHM");
  }

  @Test
  void delegate_signedChild_copiesNsGlueAndDs() {
    TestZone child = TestZone.builder("child.example.test.").build();
    TestZone parent = TestZone.builder("example.test.").delegate(child).build();

    assertThat(parent.records())
        .filteredOn(record -> record.getName().equals(child.origin()))
        .extracting(Record::getType)
        .contains(Type.NS, Type.DS)
        .doesNotContain(Type.SOA, Type.DNSKEY);
    assertThat(parent.records())
        .filteredOn(record -> record.getName().toString().equals("ns1.child.example.test."))
        .extracting(Record::getType)
        .containsExactly(Type.A);
  }

  @Test
  void delegate_unsignedChild_noDs() {
    TestZone child = TestZone.builder("child.example.test.").unsigned().build();
    TestZone parent = TestZone.builder("example.test.").delegate(child).build();

    assertThat(parent.records())
        .filteredOn(record -> record.getName().equals(child.origin()))
        .extracting(Record::getType)
        .doesNotContain(Type.DS);
  }

  @Test
  void nsec3OptOut_unsignedDelegation_leftOutOfChain() {
    TestZone child = TestZone.builder("child.example.test.").unsigned().build();
    TestZone withOptOut =
        TestZone.builder("example.test.").nsec3(0, "-", true).delegate(child).build();
    TestZone withoutOptOut =
        TestZone.builder("example.test.").nsec3(0, "-", false).delegate(child).build();

    assertThat(nsec3Count(withOptOut)).isEqualTo(nsec3Count(withoutOptOut) - 1);
    assertThat(withOptOut.records())
        .filteredOn(record -> record.getType() == Type.NSEC3)
        .allMatch(record -> (((NSEC3Record) record).getFlags() & NSEC3Record.Flags.OPT_OUT) != 0);
  }

  private static long nsec3Count(TestZone zone) {
    return zone.records().stream().filter(record -> record.getType() == Type.NSEC3).count();
  }

  @Test
  void unsignedZone_noDnssecRecords() {
    TestZone zone = TestZone.builder("example.test.").unsigned().a("mx", "192.0.2.1").build();

    assertThat(zone.isSigned()).isFalse();
    assertThat(zone.dnskeys()).isEmpty();
    assertThat(zone.records())
        .extracting(Record::getType)
        .doesNotContain(Type.RRSIG, Type.NSEC, Type.NSEC3, Type.DNSKEY);
  }

  @Test
  void record_textRdata_parsedRelativeToOrigin() {
    TestZone zone =
        TestZone.builder("example.test.").unsigned().record("@", Type.MX, "20 backup").build();

    assertThat(zone.records())
        .filteredOn(record -> record.getType() == Type.MX)
        .extracting(Record::rdataToString)
        .containsExactly("20 backup.example.test.");
  }

  @Test
  void server_zoneBelowHostedZoneWithoutDelegation_rejected() {
    TestZone parent = TestZone.builder("example.test.").build();
    TestZone child = TestZone.builder("child.example.test.").build();
    TestDnsServer.Builder builder = TestDnsServer.builder().zone(parent).zone(child);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delegate(child)");
  }

  @Test
  void server_unsignedTrustAnchor_rejected() {
    TestZone zone = TestZone.builder("example.test.").unsigned().build();
    TestDnsServer.Builder builder = TestDnsServer.builder();

    assertThatThrownBy(() -> builder.trustAnchor(zone))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsigned");
  }
}
