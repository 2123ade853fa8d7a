package io.github.dane4j.testkit.smtp;

import static io.github.dane4j.testkit.smtp.SmtpFixtures.WAIT;
import static io.github.dane4j.testkit.smtp.SmtpFixtures.issued;
import static io.github.dane4j.testkit.smtp.SmtpFixtures.root;
import static io.github.dane4j.testkit.smtp.SmtpFixtures.serverBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class TestSmtpServerTest {
  private static final List<String> EHLO_WITH_STARTTLS =
      List.of(
          "250-localhost", "250-PIPELINING", "250-SIZE 10485760", "250-STARTTLS", "250 8BITMIME");
  private static final List<String> EHLO_WITHOUT_STARTTLS =
      List.of("250-localhost", "250-PIPELINING", "250-SIZE 10485760", "250 8BITMIME");

  @Test
  void greeting_defaults_is220Esmtp() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThat(client.readReply()).containsExactly("220 localhost ESMTP");
    }
  }

  @Test
  void greeting_serverName_carriesName() throws Exception {
    try (TestSmtpServer server = serverBuilder().serverName("mx.example.com").build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThat(client.readReply()).containsExactly("220 mx.example.com ESMTP");
      assertThat(client.command("EHLO client.example").get(0)).isEqualTo("250-mx.example.com");
    }
  }

  @Test
  void ehlo_beforeTls_advertisesStarttls() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO client.example")).isEqualTo(EHLO_WITH_STARTTLS);
    }
  }

  @Test
  void starttls_afterEhlo_upgradesToTls() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("EHLO client.example");

        assertThat(client.command("STARTTLS")).containsExactly("220 2.0.0 Ready to start TLS");
        SSLSession tls = client.startTls(root(), "mx.example.com");
        assertThat(tls.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(client.command("EHLO client.example")).isEqualTo(EHLO_WITHOUT_STARTTLS);
        assertThat(client.command("QUIT"))
            .containsExactly("221 2.0.0 localhost closing connection");
      }

      SmtpSession session = server.awaitSession(WAIT);
      assertThat(session.tlsNegotiated()).isTrue();
      assertThat(session.tlsProtocol()).isEqualTo("TLSv1.3");
      assertThat(session.tlsCipherSuite()).startsWith("TLS_");
      assertThat(session.tlsFailure()).isNull();
      assertThat(session.sniHostName()).isEqualTo("mx.example.com");
      assertThat(session.ehloNames()).containsExactly("client.example", "client.example");
      assertThat(session.commands())
          .containsExactly("EHLO client.example", "STARTTLS", "EHLO client.example", "QUIT");
      assertThat(session.ended()).isTrue();
    }
  }

  @Test
  void starttls_presentsConfiguredChain() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("EHLO client.example");
      client.command("STARTTLS");
      client.startTls(root(), null);

      assertThat(client.peerCertificates())
          .containsExactlyElementsOf(SmtpFixtures.CHAIN.chainWithoutRoot());
    }
  }

  @Test
  void starttls_tls12Only_negotiatesTls12() throws Exception {
    try (TestSmtpServer server = serverBuilder().tlsProtocols("TLSv1.2").build().start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("EHLO client.example");
        client.command("STARTTLS");

        assertThat(client.startTls(root(), null).getProtocol()).isEqualTo("TLSv1.2");
        client.command("QUIT");
      }

      assertThat(server.awaitSession(WAIT).tlsProtocol()).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void starttls_clientLacksServerProtocol_handshakeFails() throws Exception {
    try (TestSmtpServer server = serverBuilder().tlsProtocols("TLSv1.3").build().start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("STARTTLS");

        assertThatThrownBy(() -> client.startTls(root(), null, "TLSv1.2"))
            .isInstanceOf(SSLHandshakeException.class)
            .hasMessageContaining("protocol_version");
      }

      SmtpSession session = server.awaitSession(WAIT);
      assertThat(session.tlsNegotiated()).isFalse();
      assertThat(session.tlsFailure()).isNotNull();
    }
  }

  @Test
  void starttls_withArgument_returns501() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("STARTTLS now"))
          .containsExactly("501 5.5.4 Syntax error (no parameters allowed)");
    }
  }

  @Test
  void starttls_underTls_returns503() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("STARTTLS");
      client.startTls(root(), null);

      assertThat(client.command("STARTTLS")).containsExactly("503 5.5.1 TLS already active");
    }
  }

  @Test
  void starttls_commandPipelinedAfterIt_discardedAndCounted() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.sendRaw("STARTTLS\r\nNOOP\r\n");

        assertThat(client.readReply()).containsExactly("220 2.0.0 Ready to start TLS");
        client.startTls(root(), null);
        assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
        client.command("QUIT");
      }

      SmtpSession session = server.awaitSession(WAIT);
      assertThat(session.bytesDiscardedAfterStarttls()).isEqualTo("NOOP\r\n".length());
      assertThat(session.commands()).containsExactly("STARTTLS", "NOOP", "QUIT");
    }
  }

  @Test
  void mailTransaction_afterTls_acceptedAndDiscarded() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("EHLO client.example");
        client.command("STARTTLS");
        client.startTls(root(), null);
        client.command("EHLO client.example");

        assertThat(client.command("MAIL FROM:<a@client.example>")).containsExactly("250 2.1.0 OK");
        assertThat(client.command("RCPT TO:<b@mx.example.com>")).containsExactly("250 2.1.5 OK");
        assertThat(client.command("DATA")).containsExactly("354 End data with <CR><LF>.<CR><LF>");
        client.sendRaw("Subject: test\r\n\r\n..dot\r\n.\r\n");
        assertThat(client.readReply()).containsExactly("250 2.0.0 OK, message discarded");
        client.command("QUIT");
      }

      SmtpSession session = server.awaitSession(WAIT);
      assertThat(session.messageCount()).isEqualTo(1);
      assertThat(session.messageBytes()).isEqualTo("Subject: test\r\n\r\n.dot\r\n".length());
      assertThat(session.commands()).doesNotContain("Subject: test");
    }
  }

  @Test
  void data_overSizeLimit_returns552() throws Exception {
    try (TestSmtpServer server = serverBuilder().maxMessageSize(10).build().start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        assertThat(client.command("EHLO client.example")).contains("250-SIZE 10");
        client.command("MAIL FROM:<a@client.example>");
        client.command("RCPT TO:<b@mx.example.com>");
        client.command("DATA");
        client.sendRaw("0123456789\r\n.\r\n");

        assertThat(client.readReply())
            .containsExactly("552 5.3.4 Message size exceeds fixed limit of 10");
        client.command("QUIT");
      }

      assertThat(server.awaitSession(WAIT).messageCount()).isZero();
    }
  }

  @Test
  void commands_outOfOrder_return503() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("MAIL FROM:<a@client.example>"))
          .containsExactly("503 5.5.1 Send EHLO or HELO first");
      assertThat(client.command("RCPT TO:<b@mx.example.com>"))
          .containsExactly("503 5.5.1 Send MAIL first");
      assertThat(client.command("DATA")).containsExactly("503 5.5.1 Send RCPT first");
    }
  }

  @Test
  void mail_afterTlsWithoutNewEhlo_returns503() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("EHLO client.example");
      client.command("STARTTLS");
      client.startTls(root(), null);

      assertThat(client.command("MAIL FROM:<a@client.example>"))
          .containsExactly("503 5.5.1 Send EHLO or HELO first");
    }
  }

  @Test
  void mail_badSyntax_returns501() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("EHLO client.example");

      assertThat(client.command("MAIL <a@client.example>"))
          .containsExactly("501 5.5.4 Syntax: MAIL FROM:<address>");
    }
  }

  @Test
  void rsetAndNoop_return250() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("EHLO client.example");
      client.command("MAIL FROM:<a@client.example>");

      assertThat(client.command("RSET")).containsExactly("250 2.0.0 OK");
      assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
      assertThat(client.command("RCPT TO:<b@mx.example.com>"))
          .containsExactly("503 5.5.1 Send MAIL first");
    }
  }

  @Test
  void helo_returns250WithoutExtensions() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("HELO client.example")).containsExactly("250 localhost");
    }
  }

  @Test
  void ehlo_withoutName_returns501() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("EHLO"))
          .containsExactly("501 5.5.4 EHLO needs a domain or address literal");
    }
  }

  @Test
  void unknownCommand_returns502() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("VRFY postmaster"))
          .containsExactly("502 5.5.1 Command not implemented");
    }
  }

  @Test
  void quit_returns221AndCloses() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.command("quit")).containsExactly("221 2.0.0 localhost closing connection");
      assertThat(client.serverClosed()).isTrue();
    }
  }

  @Test
  void line_atLimit_accepted() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      String line = "NOOP " + "x".repeat(TestSmtpServer.MAX_LINE_BYTES - 7);

      assertThat(client.command(line)).containsExactly("250 2.0.0 OK");
    }
  }

  @Test
  void line_overLimit_returns500AndCloses() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      String line = "NOOP " + "x".repeat(TestSmtpServer.MAX_LINE_BYTES - 6);

      assertThat(client.command(line))
          .containsExactly("500 5.5.2 Line too long, at most 1000 bytes");
      assertThat(client.serverClosed()).isTrue();
    }
  }

  @Test
  void readTimeout_idleClient_returns421AndCloses() throws Exception {
    try (TestSmtpServer server =
            serverBuilder().readTimeout(Duration.ofMillis(200)).build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();

      assertThat(client.readReply())
          .containsExactly("421 4.4.2 localhost Timeout, closing connection");
      assertThat(client.serverClosed()).isTrue();
    }
  }

  @Test
  void maxConnections_oneMore_returns421AndIsNotRecorded() throws Exception {
    try (TestSmtpServer server = serverBuilder().maxConnections(1).build().start();
        RawSmtpClient first = RawSmtpClient.connect(server.address())) {
      first.readReply();

      try (RawSmtpClient second = RawSmtpClient.connect(server.address())) {
        assertThat(second.readReply())
            .containsExactly("421 4.3.2 localhost Too many connections, try later");
        assertThat(second.serverClosed()).isTrue();
      }
      assertThat(server.sessions()).hasSize(1);
    }
  }

  @Test
  void sni_matchingName_presentsThatChainAndIsRecorded() throws Exception {
    TestChain chainA = TestChain.create(KeyType.EC_P256, "a.example");
    TestChain chainB = TestChain.create(KeyType.EC_P256, "b.example");
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .certificatesBySni(
                Map.of("a.example", issued(chainA), "b.example", issued(chainB)),
                issued(SmtpFixtures.CHAIN))
            .build()
            .start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("STARTTLS");
        client.startTls(chainB.root().certificate(), "b.example");

        assertThat(client.peerCertificates().get(0)).isEqualTo(chainB.leaf().certificate());
        client.command("QUIT");
      }

      assertThat(server.awaitSession(WAIT).sniHostName()).isEqualTo("b.example");
    }
  }

  @Test
  void sni_absent_presentsFallbackAndRecordsNull() throws Exception {
    TestChain chainA = TestChain.create(KeyType.EC_P256, "a.example");
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .certificatesBySni(Map.of("a.example", issued(chainA)), issued(SmtpFixtures.CHAIN))
            .build()
            .start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.readReply();
        client.command("STARTTLS");
        client.startTls(root(), null);

        assertThat(client.peerCertificates().get(0))
            .isEqualTo(SmtpFixtures.CHAIN.leaf().certificate());
        client.command("QUIT");
      }

      assertThat(server.awaitSession(WAIT).sniHostName()).isNull();
    }
  }

  @Test
  void implicitTls_handshakeComesBeforeGreeting() throws Exception {
    try (TestSmtpServer server = serverBuilder().implicitTls(true).build().start()) {
      try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
        client.startTls(root(), "mx.example.com");

        assertThat(client.readReply()).containsExactly("220 localhost ESMTP");
        assertThat(client.command("EHLO client.example")).isEqualTo(EHLO_WITHOUT_STARTTLS);
        assertThat(client.command("STARTTLS")).containsExactly("503 5.5.1 TLS already active");
        client.command("QUIT");
      }

      SmtpSession session = server.awaitSession(WAIT);
      assertThat(session.tlsNegotiated()).isTrue();
      assertThat(session.sniHostName()).isEqualTo("mx.example.com");
    }
  }

  @Test
  void close_stopsThreadsAndFreesPort() throws Exception {
    TestSmtpServer server = serverBuilder().build().start();
    InetSocketAddress address = server.address();
    try (RawSmtpClient client = RawSmtpClient.connect(address)) {
      client.readReply();

      server.close();

      assertThat(client.serverClosed()).isTrue();
    }
    String prefix = "dane4j-smtp-" + address.getPort() + "-";
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith(prefix));
    try (ServerSocket rebound = new ServerSocket()) {
      rebound.setReuseAddress(true);
      rebound.bind(address);
      assertThat(rebound.getLocalPort()).isEqualTo(address.getPort());
    }
  }

  @Test
  void close_calledTwice_secondHasNoEffect() {
    TestSmtpServer server = serverBuilder().build().start();
    server.close();

    assertThatCode(server::close).doesNotThrowAnyException();
  }

  @Test
  void close_beforeStart_preventsStart() {
    TestSmtpServer server = serverBuilder().build();
    server.close();

    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
  }

  @Test
  void start_twice_throwsIllegalState() {
    try (TestSmtpServer server = serverBuilder().build().start()) {
      assertThatThrownBy(server::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("RUNNING");
    }
  }

  @Test
  void address_afterStart_isLoopbackWithPort() {
    try (TestSmtpServer server = serverBuilder().build().start()) {
      InetSocketAddress address = server.address();

      assertThat(address.getAddress().isLoopbackAddress()).isTrue();
      assertThat(address.getPort()).isPositive();
    }
  }

  @Test
  void bindAddress_ipv6Loopback_servesGreeting() throws Exception {
    InetAddress ipv6Loopback =
        InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    assumeTrue(canBind(ipv6Loopback), "no IPv6 loopback on this machine");

    try (TestSmtpServer server = serverBuilder().bindAddress(ipv6Loopback).build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      assertThat(server.address().getAddress()).isEqualTo(ipv6Loopback);
      assertThat(client.readReply()).containsExactly("220 localhost ESMTP");
    }
  }

  @Test
  void port_samePortOnSecondLoopbackAddress_bothServe() throws Exception {
    InetAddress second = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
    assumeTrue(canBind(second), "127.0.0.2 is not routed to the loopback interface here");

    try (TestSmtpServer first = serverBuilder().serverName("first.example").build().start();
        TestSmtpServer other =
            serverBuilder()
                .serverName("second.example")
                .bindAddress(second)
                .port(first.address().getPort())
                .build()
                .start();
        RawSmtpClient client = RawSmtpClient.connect(other.address())) {
      assertThat(other.address().getPort()).isEqualTo(first.address().getPort());
      assertThat(other.address().getAddress()).isEqualTo(second);
      assertThat(client.readReply()).containsExactly("220 second.example ESMTP");
    }
  }

  @Test
  void port_outOfRange_throwsIllegalArgument() {
    assertThatThrownBy(() -> TestSmtpServer.builder().port(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }

  @Test
  void address_beforeStart_throwsIllegalState() {
    try (TestSmtpServer server = serverBuilder().build()) {
      assertThatThrownBy(server::address)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("start()");
    }
  }

  @Test
  void sessions_openConnection_notEnded() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start();
        RawSmtpClient client = RawSmtpClient.connect(server.address())) {
      client.readReply();
      client.command("NOOP");

      List<SmtpSession> sessions = server.sessions();
      assertThat(sessions).hasSize(1);
      assertThat(sessions.get(0).ended()).isFalse();
      assertThat(sessions.get(0).commands()).containsExactly("NOOP");
    }
  }

  @Test
  void awaitSessions_twoConnections_returnsBothInOrder() throws Exception {
    try (TestSmtpServer server = serverBuilder().build().start()) {
      for (String name : List.of("first.example", "second.example")) {
        try (RawSmtpClient client = RawSmtpClient.connect(server.address())) {
          client.readReply();
          client.command("HELO " + name);
          client.command("QUIT");
        }
      }

      List<SmtpSession> sessions = server.awaitSessions(2, WAIT);
      assertThat(sessions.get(0).ehloNames()).containsExactly("first.example");
      assertThat(sessions.get(1).ehloNames()).containsExactly("second.example");
    }
  }

  @Test
  void awaitSession_noConnection_timesOut() {
    try (TestSmtpServer server = serverBuilder().build().start()) {
      assertThatThrownBy(() -> server.awaitSession(Duration.ofMillis(50)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("accepted 0");
    }
  }

  @Test
  void awaitSession_closedWithoutConnection_throwsIllegalState() {
    TestSmtpServer server = serverBuilder().build().start();
    server.close();

    assertThatThrownBy(() -> server.awaitSession(WAIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed after accepting 0");
  }

  @Test
  void awaitSessions_zero_throwsIllegalArgument() {
    try (TestSmtpServer server = serverBuilder().build()) {
      assertThatThrownBy(() -> server.awaitSessions(0, WAIT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("less than 1");
    }
  }

  @Test
  void build_withoutCertificate_throwsIllegalState() {
    TestSmtpServer.Builder builder = TestSmtpServer.builder();

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("certificate(...)");
  }

  @Test
  void bindAddress_notLoopback_throwsIllegalArgument() throws Exception {
    InetAddress documentation = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});

    assertThatThrownBy(() -> TestSmtpServer.builder().bindAddress(documentation))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("192.0.2.1");
  }

  @Test
  void serverName_withSpace_throwsIllegalArgument() {
    assertThatThrownBy(() -> TestSmtpServer.builder().serverName("mx example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mx example'");
  }

  @Test
  void tlsProtocols_unknown_throwsIllegalArgument() {
    TestSmtpServer.Builder builder = serverBuilder().tlsProtocols("TLSv9");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'TLSv9'");
  }

  @Test
  void readTimeout_zero_throwsIllegalArgument() {
    assertThatThrownBy(() -> TestSmtpServer.builder().readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
  }

  @Test
  void misbehaviours_sameGroup_throwsIllegalArgument() {
    TestSmtpServer.Builder builder =
        serverBuilder()
            .misbehaviours(Misbehaviour.STARTTLS_REPLY_454, Misbehaviour.STARTTLS_REPLY_502);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STARTTLS_REPLY_454")
        .hasMessageContaining("STARTTLS_REPLY_502");
  }

  @Test
  void misbehaviours_silentWithOther_throwsIllegalArgument() {
    TestSmtpServer.Builder builder =
        serverBuilder().misbehaviours(Misbehaviour.SILENT, Misbehaviour.GREETING_FRAGMENTED);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SILENT");
  }

  @Test
  void misbehaviours_starttlsWithImplicitTls_throwsIllegalArgument() {
    TestSmtpServer.Builder builder =
        serverBuilder().implicitTls(true).misbehaviours(Misbehaviour.NO_STARTTLS_ADVERTISED);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("implicitTls(true)");
  }

  private static boolean canBind(InetAddress address) {
    try (ServerSocket probe = new ServerSocket(0, 1, address)) {
      return probe.getLocalPort() > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
