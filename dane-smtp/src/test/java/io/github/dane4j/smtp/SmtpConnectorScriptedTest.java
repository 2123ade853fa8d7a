package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.SESSION_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.smtp.ScriptedServer.Close;
import io.github.dane4j.smtp.ScriptedServer.ReadLine;
import io.github.dane4j.smtp.ScriptedServer.Trickle;
import io.github.dane4j.smtp.ScriptedServer.Write;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connector tests against raw byte scripts, for server behaviour the testkit does not offer. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SmtpConnectorScriptedTest {
  private static final TlsaRecord ANY_RECORD = TlsaRecord.of(3, 1, 1, new byte[32]);

  /** Settings with 2-second timeouts, so a server that stops replying ends the test soon. */
  private static final ConnectorSettings SHORT = ConnectorFixtures.settings(TlsProvider.SUNJSSE);

  private static SmtpConnectionResult connect(ScriptedServer server, ConnectorSettings settings) {
    SmtpTarget target =
        SmtpTarget.builder()
            .address(server.address())
            .tlsaRecords(List.of(ANY_RECORD), List.of(MX))
            .build();
    return SmtpConnector.create(settings).connect(target);
  }

  @Test
  void connect_tricklingGreeting_failsAtGreetingDeadline() throws Exception {
    ConnectorSettings settings =
        ConnectorSettings.builder()
            .readTimeout(Duration.ofSeconds(5))
            .greetingTimeout(Duration.ofSeconds(1))
            .build();
    try (ScriptedServer server =
        ScriptedServer.start(new Trickle("220-x", Duration.ofMillis(100)))) {
      SmtpConnectionResult result = connect(server, settings);

      assertThat(result.failure()).contains(FailureKind.READ_TIMEOUT);
      assertThat(result.message()).isEqualTo("The server did not finish the greeting within 1 s");
      assertThat(server.awaitClientClose(SESSION_WAIT)).isTrue();
    }
  }

  @Test
  void connect_replyAheadOfStarttls_failsProtocolError() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.start(
            new Write("220 mx ESMTP\r\n"),
            new ReadLine(),
            new Write("250-mx\r\n250 STARTTLS\r\n220 ready before asked\r\n"))) {
      SmtpConnectionResult result = connect(server, SHORT);

      assertThat(result.failure()).contains(FailureKind.PROTOCOL_ERROR);
      assertThat(result.message()).contains("220 ready before asked");
      assertThat(result.starttlsReply()).isEmpty();
      assertThat(server.awaitClientClose(SESSION_WAIT)).isTrue();
    }
  }

  @Test
  void connect_unexpectedGreetingCode_failsProtocolError() throws Exception {
    try (ScriptedServer server = ScriptedServer.start(new Write("250 not a greeting\r\n"))) {
      SmtpConnectionResult result = connect(server, SHORT);

      assertThat(result.failure()).contains(FailureKind.PROTOCOL_ERROR);
      assertThat(result.resultType()).isEmpty();
      assertThat(server.awaitClientClose(SESSION_WAIT)).isTrue();
    }
  }

  @Test
  void connect_greeting421_failsGreetingRefused() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.start(new Write("421 busy\r\n"), new ReadLine(), new Write("221 bye\r\n"))) {
      SmtpConnectionResult result = connect(server, SHORT);

      assertThat(result.failure()).contains(FailureKind.GREETING_REFUSED);
      assertThat(result.transcript().stream().map(TranscriptEntry::toString))
          .containsExactly("S: 421 busy", "C: QUIT", "S: 221 bye");
      assertThat(server.awaitClientClose(SESSION_WAIT)).isTrue();
    }
  }

  @Test
  void connect_ehloAndHeloRejected_failsEhlo() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.start(
            new Write("220 mx\r\n"),
            new ReadLine(),
            new Write("502 no\r\n"),
            new ReadLine(),
            new Write("550 go away\r\n"))) {
      SmtpConnectionResult result = connect(server, SHORT);

      assertThat(result.failure()).contains(FailureKind.EHLO_FAILED);
      assertThat(result.heloFallback()).isFalse();
      assertThat(result.message()).contains("550 go away");
      assertThat(server.awaitClientClose(SESSION_WAIT)).isTrue();
    }
  }

  @Test
  void connect_replyLargerThanMaximum_failsReplyTooLarge() throws Exception {
    ConnectorSettings settings =
        ConnectorSettings.builder()
            .maxReplyBytes(64)
            .greetingTimeout(ConnectorFixtures.STEP_TIMEOUT)
            .build();
    try (ScriptedServer server =
        ScriptedServer.start(new Write("220-" + "x".repeat(40) + "\r\n220 " + "y".repeat(40)))) {
      SmtpConnectionResult result = connect(server, settings);

      assertThat(result.failure()).contains(FailureKind.REPLY_TOO_LARGE);
      assertThat(server.awaitClientClose(SESSION_WAIT)).isTrue();
    }
  }

  @Test
  void connect_serverClosesAfterGreeting_failsConnectionClosed() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.start(new Write("220 mx\r\n"), new ReadLine(), new Close())) {
      SmtpConnectionResult result = connect(server, SHORT);

      assertThat(result.failure()).contains(FailureKind.CONNECTION_CLOSED);
      assertThat(result.message()).contains("EHLO");
    }
  }
}
