package io.github.dane4j.core;

import static io.github.dane4j.core.LoopbackTlsServer.TIMEOUT_MILLIS;
import static io.github.dane4j.core.TrustManagerFixtures.BASE_DOMAIN;
import static io.github.dane4j.core.TrustManagerFixtures.answer;
import static io.github.dane4j.core.TrustManagerFixtures.daneEeSpkiSha256;
import static io.github.dane4j.core.TrustManagerFixtures.daneTaCertSha256;
import static io.github.dane4j.core.TrustManagerFixtures.insecure;
import static io.github.dane4j.core.TrustManagerFixtures.pkixTrusting;
import static io.github.dane4j.core.TrustManagerFixtures.secure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.DaneTrustOutcome.Mode;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.pki.TestKeyManagers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real TLS handshakes over loopback between an {@link SSLSocket} that uses {@link DaneTrustManager}
 * and a JSSE server presenting test certificates.
 */
class DaneTrustManagerSocketTest {
  private static final String TLS13 = "TLSv1.3";
  private static final String TLS12 = "TLSv1.2";

  private static TestChain chain;
  private static TestChain otherChain;
  private static SSLContext serverContext;

  @BeforeAll
  static void createPki() {
    chain = TestChain.create(KeyType.EC_P256, BASE_DOMAIN);
    otherChain = TestChain.create(KeyType.EC_P256, BASE_DOMAIN);
    serverContext =
        TestKeyManagers.serverContext(
            chain.leaf().keyPair().getPrivate(), chain.chainWithoutRoot());
  }

  private static DaneTrustManager.Builder withNames() {
    return DaneTrustManager.builder().referenceNames(List.of(BASE_DOMAIN));
  }

  /**
   * Connects, completes the handshake, reads the server's byte (which also processes TLS 1.3
   * session tickets) and returns the negotiated protocol.
   */
  private static String connect(
      SSLSocketFactory factory, InetSocketAddress address, String... protocols) throws IOException {
    try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
      socket.connect(address, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      if (protocols.length > 0) {
        socket.setEnabledProtocols(protocols);
      }
      socket.startHandshake();
      assertThat(socket.getInputStream().read()).isEqualTo(1);
      return socket.getSession().getProtocol();
    }
  }

