package io.github.dane4j.core;

import static io.github.dane4j.core.TrustManagerFixtures.BASE_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnssecStatus;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DaneSsl} without handshakes: contexts, SNI and argument checks. */
class DaneSslTest {
  private static DaneTrustManager trustManager;

  @BeforeAll
  static void createTrustManager() {
    trustManager =
        DaneTrustManager.builder()
            .tlsa(TrustManagerFixtures.answer(AnswerKind.NODATA, DnssecStatus.INSECURE, List.of()))
            .referenceNames(List.of(BASE_DOMAIN))
            .build();
  }

  @Test
  void sslContext_twoCalls_distinctContexts() {
    assertThat(DaneSsl.sslContext(trustManager)).isNotSameAs(DaneSsl.sslContext(trustManager));
  }

  @Test
  void sslContext_clientSessionCache_minimal() {
    SSLContext context = DaneSsl.sslContext(trustManager);

    assertThat(context.getClientSessionContext().getSessionCacheSize()).isEqualTo(1);
    assertThat(context.getClientSessionContext().getSessionTimeout()).isEqualTo(1);
  }

  @Test
  void sslContext_givenProvider_usesIt() {
    Provider sunJsse = Security.getProvider("SunJSSE");

    assertThat(DaneSsl.sslContext(trustManager, sunJsse).getProvider()).isSameAs(sunJsse);
  }

  @Test
  void sslContext_providerWithoutTls_rejected() {
    Provider sun = Security.getProvider("SUN");

    assertThatThrownBy(() -> DaneSsl.sslContext(trustManager, sun))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SUN");
  }

  @Test
  void configure_socket_setsSniWithoutTrailingDot() throws Exception {
    SSLContext context = DaneSsl.sslContext(trustManager);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      DaneSsl.configure(socket, BASE_DOMAIN + ".");

      assertThat(socket.getSSLParameters().getServerNames())
          .containsExactly(new SNIHostName(BASE_DOMAIN));
    }
  }

  @Test
  void configure_engine_keepsEndpointIdentificationAsIs() {
    SSLEngine engine = DaneSsl.sslContext(trustManager).createSSLEngine();
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(parameters);

    DaneSsl.configure(engine, BASE_DOMAIN);

    assertThat(engine.getSSLParameters().getServerNames())
        .containsExactly(new SNIHostName(BASE_DOMAIN));
    assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void configure_serverModeEngine_rejected() {
    SSLEngine engine = DaneSsl.sslContext(trustManager).createSSLEngine();
    engine.setUseClientMode(false);

    assertThatThrownBy(() -> DaneSsl.configure(engine, BASE_DOMAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server mode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "mx..example.org", "-mx.example.org", "mx_1.example.org"})
  void socketFactory_invalidHostName_rejectedWithValue(String name) {
    assertThatThrownBy(() -> DaneSsl.socketFactory(trustManager, name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid SNI host name \"" + name + "\"");
  }

  @ParameterizedTest
  @CsvSource({"192.0.2.1, IP address", "bücher.example, A-labels"})
  void configure_ipAddressOrULabel_rejectedWithAdvice(String name, String advice) {
    SSLEngine engine = DaneSsl.sslContext(trustManager).createSSLEngine();
    engine.setUseClientMode(true);

    assertThatThrownBy(() -> DaneSsl.configure(engine, name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(advice);
  }

  @Test
  void socketFactory_unconnectedSocket_hasSni() throws Exception {
    SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, BASE_DOMAIN);

    try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
      assertThat(socket.getSSLParameters().getServerNames())
          .containsExactly(new SNIHostName(BASE_DOMAIN));
    }
  }

  @Test
  void socketFactory_cipherSuites_notEmpty() {
    SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, BASE_DOMAIN);

    assertThat(factory.getDefaultCipherSuites()).isNotEmpty();
    assertThat(factory.getSupportedCipherSuites()).contains(factory.getDefaultCipherSuites());
  }
}
