package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.smtp.TlsProvider;
import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.net.Socket;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TlsContextsTest {
  private static final String MX = "mx.example.org";

  /** Accepts every server chain and records which of the six methods was called, and with what. */
  private static final class RecordingTrustManager extends X509ExtendedTrustManager {
    final List<String> calls = new ArrayList<>();

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket s) {
      calls.add("server+socket:" + (s == null ? "null" : "present"));
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {
      calls.add("server+engine:" + (engine == null ? "null" : "present"));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      calls.add("server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket s) {
      calls.add("client+socket");
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, @Nullable SSLEngine engine) {
      calls.add("client+engine");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      calls.add("client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  @Test
  void newContext_sunJsse_comesFromSunJsse() {
    SSLContext context = TlsContexts.newContext(TlsProvider.SUNJSSE, new RecordingTrustManager());

    assertThat(context.getProvider().getName()).isEqualTo("SunJSSE");
  }

  @Test
  void newContext_conscrypt_comesFromConscryptWithoutInstallingIt() {
    SSLContext context = TlsContexts.newContext(TlsProvider.CONSCRYPT, new RecordingTrustManager());

    assertThat(context.getProvider().getName()).isEqualTo("Conscrypt");
    assertThat(Security.getProvider("Conscrypt")).isNull();
  }

  @Test
  void newContext_calledTwice_returnsDistinctContexts() {
    RecordingTrustManager trust = new RecordingTrustManager();

    assertThat(TlsContexts.newContext(TlsProvider.CONSCRYPT, trust))
        .isNotSameAs(TlsContexts.newContext(TlsProvider.CONSCRYPT, trust));
  }

  /**
   * Checks that each provider calls the server check once and passes the connection, which the DANE
   * trust manager requires. With JDK 17 and Conscrypt 2.5.2 both pass the {@code SSLSocket}; the
   * test also accepts the {@code SSLEngine} variant, which the DANE trust manager handles as well.
   */
  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void layer_handshake_callsServerCheckWithConnection(TlsProvider provider) throws Exception {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX);
    IssuedChain served = new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chain());
    RecordingTrustManager trust = new RecordingTrustManager();
    try (TestSmtpServer server =
            TestSmtpServer.builder().certificate(served).implicitTls(true).build().start();
        Socket socket = new Socket()) {
      socket.connect(server.address(), 2000);
      socket.setSoTimeout(2000);
      SSLSocket tls =
          TlsContexts.layer(
              TlsContexts.newContext(provider, trust),
              provider,
              socket,
              MX,
              List.of("TLSv1.3"),
              List.of());

      tls.startHandshake();
      tls.close();

      assertThat(trust.calls).hasSize(1);
      assertThat(trust.calls.get(0)).matches("server\\+(socket|engine):present");
      assertThat(server.awaitSession(Duration.ofSeconds(10)).sniHostName()).isEqualTo(MX);
    }
  }
}
