package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.daneEe;
import static io.github.dane4j.smtp.ConnectorFixtures.insecureNodata;
import static io.github.dane4j.smtp.ConnectorFixtures.served;
import static io.github.dane4j.smtp.ConnectorFixtures.settings;
import static io.github.dane4j.smtp.ConnectorFixtures.target;
import static io.github.dane4j.smtp.ConnectorFixtures.targetFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections to a server that offers only finite-field Diffie-Hellman. The server rejects
 * Conscrypt, because BoringSSL has no such key exchange, so the connector retries on SunJSSE, which
 * reaches the server as an MTA on OpenSSL would.
 */
final class ConscryptFallbackTest {
  private static final String DHE_ONLY_SUITE = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";

  private static TestChain rsaChain;

  @BeforeAll
  static void createChain() {
    rsaChain = TestChain.create(KeyType.RSA_2048, MX);
  }

  private static TestSmtpServer dheOnlyServer() {
    return TestSmtpServer.builder()
        .serverName(MX)
        .certificate(served(rsaChain))
        .tlsProtocols("TLSv1.2")
        .tlsCipherSuites(DHE_ONLY_SUITE)
        .build()
        .start();
  }

  @Test
  void connect_dheOnlyOnConscrypt_retriesOnSunJsse() {
    SmtpConnectionResult result;
    try (TestSmtpServer server = dheOnlyServer()) {
      result =
          SmtpConnector.create(settings(TlsProvider.CONSCRYPT))
              .connect(target(server, daneEe(rsaChain.leaf().certificate())));
    }

    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(result.tlsProvider()).isEqualTo(TlsProvider.SUNJSSE);
    assertThat(result.cipherSuite()).contains(DHE_ONLY_SUITE);
    assertThat(result.trustOutcome()).hasValueSatisfying(o -> assertThat(o.accepted()).isTrue());
    assertThat(result.message()).startsWith("Conscrypt's TLS hello was rejected (");
    assertThat(result.message()).contains("handshake_failure");
    assertThat(result.message()).contains("This connection was made again on SunJSSE.");
  }

  @Test
  void opportunistic_retriedConnection_keepsNote() {
    SmtpConnectionResult result;
    try (TestSmtpServer server = dheOnlyServer()) {
      result =
          SmtpConnector.create(settings(TlsProvider.CONSCRYPT))
              .connect(
                  targetFor(server)
                      .tlsa(insecureNodata(server.address().getPort()), List.of(MX))
                      .build());
    }
    HostPolicy policy =
        HostPolicy.builder(MX, 25, DaneVerifier.builder().build(), settings(TlsProvider.CONSCRYPT))
            .build(TlsPolicy.OPPORTUNISTIC, "the TLSA RRset is insecure");

    AddressReport report = Assessments.address(policy, result);

    assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    assertThat(report.assessment().message()).contains("Conscrypt's TLS hello was rejected (");
    assertThat(report.assessment().message())
        .contains(
            "This connection was made again on SunJSSE. opportunistic TLS (TLSv1.2, "
                + DHE_ONLY_SUITE);
  }

  @Test
  void connect_dheOnlyWrongRecord_daneFailure() {
    TestChain other = TestChain.create(KeyType.RSA_2048, MX);
    SmtpConnectionResult result;
    try (TestSmtpServer server = dheOnlyServer()) {
      result =
          SmtpConnector.create(settings(TlsProvider.CONSCRYPT))
              .connect(target(server, daneEe(other.leaf().certificate())));
    }

    assertThat(result.failure()).contains(FailureKind.DANE_VERIFICATION_FAILED);
    assertThat(result.tlsProvider()).isEqualTo(TlsProvider.SUNJSSE);
  }

  @Test
  void connect_dheOnlyOnSunJsse_noRetry() {
    SmtpConnectionResult result;
    try (TestSmtpServer server = dheOnlyServer()) {
      result =
          SmtpConnector.create(settings(TlsProvider.SUNJSSE))
              .connect(target(server, daneEe(rsaChain.leaf().certificate())));
    }

    assertThat(result.succeeded()).as(result.message()).isTrue();
    assertThat(result.tlsProvider()).isEqualTo(TlsProvider.SUNJSSE);
    assertThat(result.message()).doesNotContain("Conscrypt");
  }
}
