package io.github.dane4j.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorSettingsTest {

  @Test
  @SuppressWarnings("NullAway") // the null element is the misuse under test
  void tlsProtocols_nullName_rejectedWithMessage() {
    List<String> protocols = Arrays.asList("TLSv1.3", null);

    assertThatThrownBy(() -> ConnectorSettings.builder().tlsProtocols(protocols))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("TLS protocol name is null");
  }

  @Test
  void defaults_matchDocumentedValues() {
    ConnectorSettings settings = ConnectorSettings.defaults();

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.greetingTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.handshakeTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.ehloName()).isEqualTo("localhost");
    assertThat(settings.tlsProvider()).isEqualTo(TlsProvider.SUNJSSE);
    assertThat(settings.tlsProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(settings.cipherSuites()).isEmpty();
    assertThat(settings.maxReplyLineLength()).isEqualTo(2048);
    assertThat(settings.maxReplyLines()).isEqualTo(100);
    assertThat(settings.maxReplyBytes()).isEqualTo(65_536);
  }

  @Test
  void timeout_zero_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read timeout PT0S");
  }

  @Test
  void timeout_negative_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connect timeout");
  }

  @Test
  void timeout_overOneHour_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().handshakeTimeout(Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 hour");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void timeout_null_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().greetingTimeout(null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"client.example.net", "localhost", "[192.0.2.1]", "[IPv6:2001:db8::1]"})
  void ehloName_hostNameOrLiteral_isAccepted(String name) {
    assertThat(ConnectorSettings.builder().ehloName(name).build().ehloName()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "client example",
        "client.example.net\r\nRCPT TO:<x>",
        "b\u00fccher.example",
        "192.0.2.1",
        "[192.0.2.1",
        "[]",
        "-bad.example"
      })
  void ehloName_invalid_isRejected(String name) {
    assertThatThrownBy(() -> ConnectorSettings.builder().ehloName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EHLO name");
  }

  @Test
  void tlsProtocols_empty_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().tlsProtocols(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_unknownProtocol_namesIt() {
    ConnectorSettings.Builder builder =
        ConnectorSettings.builder().tlsProtocols(List.of("TLSv1.3", "TLSv9"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[TLSv9]")
        .hasMessageContaining("SUNJSSE");
  }

  @Test
  void build_unknownCipherSuite_namesIt() {
    ConnectorSettings.Builder builder =
        ConnectorSettings.builder().cipherSuites(List.of("TLS_NO_SUCH_SUITE"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS_NO_SUCH_SUITE");
  }

  @Test
  void build_knownCipherSuite_isKept() {
    ConnectorSettings settings =
        ConnectorSettings.builder()
            .cipherSuites(List.of("TLS_AES_128_GCM_SHA256"))
            .tlsProvider(TlsProvider.CONSCRYPT)
            .build();

    assertThat(settings.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
  }

  @Test
  void maxReplyLineLength_belowMinimum_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().maxReplyLineLength(15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15");
  }

  @Test
  void maxReplyLines_zero_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().maxReplyLines(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxReplyBytes_aboveMaximum_isRejected() {
    assertThatThrownBy(() -> ConnectorSettings.builder().maxReplyBytes(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tlsProvider_bothAvailableHere() {
    assertThat(TlsProvider.SUNJSSE.isAvailable()).isTrue();
    assertThat(TlsProvider.CONSCRYPT.isAvailable()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void build_protocolOffByDefault_throwsNamingIt(TlsProvider provider) {
    ConnectorSettings.Builder builder =
        ConnectorSettings.builder().tlsProvider(provider).tlsProtocols(List.of("SSLv3"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SSLv3");
  }

  @Test
  void build_sunJsseTls10_saysNotEnabledByDefault() {
    ConnectorSettings.Builder builder =
        ConnectorSettings.builder()
            .tlsProvider(TlsProvider.SUNJSSE)
            .tlsProtocols(List.of("TLSv1.2", "TLSv1"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not enable [TLSv1] by default");
  }
}
