package io.github.dane4j.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestKeyManagersTest {
  private static final int TIMEOUT_MILLIS = 10_000;

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void serverContext_eachKeyType_handshakeWithClientTrustingRoot(KeyType keyType) throws Exception {
    TestChain chain = TestChain.create(keyType, "mx.example.com");
    SSLContext server =
        TestKeyManagers.serverContext(
            chain.leaf().keyPair().getPrivate(), chain.chainWithoutRoot());

    List<Certificate> presented = handshake(server, chain.root().certificate(), null);

    assertThat(presented).containsExactlyElementsOf(chain.chainWithoutRoot());
  }

  @Test
  void serverContext_rootNotTrusted_handshakeFails() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx.example.com");
    TestChain other = TestChain.create(KeyType.EC_P256, "mx.example.com");
    SSLContext server =
        TestKeyManagers.serverContext(
            chain.leaf().keyPair().getPrivate(), chain.chainWithoutRoot());

    assertThatThrownBy(() -> handshake(server, other.root().certificate(), null))
        .isInstanceOf(IOException.class);
  }

  @Test
  void bySni_upperCaseName_presentsThatChain() throws Exception {
    Fixture fixture = new Fixture();

    List<Certificate> presented =
        handshake(fixture.serverContext(), fixture.root.certificate(), "B.EXAMPLE");

    assertThat(presented.get(0)).isEqualTo(fixture.leafB.certificate());
  }

  @Test
  void bySni_firstName_presentsFirstChain() throws Exception {
    Fixture fixture = new Fixture();

    List<Certificate> presented =
        handshake(fixture.serverContext(), fixture.root.certificate(), "a.example");

    assertThat(presented.get(0)).isEqualTo(fixture.leafA.certificate());
  }

  @Test
  void bySni_unknownName_presentsFallback() throws Exception {
    Fixture fixture = new Fixture();

    List<Certificate> presented =
        handshake(fixture.serverContext(), fixture.root.certificate(), "c.example");

    assertThat(presented.get(0)).isEqualTo(fixture.fallbackLeaf.certificate());
  }

  @Test
  void bySni_noSni_presentsFallback() throws Exception {
    Fixture fixture = new Fixture();

    List<Certificate> presented =
        handshake(fixture.serverContext(), fixture.root.certificate(), null);

    assertThat(presented.get(0)).isEqualTo(fixture.fallbackLeaf.certificate());
  }

  @Test
  void bySni_caseDuplicates_throwsIllegalArgument() {
    IssuedChain chain = leafChain(CertificateBuilder.create().build());
    Map<String, IssuedChain> byName = Map.of("a.example", chain, "A.example", chain);

    assertThatThrownBy(() -> TestKeyManagers.bySni(byName, chain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appears twice");
  }

  @Test
  void fixed_matchingKeyType_returnsChainAndKey() {
    IssuedCertificate leaf = CertificateBuilder.create().build();
    X509ExtendedKeyManager keyManager =
        TestKeyManagers.fixed(leaf.keyPair().getPrivate(), List.of(leaf.certificate()));

    String alias = keyManager.chooseServerAlias("EC", null, null);

    assertThat(alias).isNotNull();
    assertThat(keyManager.getCertificateChain(alias)).containsExactly(leaf.certificate());
    assertThat(keyManager.getPrivateKey(alias)).isEqualTo(leaf.keyPair().getPrivate());
  }

  @Test
  void fixed_otherKeyType_noAlias() {
    IssuedCertificate leaf = CertificateBuilder.create().build();
    X509ExtendedKeyManager keyManager =
        TestKeyManagers.fixed(leaf.keyPair().getPrivate(), List.of(leaf.certificate()));

    assertThat(keyManager.chooseServerAlias("RSA", null, null)).isNull();
    assertThat(keyManager.getServerAliases("RSA", null)).isNull();
  }

  @Test
  void fixed_clientAlias_matchesAnyOfKeyTypes() {
    IssuedCertificate leaf = CertificateBuilder.create().build();
    X509ExtendedKeyManager keyManager =
        TestKeyManagers.fixed(leaf.keyPair().getPrivate(), List.of(leaf.certificate()));

    assertThat(keyManager.chooseClientAlias(new String[] {"RSA", "EC"}, null, null)).isNotNull();
  }

  @Test
  void fixed_emptyChain_throwsIllegalArgument() {
    IssuedCertificate leaf = CertificateBuilder.create().build();

    assertThatThrownBy(() -> TestKeyManagers.fixed(leaf.keyPair().getPrivate(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  /** Three leaves under one root: a.example, b.example and a fallback. */
  private static final class Fixture {
    final IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    final IssuedCertificate leafA = leafUnder("a.example");
    final IssuedCertificate leafB = leafUnder("b.example");
    final IssuedCertificate fallbackLeaf = leafUnder("fallback.example");

    private IssuedCertificate leafUnder(String name) {
      return CertificateBuilder.create().subjectCn(name).dnsNames(name).issuer(root).build();
    }

    SSLContext serverContext() throws GeneralSecurityException {
      X509ExtendedKeyManager keyManager =
          TestKeyManagers.bySni(
              Map.of("a.example", leafChain(leafA), "b.example", leafChain(leafB)),
              leafChain(fallbackLeaf));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new X509ExtendedKeyManager[] {keyManager}, null, null);
      return context;
    }
  }

  private static IssuedChain leafChain(IssuedCertificate leaf) {
    return new IssuedChain(leaf.keyPair().getPrivate(), List.of(leaf.certificate()));
  }

  /**
   * Runs one TLS handshake over loopback: a server on an ephemeral port with {@code server}, and a
   * client that trusts only {@code trustedRoot} and sends {@code sniName} if it is not null.
   *
   * @return the certificates the server presented
   */
  private static List<Certificate> handshake(
      SSLContext server, X509Certificate trustedRoot, @Nullable String sniName) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(TIMEOUT_MILLIS);
      Future<?> serverSide = executor.submit(() -> serveOneByte(listener));

      List<Certificate> presented;
      try (SSLSocket client =
          (SSLSocket) clientContext(trustedRoot).getSocketFactory().createSocket()) {
        client.connect(listener.getLocalSocketAddress(), TIMEOUT_MILLIS);
        client.setSoTimeout(TIMEOUT_MILLIS);
        if (sniName != null) {
          SSLParameters parameters = client.getSSLParameters();
          parameters.setServerNames(List.of(new SNIHostName(sniName)));
          client.setSSLParameters(parameters);
        }
        client.startHandshake();
        InputStream in = client.getInputStream();
        assertThat(in.read()).isEqualTo(42);
        presented = List.of(client.getSession().getPeerCertificates());
      }
      // Join the server only now: with TLS 1.3, SunJSSE's close() on the server kept reading
      // until the client closed (JDK 17), so waiting earlier blocked until the read timeout.
      serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return presented;
    } finally {
      executor.shutdownNow();
    }
  }

  private static Void serveOneByte(SSLServerSocket listener) throws IOException {
    try (SSLSocket connection = (SSLSocket) listener.accept()) {
      connection.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = connection.getOutputStream();
      out.write(42);
      out.flush();
    }
    return null;
  }

  private static SSLContext clientContext(X509Certificate trustedRoot)
      throws GeneralSecurityException, IOException {
    KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
    trustStore.load(null, null);
    trustStore.setCertificateEntry("root", trustedRoot);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trustStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }
}
