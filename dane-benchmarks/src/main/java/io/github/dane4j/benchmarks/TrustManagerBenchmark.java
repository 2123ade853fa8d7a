package io.github.dane4j.benchmarks;

import io.github.dane4j.core.DaneTrustManager;
import io.github.dane4j.core.DaneTrustOutcome;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compares the time of one server certificate check by {@link DaneTrustManager} with DANE-EE
 * ({@code 3 1 1}) and DANE-TA ({@code 2 0 1} on the intermediate) against the JDK's PKIX trust
 * manager, on the same root, intermediate and leaf chain.
 *
 * <p>Every call passes the same certificate objects. The JDK's {@code X509Certificate}
 * implementation caches the result of its last signature verification, and {@code
 * CertificateFactory} returns the same object for the same DER encoding, so from the second call on
 * the PKIX and DANE-TA checks skip the signature checks. JSSE decodes the server's chain with
 * {@code CertificateFactory}, so repeated handshakes with the same server see the same effect; the
 * first handshake with a server also pays for two signature verifications.
 *
 * <p>The DANE checks use the {@code SSLEngine} overload with an engine created once, which is the
 * call JSSE makes for an engine. The JDK's PKIX trust manager rejects that overload outside a
 * handshake ("No handshake session"), so the PKIX check uses the two-argument overload, which runs
 * the same path validation without the session's algorithm constraints.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TrustManagerBenchmark {
  private static final String HOST = "mx.example.org";

  /** TLS 1.3 passes this authentication type for server certificates. */
  private static final String AUTH_TYPE = "UNKNOWN";

  /** The key type of all three certificates of the chain. */
  @Param({"EC_P256", "RSA_2048"})
  public KeyType keyType = KeyType.EC_P256;

  // The fields below are set in setUp(), which JMH calls before any benchmark method.
  @SuppressWarnings("NullAway.Init")
  private X509Certificate[] chain;

  @SuppressWarnings("NullAway.Init")
  private SSLEngine engine;

  @SuppressWarnings("NullAway.Init")
  private DaneTrustManager daneEe;

  @SuppressWarnings("NullAway.Init")
  private DaneTrustManager daneTa;

  @SuppressWarnings("NullAway.Init")
  private X509ExtendedTrustManager pkix;

  /**
   * Creates the chain and the trust managers, and checks once that each accepts the chain.
   *
   * @throws IllegalStateException if a trust manager rejects the chain, so that a misconfigured run
   *     measures nothing
   */
  @Setup
  public void setUp() throws GeneralSecurityException, IOException {
    TestChain testChain = TestChain.create(keyType, HOST);
    chain = testChain.chain().toArray(new X509Certificate[0]);
    engine = newEngine();

    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    TlsaRecord eeRecord =
        TlsaRecord.of(
            3, 1, 1, sha256.digest(testChain.leaf().certificate().getPublicKey().getEncoded()));
    TlsaRecord taRecord =
        TlsaRecord.of(2, 0, 1, sha256.digest(testChain.intermediate().certificate().getEncoded()));
    daneEe = trustManager(eeRecord);
    daneTa = trustManager(taRecord);
    pkix = pkixTrusting(testChain.root().certificate());

    requireAuthenticated(daneEe);
    requireAuthenticated(daneTa);
    pkix.checkServerTrusted(chain, AUTH_TYPE);
  }

  /** Checks the chain against a {@code 3 1 1} record for the leaf's public key. */
  @Benchmark
  public void daneEe() throws CertificateException {
    daneEe.checkServerTrusted(chain, AUTH_TYPE, engine);
  }

  /** Checks the chain against a {@code 2 0 1} record for the intermediate certificate. */
  @Benchmark
  public void daneTa() throws CertificateException {
    daneTa.checkServerTrusted(chain, AUTH_TYPE, engine);
  }

  /** Checks the chain with the JDK's PKIX trust manager, trusting the test root. */
  @Benchmark
  public void pkix() throws CertificateException {
    pkix.checkServerTrusted(chain, AUTH_TYPE);
  }

  private void requireAuthenticated(DaneTrustManager trustManager) throws CertificateException {
    trustManager.checkServerTrusted(chain, AUTH_TYPE, engine);
    DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
    if (outcome.mode() != DaneTrustOutcome.Mode.AUTHENTICATED) {
      throw new IllegalStateException("The benchmark chain was not authenticated: " + outcome);
    }
  }

  private static DaneTrustManager trustManager(TlsaRecord record) {
    return DaneTrustManager.builder()
        .tlsaRecords(List.of(record))
        .referenceNames(List.of(HOST))
        .build();
  }

  private static SSLEngine newEngine() {
    try {
      SSLEngine created = SSLContext.getDefault().createSSLEngine(HOST, 25);
      created.setUseClientMode(true);
      return created;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK has no default SSLContext", e);
    }
  }

  private static X509ExtendedTrustManager pkixTrusting(X509Certificate root)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("root", root);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager extended) {
        return extended;
      }
    }
    throw new IllegalStateException("The PKIX TrustManagerFactory has no X509ExtendedTrustManager");
  }
}
