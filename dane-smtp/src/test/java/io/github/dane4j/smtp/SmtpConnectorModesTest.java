package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.SESSION_WAIT;
import static io.github.dane4j.smtp.ConnectorFixtures.STEP_TIMEOUT;
import static io.github.dane4j.smtp.ConnectorFixtures.daneEe;
import static io.github.dane4j.smtp.ConnectorFixtures.insecureNodata;
import static io.github.dane4j.smtp.ConnectorFixtures.served;
import static io.github.dane4j.smtp.ConnectorFixtures.settings;
import static io.github.dane4j.smtp.ConnectorFixtures.target;
import static io.github.dane4j.smtp.ConnectorFixtures.targetFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.DaneTrustManager;
import io.github.dane4j.core.DaneTrustOutcome;
import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.SmtpSession;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end tests of implicit TLS, SNI, protocol settings, the PKIX delegate and TCP failures,
 * once per TLS provider where TLS is involved.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SmtpConnectorModesTest {
  private static TestChain chain;
  private static TestChain otherChain;

  @BeforeAll
  static void createChains() {
    chain = TestChain.create(KeyType.EC_P256, MX);
    otherChain = TestChain.create(KeyType.EC_P256, "other.example.net");
  }

  private static TestSmtpServer.Builder server() {
    return TestSmtpServer.builder().serverName(MX).certificate(served(chain));
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_implicitTls_succeedsWithoutStarttls(TlsProvider provider) throws Exception {
    try (TestSmtpServer server = server().implicitTls(true).build().start()) {
      SmtpTarget target =
          targetFor(server)
              .tlsMode(TlsMode.IMPLICIT_TLS)
              .tlsaRecords(List.of(daneEe(chain.leaf().certificate())), List.of(MX))
              .build();

      SmtpConnectionResult result = SmtpConnector.create(settings(provider)).connect(target);
      SmtpSession session = server.awaitSession(SESSION_WAIT);

      assertThat(result.succeeded()).isTrue();
      assertThat(result.daneAuthenticated()).isTrue();
      assertThat(result.tlsMode()).isEqualTo(TlsMode.IMPLICIT_TLS);
      assertThat(result.capabilities()).isEmpty();
      assertThat(result.starttlsReply()).isEmpty();
      assertThat(result.greeting().map(SmtpReply::code)).contains(220);
      assertThat(result.transcript()).allMatch(TranscriptEntry::tls);
      assertThat(result.tlsaOwnerName())
          .isEqualTo("_" + server.address().getPort() + "._tcp." + MX + ".");
      assertThat(session.commands()).doesNotContain("STARTTLS");
      assertThat(session.ended()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_implicitTlsToStarttlsServer_failsHandshake(TlsProvider provider) throws Exception {
    try (TestSmtpServer server = server().build().start()) {
      SmtpTarget target =
          targetFor(server)
              .tlsMode(TlsMode.IMPLICIT_TLS)
              .tlsaRecords(List.of(daneEe(chain.leaf().certificate())), List.of(MX))
              .build();

      SmtpConnectionResult result = SmtpConnector.create(settings(provider)).connect(target);

      assertThat(result.failure()).isPresent();
      assertThat(result.failure().get())
          .isIn(FailureKind.HANDSHAKE_FAILED, FailureKind.HANDSHAKE_TIMEOUT);
      assertThat(result.resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
      assertThat(server.awaitSession(SESSION_WAIT).ended()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_serverChoosesBySni_getsBaseDomainChain(TlsProvider provider) throws Exception {
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .serverName(MX)
            .certificatesBySni(Map.of(MX, served(chain)), served(otherChain))
            .build()
            .start()) {
      SmtpConnectionResult result =
          SmtpConnector.create(settings(provider))
              .connect(target(server, daneEe(chain.leaf().certificate())));

      assertThat(result.daneAuthenticated()).isTrue();
      assertThat(server.awaitSession(SESSION_WAIT).sniHostName()).isEqualTo(MX);
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_serverIgnoresSni_acceptsMatchingDefaultChain(TlsProvider provider) throws Exception {
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .serverName(MX)
            .certificatesBySni(Map.of("unrelated.example", served(chain)), served(otherChain))
            .build()
            .start()) {
      SmtpConnectionResult result =
          SmtpConnector.create(settings(provider))
              .connect(target(server, daneEe(otherChain.leaf().certificate())));

      assertThat(result.daneAuthenticated()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_noCommonProtocol_failsHandshake(TlsProvider provider) throws Exception {
    try (TestSmtpServer server = server().tlsProtocols("TLSv1.3").build().start()) {
      ConnectorSettings tls12Only =
          ConnectorSettings.builder()
              .tlsProvider(provider)
              .tlsProtocols(List.of("TLSv1.2"))
              .readTimeout(STEP_TIMEOUT)
              .handshakeTimeout(STEP_TIMEOUT)
              .build();

      SmtpConnectionResult result =
          SmtpConnector.create(tls12Only)
              .connect(target(server, daneEe(chain.leaf().certificate())));

      assertThat(result.failure()).contains(FailureKind.HANDSHAKE_FAILED);
      assertThat(result.resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
      assertThat(server.awaitSession(SESSION_WAIT).ended()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_tls12Only_negotiatesTls12(TlsProvider provider) throws Exception {
    try (TestSmtpServer server = server().build().start()) {
      ConnectorSettings tls12Only =
          ConnectorSettings.builder()
              .tlsProvider(provider)
              .tlsProtocols(List.of("TLSv1.2"))
              .build();

      SmtpConnectionResult result =
          SmtpConnector.create(tls12Only)
              .connect(target(server, daneEe(chain.leaf().certificate())));

      assertThat(result.succeeded()).isTrue();
      assertThat(result.tlsProtocol()).contains("TLSv1.2");
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_daneNotApplicableAndPkixRejects_failsCertificateRejected(TlsProvider provider)
      throws Exception {
    try (TestSmtpServer server = server().build().start()) {
      DaneTrustManager trustManager =
          DaneTrustManager.builder()
              .tlsa(insecureNodata(server.address().getPort()))
              .referenceNames(List.of(MX))
              .pkixDelegate(pkixTrusting(otherChain))
              .build();
      SmtpTarget target = targetFor(server).trustManager(trustManager).build();

      SmtpConnectionResult result = SmtpConnector.create(settings(provider)).connect(target);

      assertThat(result.failure()).contains(FailureKind.CERTIFICATE_REJECTED);
      assertThat(result.resultType()).contains(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
      assertThat(result.trustOutcome().map(DaneTrustOutcome::mode))
          .contains(DaneTrustOutcome.Mode.PKIX_DELEGATE_FAILED);
      assertThat(server.awaitSession(SESSION_WAIT).ended()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_daneNotApplicable_succeedsWithoutAuthentication(TlsProvider provider)
      throws Exception {
    try (TestSmtpServer server = server().build().start()) {
      SmtpTarget target =
          targetFor(server).tlsa(insecureNodata(server.address().getPort()), List.of(MX)).build();

      SmtpConnectionResult result = SmtpConnector.create(settings(provider)).connect(target);

      assertThat(result.succeeded()).isTrue();
      assertThat(result.daneAuthenticated()).isFalse();
      assertThat(result.trustOutcome().map(DaneTrustOutcome::mode))
          .contains(DaneTrustOutcome.Mode.DANE_NOT_APPLICABLE_ACCEPTED);
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_twiceWithOneTarget_checksTrustBothTimes(TlsProvider provider) throws Exception {
    try (TestSmtpServer server = server().build().start()) {
      SmtpConnector connector = SmtpConnector.create(settings(provider));
      SmtpTarget target = target(server, daneEe(chain.leaf().certificate()));

      SmtpConnectionResult first = connector.connect(target);
      SmtpConnectionResult second = connector.connect(target);

      assertThat(first.daneAuthenticated()).isTrue();
      assertThat(second.daneAuthenticated()).isTrue();
      assertThat(second.trustOutcome()).isPresent();
      assertThat(second.trustOutcome().get()).isNotSameAs(first.trustOutcome().get());
    }
  }

  @Test
  void connect_nothingListening_failsConnectRefused() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    SmtpTarget target =
        SmtpTarget.builder()
            .address(InetAddress.getLoopbackAddress(), port)
            .tlsaRecords(List.of(daneEe(chain.leaf().certificate())), List.of(MX))
            .build();

    SmtpConnectionResult result =
        SmtpConnector.create(settings(TlsProvider.SUNJSSE)).connect(target);

    assertThat(result.failure()).contains(FailureKind.CONNECT_REFUSED);
    assertThat(result.resultType()).isEmpty();
    assertThat(result.failureReasonCode()).contains("smtp-connect-refused");
    assertThat(result.transcript()).isEmpty();
  }

  @Test
  void connect_ipv6Loopback_succeeds() throws Exception {
    byte[] loopbackBytes = new byte[16];
    loopbackBytes[15] = 1;
    InetAddress ipv6Loopback = InetAddress.getByAddress(loopbackBytes);
    try (TestSmtpServer server = server().bindAddress(ipv6Loopback).build().start()) {
      SmtpConnectionResult result =
          SmtpConnector.create(settings(TlsProvider.SUNJSSE))
              .connect(target(server, daneEe(chain.leaf().certificate())));

      assertThat(result.address().getAddress()).isEqualTo(ipv6Loopback);
      assertThat(result.succeeded()).isTrue();
    }
  }

  private static X509ExtendedTrustManager pkixTrusting(TestChain anchors) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("root", anchors.root().certificate());
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager extended) {
        return extended;
      }
    }
    throw new AssertionError("The PKIX TrustManagerFactory returned no X509ExtendedTrustManager");
  }
}
