package io.github.dane4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.TlsaFixtures;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import io.github.dane4j.testkit.pki.KeyType;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateSelectorsTest {
  private static X509Certificate rsaWithoutNullParameters;
  private static byte[] rsaSpkiWithoutNull;

  /**
   * Builds a self-signed RSA certificate whose SubjectPublicKeyInfo AlgorithmIdentifier omits the
   * NULL parameters that RFC 3279 section 2.3.1 requires.
   */
  @BeforeAll
  @SuppressWarnings("JavaUtilDate") // Bouncy Castle's certificate builder takes java.util.Date
  static void buildRsaCertificateWithoutNullParameters() throws Exception {
    KeyPair keys = KeyType.RSA_2048.generateKeyPair();
    RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
    SubjectPublicKeyInfo spki =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption),
            new org.bouncycastle.asn1.pkcs.RSAPublicKey(
                publicKey.getModulus(), publicKey.getPublicExponent()));
    X500Name name = new X500Name("CN=rsa-without-null.example.com");
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            name,
            BigInteger.TEN,
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            name,
            spki);
    byte[] der =
        builder
            .build(
                new JcaContentSignerBuilder("SHA256withRSA")
                    .setProvider(new BouncyCastleProvider())
                    .build(keys.getPrivate()))
            .getEncoded();
    rsaWithoutNullParameters =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    rsaSpkiWithoutNull = spki.getEncoded("DER");
  }

  @Test
  void subjectPublicKeyInfo_rsaWithoutNullParameters_returnsBytesAsSigned() throws Exception {
    assertThat(CertificateSelectors.subjectPublicKeyInfo(rsaWithoutNullParameters))
        .hasValueSatisfying(spki -> assertThat(spki).isEqualTo(rsaSpkiWithoutNull));
  }

  @Test
  void jdkReencodedKey_rsaWithoutNullParameters_differsFromCertificateBytes() {
    // Why the SPKI is cut out of the TBSCertificate: the JDK re-encodes this key with NULL added.
    assertThat(rsaWithoutNullParameters.getPublicKey().getEncoded())
        .isNotEqualTo(rsaSpkiWithoutNull);
  }

  @Test
  void daneEeSpki_rsaWithoutNullParameters_authenticates() {
    TlsaRecord record = TlsaFixtures.record(3, 1, 1, rsaWithoutNullParameters);

    VerificationResult result =
        DaneVerifier.builder()
            .build()
            .verify(List.of(rsaWithoutNullParameters), List.of(record), List.of("mx.example"));

    assertThat(result.authenticated()).isTrue();
  }

  @Test
  void subjectPublicKeyInfo_ecCertificate_equalsBouncyCastleView() throws Exception {
    X509Certificate certificate =
        CertificateBuilder.create().subjectCn("test.example.com").build().certificate();

    assertThat(CertificateSelectors.subjectPublicKeyInfo(certificate))
        .hasValueSatisfying(
            spki -> assertThat(spki).isEqualTo(TlsaFixtures.subjectPublicKeyInfo(certificate)));
  }

  @Test
  void subjectPublicKeyInfo_ed25519Certificate_equalsBouncyCastleView() throws Exception {
    X509Certificate certificate =
        CertificateBuilder.create()
            .subjectCn("test.example.com")
            .keyType(KeyType.ED25519)
            .build()
            .certificate();

    assertThat(CertificateSelectors.subjectPublicKeyInfo(certificate))
        .hasValueSatisfying(
            spki -> assertThat(spki).isEqualTo(TlsaFixtures.subjectPublicKeyInfo(certificate)));
  }

  @Test
  void parseCertificate_derCertificate_returnsIt() throws Exception {
    X509Certificate certificate =
        CertificateBuilder.create().subjectCn("test.example.com").build().certificate();

    assertThat(CertificateSelectors.parseCertificate(certificate.getEncoded()))
        .hasValue(certificate);
  }

  @Test
  void parseCertificate_trailingByte_isRejected() throws Exception {
    byte[] der =
        CertificateBuilder.create()
            .subjectCn("test.example.com")
            .build()
            .certificate()
            .getEncoded();
    byte[] withTrailingByte = Arrays.copyOf(der, der.length + 1);

    assertThat(CertificateSelectors.parseCertificate(withTrailingByte)).isEmpty();
  }

  @Test
  void parseCertificate_pemText_isRejected() {
    IssuedCertificate issued = CertificateBuilder.create().subjectCn("test.example.com").build();

    assertThat(
            CertificateSelectors.parseCertificate(issued.pem().getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
  }

  @Test
  void parseCertificate_truncated_isRejected() throws Exception {
    byte[] der =
        CertificateBuilder.create()
            .subjectCn("test.example.com")
            .build()
            .certificate()
            .getEncoded();

    assertThat(CertificateSelectors.parseCertificate(Arrays.copyOf(der, der.length - 1))).isEmpty();
  }

  @Test
  void isWellFormedSpki_realKeys_isTrue() {
    X509Certificate certificate =
        CertificateBuilder.create().subjectCn("test.example.com").build().certificate();

    assertThat(
            CertificateSelectors.isWellFormedSpki(TlsaFixtures.subjectPublicKeyInfo(certificate)))
        .isTrue();
    assertThat(CertificateSelectors.isWellFormedSpki(rsaSpkiWithoutNull)).isTrue();
  }

  @Test
  void isWellFormedSpki_garbage_isFalse() {
    assertThat(CertificateSelectors.isWellFormedSpki(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))
        .isFalse();
    assertThat(CertificateSelectors.isWellFormedSpki(new byte[] {0x30, (byte) 0x84, 0x7F}))
        .isFalse();
    assertThat(CertificateSelectors.isWellFormedSpki(new byte[0])).isFalse();
  }

  @Test
  void decodePublicKey_rsaWithoutNullParameters_decodes() {
    assertThat(CertificateSelectors.decodePublicKey(rsaSpkiWithoutNull))
        .hasValueSatisfying(key -> assertThat(key.getAlgorithm()).isEqualTo("RSA"));
  }

  @Test
  void decodePublicKey_unknownAlgorithm_isEmpty() {
    // SEQUENCE { SEQUENCE { OID 1.2.3 }, BIT STRING 00 01 }
    byte[] spki = {0x30, 0x0A, 0x30, 0x04, 0x06, 0x02, 0x2A, 0x03, 0x03, 0x02, 0x00, 0x01};

    assertThat(CertificateSelectors.isWellFormedSpki(spki)).isTrue();
    assertThat(CertificateSelectors.decodePublicKey(spki)).isEmpty();
  }
}
