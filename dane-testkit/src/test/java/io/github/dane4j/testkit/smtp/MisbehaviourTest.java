package io.github.dane4j.testkit.smtp;

import static io.github.dane4j.testkit.smtp.SmtpFixtures.WAIT;
import static io.github.dane4j.testkit.smtp.SmtpFixtures.root;
import static io.github.dane4j.testkit.smtp.SmtpFixtures.serverBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MisbehaviourTest {

  private static TestSmtpServer start(Misbehaviour... misbehaviours) {
    return serverBuilder().misbehaviours(misbehaviours).build().start();
  }

  @Test
  void noStarttlsAdvertised_ehloOmitsStarttls() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.NO_STARTTLS_ADVERTISED);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example"))
          .containsExactly("250-localhost", "250-PIPELINING", "250-SIZE 10485760", "250 8BITMIME");
    }
  }

  @Test
  void noStarttlsAdvertised_starttlsSentAnyway_upgrades() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.NO_STARTTLS_ADVERTISED);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("EHLO client.example");

      assertThat(client.command("STARTTLS")).containsExactly("220 2.0.0 Ready to start TLS");
      assertThat(client.startTls(root(), null).getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void noStarttlsAdvertisedWith502_starttlsRejected() throws Exception {
    try (TestSmtpServer server =
            start(Misbehaviour.NO_STARTTLS_ADVERTISED, Misbehaviour.STARTTLS_REPLY_502);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example")).doesNotContain("250-STARTTLS");
      assertThat(client.command("STARTTLS")).containsExactly("502 5.5.1 Command not implemented");
    }
  }

  @Test
  void starttlsReply454_staysInPlaintext() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.STARTTLS_REPLY_454)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("EHLO client.example");

        assertThat(client.command("STARTTLS"))
            .containsExactly("454 4.7.0 TLS not available due to temporary reason");
        assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
        client.command("QUIT");
      }

      assertThat(server.awaitSession(WAIT).tlsNegotiated()).isFalse();
    }
  }

  @Test
  void starttlsReply501_staysInPlaintext() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.STARTTLS_REPLY_501);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("STARTTLS")).containsExactly("501 5.5.4 Syntax error");
      assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
    }
  }

  @Test
  void starttlsReply502_staysInPlaintext() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.STARTTLS_REPLY_502);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("STARTTLS")).containsExactly("502 5.5.1 Command not implemented");
      assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
    }
  }

  @Test
  void starttlsDropAfter220_closesAfterReply() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.STARTTLS_DROP_AFTER_220);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("STARTTLS")).containsExactly("220 2.0.0 Ready to start TLS");
      assertThat(client.serverClosed()).isTrue();
    }
  }

  @Test
  void starttlsPlaintextAfter220_injectedLineInSameWrite() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.STARTTLS_PLAINTEXT_AFTER_220)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.send("STARTTLS");

        assertThat(client.readReply()).containsExactly("220 go");
        // One write of both lines arrives in one loopback segment, so one read returns both.
        assertThat(client.buffered()).isEqualTo("250 injected\r\n");
        assertThat(client.readReply()).containsExactly("250 injected");
        client.startTls(root(), null);
        assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
        client.command("QUIT");
      }

      assertThat(server.awaitSession(WAIT).tlsNegotiated()).isTrue();
    }
  }

  @Test
  void starttlsMultiline220_thenHandshake() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.STARTTLS_MULTILINE_220);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("STARTTLS")).containsExactly("220-ready", "220 go");
      assertThat(client.startTls(root(), null).getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void handshakeFailureAlert_clientReceivesAlert() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.HANDSHAKE_FAILURE_ALERT)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("STARTTLS");

        assertThatThrownBy(() -> client.startTls(root(), null))
            .isInstanceOf(SSLHandshakeException.class)
            .hasMessageContaining("handshake_failure");
      }

      SmtpSession session = server.awaitSession(WAIT);
      assertThat(session.tlsNegotiated()).isFalse();
      assertThat(session.tlsFailure()).isNotNull();
    }
  }

  @Test
  void handshakeAbort_clientSeesClosedConnection() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.HANDSHAKE_ABORT)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("STARTTLS");

        assertThatThrownBy(() -> client.startTls(root(), null))
            .isInstanceOf(SSLHandshakeException.class)
            .hasMessageContaining("terminated the handshake");
      }

      assertThat(server.awaitSession(WAIT).tlsFailure()).startsWith("Handshake aborted");
    }
  }

  @Test
  void handshakeAbort_implicitTls_clientSeesClosedConnection() throws Exception {
    try (TestSmtpServer server =
            serverBuilder()
                .implicitTls(true)
                .misbehaviours(Misbehaviour.HANDSHAKE_ABORT)
                .build()
                .start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThatThrownBy(() -> client.startTls(root(), null))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("terminated the handshake");
    }
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void handshakeWrongPrivateKey_clientRejectsSignature(KeyType keyType) throws Exception {
    TestChain chain = TestChain.create(keyType, "mx.example.com");
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .certificate(SmtpFixtures.issued(chain))
            .misbehaviours(Misbehaviour.HANDSHAKE_WRONG_PRIVATE_KEY)
            .build()
            .start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("STARTTLS");

        assertThatThrownBy(() -> client.startTls(chain.root().certificate(), null))
            .isInstanceOf(SSLHandshakeException.class)
            .hasMessageContaining("CertificateVerify");
      }

      SmtpSession session = server.awaitSession(WAIT);
      assertThat(session.tlsNegotiated()).isFalse();
      assertThat(session.tlsFailure()).isNotNull();
    }
  }

  @Test
  void handshakeWrongPrivateKey_tls12_clientRejectsSignature() throws Exception {
    try (TestSmtpServer server =
            serverBuilder()
                .tlsProtocols("TLSv1.2")
                .misbehaviours(Misbehaviour.HANDSHAKE_WRONG_PRIVATE_KEY)
                .build()
                .start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("STARTTLS");

      assertThatThrownBy(() -> client.startTls(root(), null))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("ServerKeyExchange");
    }
  }

  @Test
  void greetingMultiline_threeLines() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.GREETING_MULTILINE);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThat(client.readReply())
          .containsExactly(
              "220-localhost ESMTP",
              "220-This test server sends a multi-line greeting",
              "220 localhost ready");
    }
  }

  @Test
  void greetingFragmented_reassemblesToGreeting() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.GREETING_FRAGMENTED);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThat(client.readReply()).containsExactly("220 localhost ESMTP");
      assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
    }
  }

  @Test
  void greetingFragmentedMultiline_reassemblesToThreeLines() throws Exception {
    try (TestSmtpServer server =
            start(Misbehaviour.GREETING_FRAGMENTED, Misbehaviour.GREETING_MULTILINE);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThat(client.readReply()).hasSize(3).endsWith("220 localhost ready");
    }
  }

  @Test
  void greeting554_onlyQuitAccepted() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.GREETING_554);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThat(client.readReply()).containsExactly("554 localhost no service");
      assertThat(client.command("EHLO client.example"))
          .containsExactly("503 5.5.1 No SMTP service here, send QUIT");
      assertThat(client.command("STARTTLS"))
          .containsExactly("503 5.5.1 No SMTP service here, send QUIT");
      assertThat(client.command("QUIT")).containsExactly("221 2.0.0 localhost closing connection");
      assertThat(client.serverClosed()).isTrue();
    }
  }

  @Test
  void greetingOverlongLine_noLineEnd() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.GREETING_OVERLONG_LINE)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        String received = client.readBytes(TestSmtpServer.OVERLONG_LINE_BYTES);

        assertThat(received).startsWith("220 xxx");
        assertThat(received).doesNotContain("\r", "\n");
        client.send("QUIT");
        client.shutdownOutput();
        assertThat(client.serverClosed()).isTrue();
      }

      assertThat(server.awaitSession(WAIT).commands()).isEmpty();
    }
  }

  @Test
  void silent_sendsNothingBeforeClose() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.SILENT)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.send("EHLO client.example");
        client.shutdownOutput();

        assertThat(client.serverClosed()).isTrue();
      }

      assertThat(server.awaitSession(WAIT).commands()).isEmpty();
    }
  }

  @Test
  void ehloEndlessContinuation_stopsAtLineLimit() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.EHLO_ENDLESS_CONTINUATION);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      List<String> reply = client.command("EHLO client.example");

      assertThat(reply).hasSize(TestSmtpServer.ENDLESS_REPLY_MAX_LINES + 2);
      assertThat(reply.get(0)).isEqualTo("250-localhost");
      assertThat(reply.get(1)).isEqualTo("250-x");
      assertThat(reply.get(reply.size() - 1)).isEqualTo("250 x");
    }
  }

  @Test
  void ehloEndlessContinuation_clientDisconnects_sessionEnds() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.EHLO_ENDLESS_CONTINUATION)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.send("EHLO client.example");

        assertThat(client.readLine()).isEqualTo("250-localhost");
        assertThat(client.readLine()).isEqualTo("250-x");
      }

      assertThat(server.awaitSession(WAIT).ended()).isTrue();
    }
  }

  @Test
  void ehloMismatchedCode_lastLineIs251() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.EHLO_MISMATCHED_CODE);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example"))
          .containsExactly(
              "250-localhost",
              "250-PIPELINING",
              "250-SIZE 10485760",
              "250-STARTTLS",
              "251 8BITMIME");
    }
  }

  @Test
  void ehloCode600_singleLine() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.EHLO_CODE_600);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example")).containsExactly("600 localhost");
    }
  }

  @Test
  void ehloBareFinalLine_endsWithBare250() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.EHLO_BARE_FINAL_LINE);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example"))
          .containsExactly(
              "250-localhost",
              "250-PIPELINING",
              "250-SIZE 10485760",
              "250-STARTTLS",
              "250-8BITMIME",
              "250");
    }
  }

  @Test
  void ehloLowerCaseKeywords_lowerCaseStarttls() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.EHLO_LOWER_CASE_KEYWORDS);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example"))
          .containsExactly(
              "250-localhost",
              "250-pipelining",
              "250-size 10485760",
              "250-starttls",
              "250 8bitmime");
    }
  }

  @Test
  void ehloRejected500_heloAccepted() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.EHLO_REJECTED_500)) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();

        assertThat(client.command("EHLO client.example"))
            .containsExactly("500 5.5.1 Command unrecognized");
        assertThat(client.command("HELO client.example")).containsExactly("250 localhost");
        assertThat(client.command("MAIL FROM:<a@client.example>")).containsExactly("250 2.1.0 OK");
        client.command("QUIT");
      }

      assertThat(server.awaitSession(WAIT).ehloNames())
          .containsExactly("client.example", "client.example");
    }
  }

  @Test
  void postTlsEhlo554_onlyAfterHandshake() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.POST_TLS_EHLO_554);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example")).contains("250-STARTTLS");
      client.command("STARTTLS");
      client.startTls(root(), null);
      assertThat(client.command("EHLO client.example")).containsExactly("554 5.7.0 EHLO rejected");
    }
  }

  @Test
  void postTlsSilent_noReplyInsideTls() throws Exception {
    try (TestSmtpServer server =
            serverBuilder()
                .misbehaviours(Misbehaviour.POST_TLS_SILENT)
                .readTimeout(Duration.ofMillis(300))
                .build()
                .start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("EHLO client.example");
      client.command("STARTTLS");
      client.startTls(root(), null);
      client.send("EHLO client.example");

      assertThat(client.serverClosed()).isTrue();
      assertThat(server.awaitSession(WAIT).tlsNegotiated()).isTrue();
    }
  }

  @Test
  void postTlsStarttlsAdvertised_secondStarttlsStill503() throws Exception {
    try (TestSmtpServer server = start(Misbehaviour.POST_TLS_STARTTLS_ADVERTISED);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("EHLO client.example");
      client.command("STARTTLS");
      client.startTls(root(), null);

      assertThat(client.command("EHLO client.example")).contains("250-STARTTLS");
      assertThat(client.command("STARTTLS")).containsExactly("503 5.5.1 TLS already active");
    }
  }

  @Test
  void lowerCaseAndNoStarttls_combine() throws Exception {
    try (TestSmtpServer server =
            start(Misbehaviour.EHLO_LOWER_CASE_KEYWORDS, Misbehaviour.NO_STARTTLS_ADVERTISED);
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example"))
          .containsExactly("250-localhost", "250-pipelining", "250-size 10485760", "250 8bitmime");
    }
  }

  @Test
  void everyValue_aloneOnStarttlsServer_builds() {
    for (Misbehaviour misbehaviour : Misbehaviour.values()) {
      try (TestSmtpServer server = serverBuilder().misbehaviours(misbehaviour).build()) {
        assertThat(server).as(misbehaviour.name()).isNotNull();
      }
    }
  }
}
