package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTest {

  @ParameterizedTest
  @CsvSource({
    "PT0.25S, 250 ms",
    "PT1S, 1 s",
    "PT2S, 2 s",
    "PT1.5S, 1.5 s",
    "PT10.01S, 10.01 s",
    "PT2M, 2 min",
    "PT90S, 90 s",
    "PT1H, 60 min"
  })
  void duration_isoValue_readableText(String iso, String expected) {
    assertThat(Text.duration(Duration.parse(iso))).isEqualTo(expected);
  }

  @Test
  void boringSslNoise_alert_sunJsseWords() {
    String conscrypt =
        "javax.net.ssl.SSLHandshakeException: Read error: Failure in SSL library, usually a"
            + " protocol error\nerror:1000042e:SSL routines:OPENSSL_internal:"
            + "TLSV1_ALERT_PROTOCOL_VERSION (../ssl/tls_record.cc:594 0x7f00deadbeef:0x00000001)";

    assertThat(Text.withoutBoringSslNoise(conscrypt))
        .isEqualTo(
            "javax.net.ssl.SSLHandshakeException: Read error: received fatal alert:"
                + " protocol_version (BoringSSL TLSV1_ALERT_PROTOCOL_VERSION)");
  }

  @Test
  void boringSslNoise_otherReason_lowerCaseWords() {
    assertThat(
            Text.withoutBoringSslNoise(
                "error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER"
                    + " (../ssl/tls_record.cc:242)"))
        .isEqualTo("wrong version number (BoringSSL WRONG_VERSION_NUMBER)");
  }

  @Test
  void boringSslNoise_unnamedReason_alertNumber() {
    assertThat(
            Text.withoutBoringSslNoise(
                "Failure in SSL library, usually a protocol error\nerror:100004d6:SSL"
                    + " routines:OPENSSL_internal:reason(1238) (../ssl/tls_record.cc:594)"))
        .isEqualTo(
            "received fatal alert number 238, which TLS does not define (BoringSSL reason code"
                + " 1238)");
  }

  @Test
  void boringSslNoise_sunJsseText_unchanged() {
    String sunJsse = "javax.net.ssl.SSLHandshakeException: Received fatal alert: protocol_version";

    assertThat(Text.withoutBoringSslNoise(sunJsse)).isEqualTo(sunJsse);
  }

  @Test
  void escaped_lineBreaks_writtenAsEscapes() {
    assertThat(Text.escaped("a\rb\nc")).isEqualTo("a\\rb\\nc");
  }

  @Test
  void escaped_nul_writtenAsUnicodeEscape() {
    assertThat(Text.escaped("a" + (char) 0 + "b")).isEqualTo("a\\" + "u0000b");
  }

  @Test
  void escaped_longText_cutWithEllipsis() {
    assertThat(Text.escaped("x".repeat(200))).hasSize(80).endsWith("...");
  }

  @Test
  void withoutNativeAddresses_conscryptMessage_pointersRemoved() {
    String message =
        "javax.net.ssl.SSLHandshakeException: Read error: ssl=0x7fbf3c00a2b8: Failure in SSL"
            + " library, usually a protocol error (external/boringssl/src/ssl/tls_record.cc:592"
            + " 0x7fbf3c7fe9c8:0x00000001)";

    String cleaned = Text.withoutNativeAddresses(message);

    assertThat(cleaned).doesNotContain("0x7fbf");
    assertThat(cleaned).doesNotContain("ssl=");
    assertThat(cleaned)
        .isEqualTo(
            "javax.net.ssl.SSLHandshakeException: Read error: Failure in SSL library, usually a"
                + " protocol error (external/boringssl/src/ssl/tls_record.cc:592)");
  }

  @Test
  void withoutNativeAddresses_shortHexValue_kept() {
    assertThat(Text.withoutNativeAddresses("alert 0x28 received")).isEqualTo("alert 0x28 received");
  }
}
