package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.MailWorld.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.smtp.internal.StrictJsonParser;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.Misbehaviour;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Type;

/**
 * Report fields that a reader relies on: MX order, a domain that does not exist, the SNI name of an
 * address without a handshake, and the reason an opportunistic host gives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportFieldsTest {
  private static final String DOMAIN = "example.test";
  private static final String MX1 = "mx1.example.test";

  private static TestChain mx1Chain;

  @BeforeAll
  static void createChains() {
    mx1Chain = chain(MX1);
  }

  private static TestSmtpServer.Builder server(String name) {
    return TestSmtpServer.builder().serverName(name).certificate(served(mx1Chain));
  }

  @Test
  void mxLookup_recordsOutOfOrder_sortedStablyByPreference() {
    MxLookup lookup =
        new MxLookup(
            DOMAIN,
            AnswerKind.RECORDS,
            DnssecStatus.SECURE,
            List.of(
                new MxRecord(30, "c.example.test"),
                new MxRecord(10, "b.example.test"),
                new MxRecord(20, "d.example.test"),
                new MxRecord(10, "a.example.test")),
            List.of(DOMAIN),
            "");

    assertThat(lookup.records())
        .extracting(MxRecord::exchange)
        .containsExactly("b.example.test", "a.example.test", "d.example.test", "c.example.test");
  }

  @Test
  void verifyDomain_mxRecords_reportedByPreference() {
    try (MailWorld world = MailWorld.start()) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 30, "c.example.test.")
                  .mx("@", 10, "z.example.test.")
                  .mx("@", 20, "a.example.test.")
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.mx().records())
          .extracting(MxRecord::preference)
          .containsExactly(10, 20, 30);
    }
  }

  // RFC 5321 section 5.1 and RFC 7672 section 2.2.1: only an existing name without MX records is
  // its own mail host.

  @Test
  void verifyDomain_mxNxdomain_domainDoesNotExist() {
    try (MailWorld world = MailWorld.start(server(MX1))) {
      world.dns(List.of(TestZone.builder("example.test.").a("mx1", ip(0)).build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain("nosuch.example.test");
      }

      assertThat(report.mx().kind()).isEqualTo(AnswerKind.NXDOMAIN);
      assertThat(report.mx().implicitMx()).isFalse();
      assertThat(report.mx().domainNotFound()).isTrue();
      assertThat(report.verdict()).isEqualTo(Verdict.CONNECTION_FAILURE);
      assertThat(report.assessment().reasonCode()).contains("domain-not-found");
      assertThat(report.assessment().message()).contains("The domain does not exist");
      assertThat(report.hosts()).isEmpty();
      assertThat(world.dnsServer().queryLog())
          .filteredOn(query -> query.type() == Type.A || query.type() == Type.AAAA)
          .isEmpty();
    }
  }

  @Test
  void hostPolicy_mxNxdomain_unreachable() {
    try (MailWorld world = MailWorld.start(server(MX1))) {
      world.dns(List.of(TestZone.builder("example.test.").a("mx1", ip(0)).build()));
      HostPolicy policy;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        policy = verifier.hostPolicy(MX1, "nosuch.example.test");
      }

      assertThat(policy.tlsPolicy()).isEqualTo(TlsPolicy.UNREACHABLE);
      assertThat(policy.unreachableAssessment().orElseThrow().reasonCode())
          .contains("domain-not-found");
    }
  }

  @Test
  void toJson_noStarttls_addressSniHostNameNull() {
    try (MailWorld world =
        MailWorld.start(server(MX1).misbehaviours(Misbehaviour.NO_STARTTLS_ADVERTISED))) {
      world.dns(List.of(TestZone.builder("example.test.").a("mx1", ip(0)).build()));
      HostReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyHost(MX1);
      }
      Map<?, ?> root = asMap(StrictJsonParser.parse(report.toJson()));
      Map<?, ?> address = asMap(asList(root.get("addresses")).get(0));

      assertThat(report.verdict()).isEqualTo(Verdict.NO_STARTTLS);
      assertThat(address.containsKey("sniHostName")).isTrue();
      assertThat(address.get("sniHostName")).isNull();
    }
  }

  @Test
  void toJson_handshakeDone_addressSniHostNameSet() {
    try (MailWorld world = MailWorld.start(server(MX1))) {
      world.dns(List.of(TestZone.builder("example.test.").a("mx1", ip(0)).build()));
      HostReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyHost(MX1);
      }
      Map<?, ?> root = asMap(StrictJsonParser.parse(report.toJson()));
      Map<?, ?> address = asMap(asList(root.get("addresses")).get(0));

      assertThat(address.get("sniHostName")).isEqualTo(MX1);
    }
  }

  // The opportunistic message says why DANE does not apply, not always "insecure NODATA".

  @Test
  void opportunistic_firstCnameInsecure_saysNoTlsaLookup() {
    try (MailWorld world = MailWorld.start(server("mxb.other.test"))) {
      world.dns(
          List.of(
              TestZone.builder("unsigned.test.").unsigned().cname("mx", "mxb.other.test.").build(),
              TestZone.builder("other.test.").a("mxb", ip(0)).build()));
      String message = opportunisticMessage(world, "mx.unsigned.test");

      assertThat(message).contains("the first CNAME of mx.unsigned.test is insecure");
      assertThat(message).contains("no TLSA lookup");
      assertThat(message).doesNotContain("NODATA");
    }
  }

  @Test
  void opportunistic_insecureTlsaRecords_saysInsecureRecordsFound() {
    try (MailWorld world = MailWorld.start(server(MX1))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .a("mx1", ip(0))
                  .cname(world.tlsaPrefix() + ".mx1", "tlsa.unsigned.test.")
                  .build(),
              TestZone.builder("unsigned.test.")
                  .unsigned()
                  .tlsa("tlsa", 3, 1, 1, "00".repeat(32))
                  .build()));
      String message = opportunisticMessage(world, MX1);

      assertThat(message).contains("found insecure TLSA records");
      assertThat(message).doesNotContain("NODATA");
    }
  }

  @Test
  void opportunistic_insecureNodata_saysInsecureNodata() {
    try (MailWorld world = MailWorld.start(server(MX1))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .a("mx1", ip(0))
                  .cname(world.tlsaPrefix() + ".mx1", "tlsa.unsigned.test.")
                  .build(),
              TestZone.builder("unsigned.test.").unsigned().a("tlsa", ip(0)).build()));
      String message = opportunisticMessage(world, MX1);

      assertThat(message).contains("found no TLSA records (insecure NODATA)");
    }
  }

  private static String opportunisticMessage(MailWorld world, String host) {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      report = verifier.verifyHost(host);
    }
    assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    return report.assessment().message();
  }

  private static List<?> asList(@Nullable Object value) {
    assertThat(value).isInstanceOf(List.class);
    return value instanceof List<?> list ? list : List.of();
  }

  private static Map<?, ?> asMap(@Nullable Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
