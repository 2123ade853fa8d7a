package io.github.dane4j.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.examples.ExampleNetwork;
import io.github.dane4j.examples.demo.Scenario;
import io.github.dane4j.testkit.smtp.SmtpSession;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import jakarta.mail.MessagingException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class JakartaMailExampleTest {
  private static ExampleNetwork world;

  @BeforeAll
  static void start() {
    world = ExampleNetwork.start();
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void send_daneAuthenticatedHost_deliversOverTls() throws Exception {
    TestSmtpServer server = world.network().smtpServer(Scenario.DANE_EE);

    InetAddress used =
        JakartaMailExample.send(
            world.verifier(),
            Scenario.DANE_EE.domain(),
            "mx." + Scenario.DANE_EE.domain(),
            "sender@client.demo.test",
            "user@" + Scenario.DANE_EE.domain(),
            "Hello",
            "Sent over DANE-authenticated TLS.");

    assertThat(used).isEqualTo(server.address().getAddress());
    SmtpSession session = delivered(server);
    assertThat(session.tlsNegotiated()).isTrue();
    assertThat(session.sniHostName()).isEqualTo("mx.dane-ee.test");
    assertThat(session.commands()).anyMatch(command -> command.startsWith("MAIL FROM:"));
  }

  @Test
  void send_staleTlsaRecords_failsWithoutSendingTheMessage() {
    TestSmtpServer server = world.network().smtpServer(Scenario.STALE_AFTER_ROLLOVER);

    assertThatThrownBy(
            () ->
                JakartaMailExample.send(
                    world.verifier(),
                    Scenario.STALE_AFTER_ROLLOVER.domain(),
                    "mx." + Scenario.STALE_AFTER_ROLLOVER.domain(),
                    "sender@client.demo.test",
                    "user@" + Scenario.STALE_AFTER_ROLLOVER.domain(),
                    "Hello",
                    "Must not be delivered."))
        .isInstanceOf(MessagingException.class);
    assertThat(server.sessions()).allMatch(session -> session.messageCount() == 0);
  }

  @Test
  void send_noStarttlsWithTlsaRecords_refusesCleartext() {
    TestSmtpServer server = world.network().smtpServer(Scenario.NO_STARTTLS);

    assertThatThrownBy(
            () ->
                JakartaMailExample.send(
                    world.verifier(),
                    Scenario.NO_STARTTLS.domain(),
                    "mx." + Scenario.NO_STARTTLS.domain(),
                    "sender@client.demo.test",
                    "user@" + Scenario.NO_STARTTLS.domain(),
                    "Hello",
                    "Must not travel in cleartext."))
        .isInstanceOf(MessagingException.class);
    assertThat(server.sessions()).allMatch(session -> session.messageCount() == 0);
  }

  @Test
  void send_bogusTlsa_refusesHost() {
    assertThatThrownBy(
            () ->
                JakartaMailExample.send(
                    world.verifier(),
                    Scenario.BOGUS_SIGNATURES.domain(),
                    "mx." + Scenario.BOGUS_SIGNATURES.domain(),
                    "sender@client.demo.test",
                    "user@" + Scenario.BOGUS_SIGNATURES.domain(),
                    "Hello",
                    "Must not be delivered."))
        .isInstanceOf(MessagingException.class)
        .hasMessageContaining("must not be used");
  }

  private static SmtpSession delivered(TestSmtpServer server) throws Exception {
    List<SmtpSession> sessions = server.awaitSessions(1, Duration.ofSeconds(10));
    for (SmtpSession session : server.sessions()) {
      if (session.messageCount() == 1) {
        return session;
      }
    }
    throw new AssertionError("No session delivered a message: " + sessions);
  }
}
