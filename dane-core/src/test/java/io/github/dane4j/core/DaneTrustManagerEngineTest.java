package io.github.dane4j.core;

import static io.github.dane4j.core.TrustManagerFixtures.BASE_DOMAIN;
import static io.github.dane4j.core.TrustManagerFixtures.daneEeSpkiSha256;
import static io.github.dane4j.core.TrustManagerFixtures.daneTaCertSha256;
import static io.github.dane4j.core.TrustManagerFixtures.insecure;
import static io.github.dane4j.core.TrustManagerFixtures.pkixTrusting;
import static io.github.dane4j.core.TrustManagerFixtures.secure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.DaneTrustOutcome.Mode;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.pki.TestKeyManagers;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handshakes between a client {@link SSLEngine} that uses {@link DaneTrustManager} and a server
 * engine, driven in memory, so that the {@code SSLEngine} variant of the check runs.
 */
class DaneTrustManagerEngineTest {
  private static TestChain ecChain;
  private static TestChain rsaChain;
  private static TestChain otherChain;

  @BeforeAll
  static void createPki() {
    ecChain = TestChain.create(KeyType.EC_P256, BASE_DOMAIN);
    rsaChain = TestChain.create(KeyType.RSA_2048, BASE_DOMAIN);
    otherChain = TestChain.create(KeyType.EC_P256, BASE_DOMAIN);
  }

  private static InMemoryEnginePair enginePair(
      DaneTrustManager trustManager, TestChain serverChain, String protocol) {
    SSLEngine client = DaneSsl.sslContext(trustManager).createSSLEngine(BASE_DOMAIN, 25);
    client.setUseClientMode(true);
    client.setEnabledProtocols(new String[] {protocol});
    DaneSsl.configure(client, BASE_DOMAIN);

    SSLEngine server =
        TestKeyManagers.serverContext(
                serverChain.leaf().keyPair().getPrivate(), serverChain.chainWithoutRoot())
            .createSSLEngine();
    server.setUseClientMode(false);
    return new InMemoryEnginePair(client, server);
  }

  private static DaneTrustManager.Builder withNames() {
    return DaneTrustManager.builder().referenceNames(List.of(BASE_DOMAIN));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void daneEe_ecdsa_authenticated(String protocol) throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(ecChain.leaf().certificate()))).build();
    InMemoryEnginePair pair = enginePair(trustManager, ecChain, protocol);

    pair.handshake();

    assertThat(pair.negotiatedProtocol()).isEqualTo(protocol);
    assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.AUTHENTICATED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void daneTa_rsa_authenticated(String protocol) throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneTaCertSha256(rsaChain.intermediate().certificate()))).build();
    InMemoryEnginePair pair = enginePair(trustManager, rsaChain, protocol);

    pair.handshake();

    assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.AUTHENTICATED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void daneEe_mismatch_handshakeFails(String protocol) throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(otherChain.leaf().certificate()))).build();
    InMemoryEnginePair pair = enginePair(trustManager, ecChain, protocol);

    assertThatThrownBy(pair::handshake)
        .isInstanceOf(SSLHandshakeException.class)
        .hasRootCauseInstanceOf(DaneCertificateException.class);
    DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
    assertThat(outcome.mode()).isEqualTo(Mode.FAILED);
    assertThat(outcome.verificationResult().orElseThrow().resultType())
        .hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void configure_engine_serverSeesBaseDomainAsSni(String protocol) throws Exception {
    DaneTrustManager trustManager =
        withNames().tlsa(secure(daneEeSpkiSha256(ecChain.leaf().certificate()))).build();
    InMemoryEnginePair pair = enginePair(trustManager, ecChain, protocol);

    pair.handshake();

    assertThat(pair.serverSniHostNames()).containsExactly(BASE_DOMAIN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void insecureTlsa_delegateTrustsRoot_delegateAcceptedWithEngine(String protocol)
      throws Exception {
    DaneTrustManager trustManager =
        withNames()
            .tlsa(insecure(daneEeSpkiSha256(otherChain.leaf().certificate())))
            .pkixDelegate(pkixTrusting(ecChain.root().certificate()))
            .build();
    InMemoryEnginePair pair = enginePair(trustManager, ecChain, protocol);

    pair.handshake();

    assertThat(trustManager.lastOutcome().orElseThrow().mode())
        .isEqualTo(Mode.PKIX_DELEGATE_ACCEPTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void insecureTlsa_delegateDistrustsRoot_handshakeFails(String protocol) throws Exception {
    DaneTrustManager trustManager =
        withNames()
            .tlsa(insecure(daneEeSpkiSha256(ecChain.leaf().certificate())))
            .pkixDelegate(pkixTrusting(otherChain.root().certificate()))
            .build();
    InMemoryEnginePair pair = enginePair(trustManager, ecChain, protocol);

    assertThatThrownBy(pair::handshake).isInstanceOf(SSLHandshakeException.class);
    assertThat(trustManager.lastOutcome().orElseThrow().mode())
        .isEqualTo(Mode.PKIX_DELEGATE_FAILED);
  }
}
