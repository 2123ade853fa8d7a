package io.github.dane4j.core;

import static io.github.dane4j.core.TrustManagerFixtures.BASE_DOMAIN;
import static io.github.dane4j.core.TrustManagerFixtures.answer;
import static io.github.dane4j.core.TrustManagerFixtures.daneEeSpkiSha256;
import static io.github.dane4j.core.TrustManagerFixtures.insecure;
import static io.github.dane4j.core.TrustManagerFixtures.secure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.DaneTrustOutcome.Mode;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder rules and the fail-closed paths of {@link DaneTrustManager}, called directly. */
class DaneTrustManagerTest {
  private static TestChain chain;
  private static X509Certificate[] presented;
  private static TlsaRecord leafRecord;

  @BeforeAll
  static void createChain() throws GeneralSecurityException {
    chain = TestChain.create(KeyType.EC_P256, BASE_DOMAIN);
    presented = chain.chainWithoutRoot().toArray(new X509Certificate[0]);
    leafRecord = daneEeSpkiSha256(chain.leaf().certificate());
  }

  private static DaneTrustManager.Builder withNames() {
    return DaneTrustManager.builder().referenceNames(List.of(BASE_DOMAIN));
  }

  private static SSLEngine clientEngine(DaneTrustManager trustManager) {
    SSLEngine engine = DaneSsl.sslContext(trustManager).createSSLEngine(BASE_DOMAIN, 25);
    engine.setUseClientMode(true);
    return engine;
  }

