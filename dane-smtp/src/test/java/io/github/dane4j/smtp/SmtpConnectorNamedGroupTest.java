package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.CLIENT_NAME;
import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.STEP_TIMEOUT;
import static io.github.dane4j.smtp.ConnectorFixtures.daneEe;
import static io.github.dane4j.smtp.ConnectorFixtures.served;
import static io.github.dane4j.smtp.ConnectorFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end tests of the key exchange group read from the server's handshake records, under each
 * TLS provider, for TLS 1.3 and TLS 1.2. Both providers' clients offer x25519 first by default
 * (SunJSSE on JDK 17, Conscrypt 2.5.2), and the testkit server (SunJSSE) accepts it.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SmtpConnectorNamedGroupTest {
  private static TestChain ecChain;
  private static TestChain rsaChain;

  @BeforeAll
  static void createChains() {
    ecChain = TestChain.create(KeyType.EC_P256, MX);
    rsaChain = TestChain.create(KeyType.RSA_2048, MX);
  }

  private static ConnectorSettings.Builder settings(TlsProvider provider, String protocol) {
    return ConnectorSettings.builder()
        .tlsProvider(provider)
        .tlsProtocols(List.of(protocol))
        .connectTimeout(STEP_TIMEOUT)
        .readTimeout(STEP_TIMEOUT)
        .greetingTimeout(STEP_TIMEOUT)
        .commandTimeout(STEP_TIMEOUT)
        .handshakeTimeout(STEP_TIMEOUT)
        .ehloName(CLIENT_NAME);
  }

  private static SmtpConnectionResult connect(
      TestChain chain, boolean implicitTls, ConnectorSettings settings) {
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .serverName(MX)
            .certificate(served(chain))
            .implicitTls(implicitTls)
            .build()
            .start()) {
      SmtpTarget target =
          implicitTls
              ? ConnectorFixtures.targetFor(server)
                  .tlsMode(TlsMode.IMPLICIT_TLS)
                  .tlsaRecords(List.of(daneEe(chain.leaf().certificate())), List.of(MX))
                  .build()
              : target(server, daneEe(chain.leaf().certificate()));
      return SmtpConnector.create(settings).connect(target);
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void namedGroup_starttlsTls13_isKeyShareGroup(TlsProvider provider) {
    SmtpConnectionResult result = connect(ecChain, false, settings(provider, "TLSv1.3").build());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.tlsProtocol()).contains("TLSv1.3");
    assertThat(result.namedGroup()).contains("x25519");
    assertThat(result.message()).contains("x25519");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void namedGroup_implicitTlsTls13_isKeyShareGroup(TlsProvider provider) {
    SmtpConnectionResult result = connect(ecChain, true, settings(provider, "TLSv1.3").build());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.namedGroup()).contains("x25519");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void namedGroup_tls12Ecdhe_isServerKeyExchangeCurve(TlsProvider provider) {
    SmtpConnectionResult result = connect(ecChain, false, settings(provider, "TLSv1.2").build());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.tlsProtocol()).contains("TLSv1.2");
    assertThat(result.cipherSuite())
        .hasValueSatisfying(suite -> assertThat(suite).startsWith("TLS_ECDHE_"));
    assertThat(result.namedGroup()).contains("x25519");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void namedGroup_tls12RsaKeyExchange_isEmpty(TlsProvider provider) {
    ConnectorSettings rsaKeyExchange =
        settings(provider, "TLSv1.2")
            .cipherSuites(List.of("TLS_RSA_WITH_AES_128_GCM_SHA256"))
            .build();

    SmtpConnectionResult result = connect(rsaChain, false, rsaKeyExchange);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.cipherSuite()).contains("TLS_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(result.namedGroup()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void namedGroup_handshakeFails_isEmpty(TlsProvider provider) {
    ConnectorSettings tls12Only = settings(provider, "TLSv1.2").build();
    SmtpConnectionResult result;
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .serverName(MX)
            .certificate(served(ecChain))
            .tlsProtocols("TLSv1.3")
            .build()
            .start()) {
      result =
          SmtpConnector.create(tls12Only)
              .connect(target(server, daneEe(ecChain.leaf().certificate())));
    }

    assertThat(result.tlsEstablished()).isFalse();
    assertThat(result.namedGroup()).isEmpty();
  }
}
