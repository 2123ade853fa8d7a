package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.daneEe;
import static io.github.dane4j.smtp.ConnectorFixtures.served;
import static io.github.dane4j.smtp.ConnectorFixtures.settings;
import static io.github.dane4j.smtp.ConnectorFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that offers only finite-field Diffie-Hellman refuses Conscrypt, whose BoringSSL has
 * none; the connector then checks it on SunJSSE, as an MTA on OpenSSL would reach it.
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
  void connect_conscryptAgainstDheOnlyServer_checkedOnSunJsse() {
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
    assertThat(result.message()).startsWith("The server refused Conscrypt's TLS hello");
  }

  @Test
  void connect_conscryptAgainstDheOnlyServerWithWrongRecord_stillDaneFailure() {
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
  void connect_sunJsseAgainstDheOnlyServer_succeedsWithoutFallbackNote() {
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
