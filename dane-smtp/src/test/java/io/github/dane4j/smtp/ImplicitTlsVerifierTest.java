package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.Certificates.spkiSha256;
import static io.github.dane4j.smtp.MailWorld.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Type;

/**
 * The verifier against implicit-TLS servers (RFC 8314 section 3.3): {@code mx1} has a matching "3 1
 * 1" record, {@code mx2} a record of another key. The TLSA owner names carry the port the servers
 * listen on (RFC 7672 section 2.2.3).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImplicitTlsVerifierTest {
  private static final String MX1 = "mx1.example.test";
  private static final String MX2 = "mx2.example.test";

  private static MailWorld world;

  @BeforeAll
  static void startWorld() {
    TestChain mx1Chain = chain(MX1);
    TestChain mx2Chain = chain(MX2);
    world =
        MailWorld.start(
            TestSmtpServer.builder()
                .serverName(MX1)
                .certificate(served(mx1Chain))
                .implicitTls(true),
            TestSmtpServer.builder()
                .serverName(MX2)
                .certificate(served(mx2Chain))
                .implicitTls(true));
    world.dns(
        List.of(
            TestZone.builder("example.test.")
                .a("mx1", ip(0))
                .a("mx2", ip(1))
                .tlsa(
                    world.tlsaPrefix() + ".mx1", 3, 1, 1, spkiSha256(mx1Chain.leaf().certificate()))
                .tlsa(
                    world.tlsaPrefix() + ".mx2", 3, 1, 1, spkiSha256(mx1Chain.leaf().certificate()))
                .build()));
  }

  @AfterAll
  static void stopWorld() {
    world.close();
  }

  @Test
  void verifyHost_implicitTlsMatchingRecord_authenticated() {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().tlsMode(TlsMode.IMPLICIT_TLS).build()) {
      report = verifier.verifyHost(MX1);
    }

    assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    assertThat(report.addresses().get(0).connection().target().tlsMode())
        .isEqualTo(TlsMode.IMPLICIT_TLS);
    assertThat(world.server(0).sessions()).last().extracting(s -> s.sniHostName()).isEqualTo(MX1);
  }

  @Test
  void verifyHost_implicitTlsOtherKey_daneFailure() {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().tlsMode(TlsMode.IMPLICIT_TLS).build()) {
      report = verifier.verifyHost(MX2);
    }

    assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
  }

  @Test
  void verifyHost_implicitTls_tlsaOwnerUsesConnectedPort() {
    try (DaneSmtpVerifier verifier = world.verifier().tlsMode(TlsMode.IMPLICIT_TLS).build()) {
      verifier.verifyHost(MX1);
    }

    assertThat(world.dnsServer().queryLog())
        .filteredOn(query -> query.type() == Type.TLSA)
        .extracting(query -> query.name().toString())
        .contains(world.tlsaPrefix() + "." + MX1 + ".");
  }

  @Test
  void verifyHost_starttlsAgainstImplicitServer_notAuthenticated() {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      report = verifier.verifyHost(MX1);
    }

    assertThat(report.verdict()).isNotEqualTo(Verdict.AUTHENTICATED);
  }

  @Test
  void toJson_implicitTls_optionsRecordTlsMode() {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().tlsMode(TlsMode.IMPLICIT_TLS).build()) {
      report = verifier.verifyHost(MX1);
    }

    assertThat(report.toJson()).contains("\"tlsMode\": \"implicit-tls\"");
  }
}