  @ParameterizedTest
  @CsvSource({
    "RECORDS, BOGUS",
    "RECORDS, INDETERMINATE",
    "NODATA, BOGUS",
    "NXDOMAIN, INDETERMINATE",
    "FAILURE, INSECURE",
    "FAILURE, BOGUS"
  })
  void tlsa_lookupFailure_rejectedAsUnreachable(AnswerKind kind, DnssecStatus status) {
    List<TlsaRecord> records = kind == AnswerKind.RECORDS ? List.of(leafRecord) : List.of();

    assertThatThrownBy(() -> withNames().tlsa(answer(kind, status, records)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lookup failure")
        .hasMessageContaining("unreachable")
        .hasMessageContaining("RFC 7672 section 2.1.2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RECORDS", "NODATA", "NXDOMAIN"})
  void tlsa_unverifiedStatus_rejected(AnswerKind kind) {
    List<TlsaRecord> records = kind == AnswerKind.RECORDS ? List.of(leafRecord) : List.of();

    assertThatThrownBy(() -> withNames().tlsa(answer(kind, DnssecStatus.UNVERIFIED, records)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UNVERIFIED")
        .hasMessageContaining("tlsaRecords");
  }

  @Test
  void build_withoutReferenceNames_throwsIllegalState() {
    DaneTrustManager.Builder builder = DaneTrustManager.builder().tlsa(secure(leafRecord));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reference names");
  }

  @Test
  void referenceNames_emptyList_throwsIllegalArgument() {
    DaneTrustManager.Builder builder = DaneTrustManager.builder();

    assertThatThrownBy(() -> builder.referenceNames(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLSA base domain");
  }

  @Test
  void referenceNames_invalidHostName_namesTheValue() {
    DaneTrustManager.Builder builder = DaneTrustManager.builder();

    assertThatThrownBy(() -> builder.referenceNames(List.of(BASE_DOMAIN, "bad..example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"bad..example\"");
  }

  @Test
  void build_withoutTlsa_throwsIllegalState() {
    assertThatThrownBy(() -> withNames().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Missing TLSA data");
  }

  @Test
  void tlsa_setTwice_throwsIllegalState() {
    DaneTrustManager.Builder builder = withNames().tlsa(insecure(leafRecord));

    assertThatThrownBy(() -> builder.tlsaRecords(List.of(leafRecord)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
  }

  @Test
  void tlsaRecords_empty_throwsIllegalArgument() {
    DaneTrustManager.Builder builder = withNames();

    assertThatThrownBy(() -> builder.tlsaRecords(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DANE does not apply");
  }

  @Test
  void tlsRequired_secureRecords_true() {
    assertThat(withNames().tlsa(secure(leafRecord)).build().tlsRequired()).isTrue();
  }

  @Test
  void tlsRequired_callerAssertedRecords_true() {
    assertThat(withNames().tlsaRecords(List.of(leafRecord)).build().tlsRequired()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "RECORDS, INSECURE",
    "NODATA, SECURE",
    "NODATA, INSECURE",
    "NXDOMAIN, SECURE",
    "NXDOMAIN, INSECURE"
  })
  void tlsRequired_daneNotApplicable_false(AnswerKind kind, DnssecStatus status) {
    List<TlsaRecord> records = kind == AnswerKind.RECORDS ? List.of(leafRecord) : List.of();
    DaneTrustManager trustManager = withNames().tlsa(answer(kind, status, records)).build();

    assertThat(trustManager.tlsRequired()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "RECORDS, INSECURE",
    "NODATA, SECURE",
    "NODATA, INSECURE",
    "NXDOMAIN, SECURE",
    "NXDOMAIN, INSECURE"
  })
  void checkServerTrusted_daneNotApplicableWithoutDelegate_accepted(
      AnswerKind kind, DnssecStatus status) throws CertificateException {
    List<TlsaRecord> records = kind == AnswerKind.RECORDS ? List.of(leafRecord) : List.of();
    DaneTrustManager trustManager = withNames().tlsa(answer(kind, status, records)).build();

    trustManager.checkServerTrusted(presented, "UNKNOWN", clientEngine(trustManager));

    DaneTrustOutcome outcome = trustManager.lastOutcome().orElseThrow();
    assertThat(outcome.mode()).isEqualTo(Mode.DANE_NOT_APPLICABLE_ACCEPTED);
    assertThat(outcome.verificationResult()).isEmpty();
    assertThat(outcome.message()).contains(kind == AnswerKind.RECORDS ? "TLSA RRset" : kind.name());
  }

  @Test
  void lastOutcome_beforeAnyCheck_empty() {
    assertThat(withNames().tlsa(secure(leafRecord)).build().lastOutcome()).isEmpty();
  }

  @Test
  void getAcceptedIssuers_always_empty() {
    assertThat(withNames().tlsa(secure(leafRecord)).build().getAcceptedIssuers()).isEmpty();
  }

  @Test
  void checkClientTrusted_withSocket_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();

    assertThatThrownBy(() -> trustManager.checkClientTrusted(presented, "UNKNOWN", new Socket()))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("servers only");
    assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.FAILED);
  }

  @Test
  void checkClientTrusted_withEngine_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();
    SSLEngine engine = clientEngine(trustManager);

    assertThatThrownBy(() -> trustManager.checkClientTrusted(presented, "UNKNOWN", engine))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("servers only");
  }

  @Test
  void checkClientTrusted_withoutConnection_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();

    assertThatThrownBy(() -> trustManager.checkClientTrusted(presented, "UNKNOWN"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("servers only");
  }

  @Test
  void checkServerTrusted_withoutConnection_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();

    assertThatThrownBy(() -> trustManager.checkServerTrusted(presented, "UNKNOWN"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("without the SSLSocket or SSLEngine");
    assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.FAILED);
  }

  @Test
  void checkServerTrusted_nullSocket_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();

    assertThatThrownBy(() -> trustManager.checkServerTrusted(presented, "UNKNOWN", (Socket) null))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("without the SSLSocket or SSLEngine");
  }

  @Test
  void checkServerTrusted_nullEngine_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();

    assertThatThrownBy(
            () -> trustManager.checkServerTrusted(presented, "UNKNOWN", (SSLEngine) null))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("without the SSLSocket or SSLEngine");
  }

  @Test
  void checkServerTrusted_emptyChain_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();
    SSLEngine engine = clientEngine(trustManager);

    assertThatThrownBy(
            () -> trustManager.checkServerTrusted(new X509Certificate[0], "UNKNOWN", engine))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThat(trustManager.lastOutcome().orElseThrow().mode()).isEqualTo(Mode.FAILED);
  }

  @Test
  void checkServerTrusted_emptyAuthType_throws() {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();
    SSLEngine engine = clientEngine(trustManager);

    assertThatThrownBy(() -> trustManager.checkServerTrusted(presented, "", engine))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("authentication type");
  }

  @Test
  void outcome_chain_isUnmodifiable() throws CertificateException {
    DaneTrustManager trustManager = withNames().tlsa(insecure(leafRecord)).build();
    trustManager.checkServerTrusted(presented, "UNKNOWN", clientEngine(trustManager));

    List<X509Certificate> outcomeChain = trustManager.lastOutcome().orElseThrow().chain();

    assertThat(outcomeChain).containsExactly(presented);
    assertThatThrownBy(outcomeChain::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void daneCertificateException_authenticatedResult_rejected() {
    VerificationResult authenticated =
        VerificationResult.authenticated(
            leafRecord,
            0,
            chain.leaf().certificate(),
            List.of(new RecordCheck(leafRecord, null, true)),
            List.of(presented),
            List.of(BASE_DOMAIN),
            Instant.now(),
            "authenticated");

    assertThatThrownBy(() -> new DaneCertificateException(authenticated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failed verification result");
  }
}