  @Test
  void daneEe_tls13_authenticated() throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(chain.leaf().certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext, TLS13)) {
      String protocol =
          connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN), server.address(), TLS13);

      assertThat(protocol).isEqualTo(TLS13);
      DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
      assertThat(outcome.mode()).isEqualTo(Mode.AUTHENTICATED);
      assertThat(outcome.verificationResult().orElseThrow().matchDepth()).hasValue(0);
    }
  }

  @Test
  void daneEe_tls12_authenticated() throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(chain.leaf().certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext, TLS12)) {
      String protocol =
          connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN), server.address(), TLS12);

      assertThat(protocol).isEqualTo(TLS12);
      assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.AUTHENTICATED);
    }
  }

  @Test
  void daneTa_intermediateRecord_authenticated() throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneTaCertSha256(chain.intermediate().certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN), server.address());

      DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
      assertThat(outcome.mode()).isEqualTo(Mode.AUTHENTICATED);
      assertThat(outcome.verificationResult().orElseThrow().matchDepth()).hasValue(1);
    }
  }

  @Test
  void daneEe_mismatch_handshakeFails() throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(otherChain.leaf().certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, BASE_DOMAIN);

      assertThatThrownBy(() -> connect(factory, server.address()))
          .isInstanceOf(SSLHandshakeException.class)
          .hasRootCauseInstanceOf(DaneCertificateException.class);
      DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
      assertThat(outcome.mode()).isEqualTo(Mode.FAILED);
      assertThat(outcome.verificationResult().orElseThrow().failure())
          .hasValue(FailureReason.NO_MATCH);
      assertThat(server.nextConnection().handshakeCompleted()).isFalse();
    }
  }

  @Test
  void allRecordsUnusable_unauthenticatedTlsAccepted() throws Exception {
    byte[] leafDigest = daneEeSpkiSha256(chain.leaf().certificate()).associationData();
    DaneTrustManager trustManager =
        withNames()
            .tlsa(secure(TlsaRecord.of(1, 1, 1, leafDigest), TlsaRecord.of(4, 1, 1, leafDigest)))
            .build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN), server.address());

      DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
      assertThat(outcome.mode()).isEqualTo(Mode.UNAUTHENTICATED_TLS);
      assertThat(outcome.verificationResult().orElseThrow().noUsableRecords()).isTrue();
      assertThat(trustManager.tlsRequired()).isTrue();
    }
  }

  @Test
  void insecureTlsa_noDelegate_acceptedWithoutDane() throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(insecure(daneEeSpkiSha256(otherChain.leaf().certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN), server.address());

      DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
      assertThat(outcome.mode()).isEqualTo(Mode.DANE_NOT_APPLICABLE_ACCEPTED);
      assertThat(outcome.verificationResult()).isEmpty();
    }
  }

  @Test
  void insecureTlsa_delegateTrustsRoot_delegateAccepted() throws Exception {
    DaneTrustManager trustManager =
        withNames()
            .tlsa(insecure(daneEeSpkiSha256(otherChain.leaf().certificate())))
            .pkixDelegate(pkixTrusting(chain.root().certificate()))
            .build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN), server.address());

      assertThat(trustManager.lastOutcome().orElseThrow().mode())
          .isEqualTo(Mode.PKIX_DELEGATE_ACCEPTED);
    }
  }

  @Test
  void secureNodata_delegateDistrustsRoot_handshakeFails() throws Exception {
    DaneTrustManager trustManager =
        withNames()
            .tlsa(answer(AnswerKind.NODATA, DnssecStatus.SECURE, List.of()))
            .pkixDelegate(pkixTrusting(otherChain.root().certificate()))
            .build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, BASE_DOMAIN);

      assertThatThrownBy(() -> connect(factory, server.address()))
          .isInstanceOf(SSLHandshakeException.class);
      DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
      assertThat(outcome.mode()).isEqualTo(Mode.PKIX_DELEGATE_FAILED);
      assertThat(outcome.message()).contains("secure NODATA");
    }
  }

  @Test
  void socketFactory_trailingDot_sniSentWithoutDot() throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(chain.leaf().certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN + "."), server.address());

      assertThat(server.nextConnection().sniHostNames()).containsExactly(BASE_DOMAIN);
    }
  }

  @Test
  void serverIgnoringSni_defaultCertificate_authenticated() throws Exception {
    // RFC 7672 section 8.1: a server may ignore SNI and present a default certificate. DANE-EE
    // needs no name match, so a "3 1 1" record for that certificate still authenticates it.
    IssuedCertificate defaultCertificate =
        CertificateBuilder.create()
            .subjectCn("default.example.net")
            .dnsNames("default.example.net")
            .build();
    SSLContext defaultServer =
        TestKeyManagers.serverContext(
            defaultCertificate.keyPair().getPrivate(), List.of(defaultCertificate.certificate()));
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(defaultCertificate.certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(defaultServer)) {
      connect(DaneSsl.socketFactory(trustManager, BASE_DOMAIN), server.address());

      assertThat(server.nextConnection().sniHostNames()).containsExactly(BASE_DOMAIN);
      assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.AUTHENTICATED);
    }
  }

  @Test
  void endpointIdentificationSet_ignoredForDane() throws Exception {
    IssuedCertificate otherName =
        CertificateBuilder.create()
            .subjectCn("other.example.net")
            .dnsNames("other.example.net")
            .build();
    SSLContext otherServer =
        TestKeyManagers.serverContext(
            otherName.keyPair().getPrivate(), List.of(otherName.certificate()));
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(otherName.certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(otherServer);
        SSLSocket socket =
            (SSLSocket) DaneSsl.socketFactory(trustManager, BASE_DOMAIN).createSocket()) {
      socket.connect(server.address(), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);

      socket.startHandshake();

      assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.AUTHENTICATED);
    }
  }

  @Test
  void serverKeyNotMatchingCertificate_handshakeFails() throws Exception {
    // The trust manager accepts the certificate, but the server cannot prove possession of its
    // key: the client's check of CertificateVerify (TLS 1.3) or ServerKeyExchange (TLS 1.2) fails.
    IssuedCertificate unrelatedKey = CertificateBuilder.create().subjectCn("unrelated").build();
    SSLContext wrongKeyServer =
        TestKeyManagers.serverContext(
            unrelatedKey.keyPair().getPrivate(), chain.chainWithoutRoot());
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(chain.leaf().certificate()))).build();

    try (LoopbackTlsServer server = LoopbackTlsServer.start(wrongKeyServer)) {
      SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, BASE_DOMAIN);

      assertThatThrownBy(() -> connect(factory, server.address()))
          .isInstanceOf(SSLHandshakeException.class);
      assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.AUTHENTICATED);
    }
  }

  @Test
  void socketFactory_secondConnection_checkedAgain() throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(chain.leaf().certificate()))).build();
    SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, BASE_DOMAIN);

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      connect(factory, server.address());
      DaneTrustOutcome first = trustManager.lastOutcome().orElseThrow();
      connect(factory, server.address());
      DaneTrustOutcome second = trustManager.lastOutcome().orElseThrow();

      assertThat(second).isNotSameAs(first);
    }
  }

  @Test
  void sharedPlainContext_secondConnection_resumedWithoutCheck() throws Exception {
    // The control for socketFactory_secondConnection_checkedAgain: with one ordinary SSLContext
    // the second connection resumes the session and the trust manager is not called.
    DaneTrustManager trustManager =
        withNames().tlsa(insecure(daneEeSpkiSha256(chain.leaf().certificate()))).build();
    SSLContext shared = SSLContext.getInstance("TLS");
    shared.init(null, new TrustManager[] {trustManager}, null);

    try (LoopbackTlsServer server = LoopbackTlsServer.start(serverContext)) {
      connect(shared.getSocketFactory(), server.address());
      DaneTrustOutcome first = trustManager.lastOutcome().orElseThrow();
      connect(shared.getSocketFactory(), server.address());
      DaneTrustOutcome second = trustManager.lastOutcome().orElseThrow();

      assertThat(second).isSameAs(first);
    }
  }
}
