package io.github.dane4j.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SignatureException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateBuilderTest {
  private static final String SAN_OID = Extension.subjectAlternativeName.getId();
  private static final String NAME_CONSTRAINTS_OID = Extension.nameConstraints.getId();
  private static final String SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1";

  // Indexes into X509Certificate.getKeyUsage(), in the bit order of RFC 5280 section 4.2.1.3.
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;

  @Test
  void build_defaults_selfSignedWithFallbackName() throws Exception {
    X509Certificate cert = CertificateBuilder.create().build().certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Test Certificate");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThatCode(() -> cert.verify(cert.getPublicKey())).doesNotThrowAnyException();
  }

  @Test
  void build_issuedWithSan_emptySubject() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    X509Certificate cert =
        CertificateBuilder.create().issuer(root).dnsNames("a.example").build().certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEmpty();
  }

  @Test
  void build_issuedWithoutSan_fallbackName() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    X509Certificate cert = CertificateBuilder.create().issuer(root).build().certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Test Certificate");
  }

  @Test
  void subjectDn_emptySelfSigned_throwsIllegalState() {
    CertificateBuilder builder = CertificateBuilder.create().subjectDn("").dnsNames("a.example");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer");
  }

  @Test
  void build_defaults_jdkCertificateObject() {
    X509Certificate cert = CertificateBuilder.create().build().certificate();

    assertThat(cert.getClass().getName()).startsWith("sun.security.x509.");
  }

  @Test
  void build_defaults_validFromYesterdayForOneYear() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X509Certificate cert = CertificateBuilder.create().build().certificate();
    Instant after = Instant.now();

    assertThat(cert.getNotBefore().toInstant())
        .isBetween(before.minus(Duration.ofDays(1)), after.minus(Duration.ofDays(1)));
    assertThat(cert.getNotAfter().toInstant())
        .isBetween(before.plus(Duration.ofDays(365)), after.plus(Duration.ofDays(365)));
  }

  @Test
  void build_defaults_positive64BitSerial() {
    BigInteger serial = CertificateBuilder.create().build().certificate().getSerialNumber();

    assertThat(serial.signum()).isPositive();
    assertThat(serial.bitLength()).isEqualTo(64);
  }

  @Test
  void build_twice_differentSerialsAndKeys() {
    CertificateBuilder builder = CertificateBuilder.create();
    X509Certificate first = builder.build().certificate();
    X509Certificate second = builder.build().certificate();

    assertThat(first.getSerialNumber()).isNotEqualTo(second.getSerialNumber());
    assertThat(first.getPublicKey()).isNotEqualTo(second.getPublicKey());
  }

  @Test
  void build_endEntity_basicConstraintsNotCa() {
    X509Certificate cert = CertificateBuilder.create().build().certificate();

    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId());
  }

  @Test
  void build_endEntity_serverAuthExtendedKeyUsage() throws Exception {
    X509Certificate cert = CertificateBuilder.create().build().certificate();

    assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH_OID);
  }

  @Test
  void serverAuth_false_noExtendedKeyUsage() throws Exception {
    X509Certificate cert = CertificateBuilder.create().serverAuth(false).build().certificate();

    assertThat(cert.getExtendedKeyUsage()).isNull();
  }

  @Test
  void serverAuth_trueOnCa_added() throws Exception {
    X509Certificate cert =
        CertificateBuilder.create().ca(true).serverAuth(true).build().certificate();

    assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH_OID);
  }

  @Test
  void build_ecEndEntity_digitalSignatureOnly() {
    boolean[] keyUsage = CertificateBuilder.create().build().certificate().getKeyUsage();

    assertThat(setBits(keyUsage)).containsExactly(DIGITAL_SIGNATURE);
  }

  @Test
  void build_rsaLeaf_keyEnciphermentAdded() {
    boolean[] keyUsage =
        CertificateBuilder.create().keyType(KeyType.RSA_2048).build().certificate().getKeyUsage();

    assertThat(setBits(keyUsage)).containsExactly(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
  }

  @Test
  void ca_true_certSignUnlimitedPath() throws Exception {
    X509Certificate cert = CertificateBuilder.create().ca(true).build().certificate();

    assertThat(cert.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(setBits(cert.getKeyUsage())).containsExactly(KEY_CERT_SIGN, CRL_SIGN);
    assertThat(cert.getExtendedKeyUsage()).isNull();
  }

  @Test
  void pathLength_zero_basicConstraintsZero() {
    X509Certificate cert = CertificateBuilder.create().ca(true).pathLength(0).build().certificate();

    assertThat(cert.getBasicConstraints()).isZero();
  }

  @Test
  void pathLength_withoutCa_throwsIllegalState() {
    CertificateBuilder builder = CertificateBuilder.create().pathLength(1);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ca(true)");
  }

  @Test
  void pathLength_negative_throwsIllegalArgument() {
    CertificateBuilder builder = CertificateBuilder.create();

    assertThatThrownBy(() -> builder.pathLength(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void pathLength_exceeded_validationFails() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    IssuedCertificate limited =
        CertificateBuilder.create()
            .subjectCn("Limited")
            .ca(true)
            .pathLength(0)
            .issuer(root)
            .build();
    IssuedCertificate extraCa =
        CertificateBuilder.create().subjectCn("Extra").ca(true).issuer(limited).build();
    IssuedCertificate leaf =
        CertificateBuilder.create().subjectCn("leaf.example").issuer(extraCa).build();
    List<X509Certificate> path =
        List.of(leaf.certificate(), extraCa.certificate(), limited.certificate());

    assertThatThrownBy(() -> PkixPaths.validate(path, root.certificate()))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void keyIdentifiers_issued_pointToIssuer() throws Exception {
    IssuedCertificate root = CertificateBuilder.create().ca(true).build();
    IssuedCertificate leaf = CertificateBuilder.create().issuer(root).build();

    byte[] rootKeyId = subjectKeyId(root.certificate());
    assertThat(subjectKeyId(leaf.certificate())).isNotEmpty().isNotEqualTo(rootKeyId);
    assertThat(authorityKeyId(leaf.certificate())).isEqualTo(rootKeyId);
  }

  @Test
  void keyIdentifiers_selfSigned_pointToSelf() throws Exception {
    X509Certificate cert = CertificateBuilder.create().build().certificate();

    assertThat(authorityKeyId(cert)).isEqualTo(subjectKeyId(cert));
  }

  @Test
  void subjectCn_set_subjectIsCommonName() {
    X509Certificate cert =
        CertificateBuilder.create().subjectCn("mx.example.com").build().certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.com");
  }

  @Test
  void subjectCn_withoutSan_noSubjectAlternativeNames() throws Exception {
    X509Certificate cert =
        CertificateBuilder.create().subjectCn("mx.example.com").build().certificate();

    assertThat(cert.getSubjectAlternativeNames()).isNull();
  }

  @Test
  void subjectDn_rfc4514_keepsOrder() {
    X509Certificate cert =
        CertificateBuilder.create()
            .subjectDn("CN=mx.example.com,O=Example Org,C=DE")
            .build()
            .certificate();

    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=mx.example.com,O=Example Org,C=DE");
  }

  @Test
  void subjectDn_invalid_throwsIllegalArgument() {
    CertificateBuilder builder = CertificateBuilder.create();

    assertThatThrownBy(() -> builder.subjectDn("not a name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a name");
  }

  @Test
  void subjectAltNames_allKinds_inCallOrder() throws Exception {
    X509Certificate cert =
        CertificateBuilder.create()
            .subjectCn("mx.example.com")
            .dnsNames("mx.example.com", "*.example.net")
            .ipAddresses("192.0.2.25")
            .emailAddresses("postmaster@example.com")
            .build()
            .certificate();

    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(
            List.of(2, "mx.example.com"),
            List.of(2, "*.example.net"),
            List.of(7, "192.0.2.25"),
            List.of(1, "postmaster@example.com"));
  }

  @Test
  void subjectAltNames_ipv6_encodedAsSixteenOctets() throws Exception {
    X509Certificate cert =
        CertificateBuilder.create().ipAddresses("2001:db8::1").build().certificate();

    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(List.of(7, "2001:db8:0:0:0:0:0:1"));
  }

  @Test
  void subjectAltNames_emptySubject_critical() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    X509Certificate cert =
        CertificateBuilder.create().issuer(root).dnsNames("a.example").build().certificate();

    assertThat(cert.getCriticalExtensionOIDs()).contains(SAN_OID);
  }

  @Test
  void subjectAltNames_withSubject_notCritical() {
    X509Certificate cert =
        CertificateBuilder.create().subjectCn("a").dnsNames("a.example").build().certificate();

    assertThat(cert.getNonCriticalExtensionOIDs()).contains(SAN_OID);
  }

  @Test
  void ipAddresses_hostName_throwsIllegalArgument() {
    CertificateBuilder builder = CertificateBuilder.create();

    assertThatThrownBy(() -> builder.ipAddresses("mx.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mx.example.com");
  }

  @Test
  void dnsNames_nonAscii_throwsIllegalArgument() {
    CertificateBuilder builder = CertificateBuilder.create();

    assertThatThrownBy(() -> builder.dnsNames("bücher.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A-labels");
  }

  @Test
  void permittedDnsSubtrees_set_criticalNameConstraints() {
    X509Certificate cert =
        CertificateBuilder.create()
            .ca(true)
            .permittedDnsSubtrees("example.com")
            .build()
            .certificate();

    assertThat(cert.getCriticalExtensionOIDs()).contains(NAME_CONSTRAINTS_OID);
  }

  @Test
  void permittedDnsSubtrees_leafInside_pathValidationPasses() {
    IssuedCertificate root =
        CertificateBuilder.create()
            .subjectCn("Root")
            .ca(true)
            .permittedDnsSubtrees("example.com")
            .build();
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn("mx.example.com")
            .dnsNames("mx.example.com")
            .issuer(root)
            .build();

    assertThatCode(() -> PkixPaths.validate(List.of(leaf.certificate()), root.certificate()))
        .doesNotThrowAnyException();
  }

  @Test
  void permittedDnsSubtrees_leafOutside_pathValidationFails() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    IssuedCertificate constrained =
        CertificateBuilder.create()
            .subjectCn("Constrained")
            .ca(true)
            .permittedDnsSubtrees("example.com")
            .issuer(root)
            .build();
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn("mx.example.net")
            .dnsNames("mx.example.net")
            .issuer(constrained)
            .build();
    List<X509Certificate> path = List.of(leaf.certificate(), constrained.certificate());

    assertThatThrownBy(() -> PkixPaths.validate(path, root.certificate()))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void validity_explicit_truncatedToSeconds() {
    Instant notBefore = Instant.parse("2030-01-02T03:04:05.678Z");
    Instant notAfter = Instant.parse("2031-01-02T03:04:05Z");
    X509Certificate cert =
        CertificateBuilder.create().validity(notBefore, notAfter).build().certificate();

    assertThat(cert.getNotBefore().toInstant()).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(notAfter);
  }

  @Test
  void validity_reversed_throwsIllegalArgument() {
    CertificateBuilder builder = CertificateBuilder.create();
    Instant now = Instant.now();

    assertThatThrownBy(() -> builder.validity(now, now.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notAfter");
  }

  @Test
  void expired_build_notAfterInThePast() {
    X509Certificate cert = CertificateBuilder.create().expired().build().certificate();

    assertThat(cert.getNotAfter().toInstant()).isBefore(Instant.now().minus(Duration.ofDays(365)));
    assertThat(cert.getNotBefore()).isBefore(cert.getNotAfter());
    assertThatThrownBy(cert::checkValidity).isInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void notYetValid_build_startsInFuture() {
    X509Certificate cert = CertificateBuilder.create().notYetValid().build().certificate();

    assertThat(cert.getNotBefore().toInstant()).isAfter(Instant.now());
    assertThatThrownBy(cert::checkValidity).isInstanceOf(CertificateNotYetValidException.class);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void keyType_each_keyAndSignatureAlgorithm(KeyType keyType) throws Exception {
    X509Certificate cert = CertificateBuilder.create().keyType(keyType).build().certificate();

    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo(expectedKeyAlgorithm(keyType));
    assertThat(cert.getSigAlgName()).isEqualTo(keyType.signatureAlgorithm());
    assertThatCode(() -> cert.verify(cert.getPublicKey())).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void issuer_eachKeyType_verifiesWithIssuerKey(KeyType keyType) {
    IssuedCertificate root =
        CertificateBuilder.create().subjectCn("Root").ca(true).keyType(keyType).build();
    X509Certificate leaf =
        CertificateBuilder.create().keyType(KeyType.EC_P256).issuer(root).build().certificate();

    assertThat(leaf.getIssuerX500Principal())
        .isEqualTo(root.certificate().getSubjectX500Principal());
    assertThat(leaf.getSigAlgName()).isEqualTo(keyType.signatureAlgorithm());
    assertThatCode(() -> leaf.verify(root.keyPair().getPublic())).doesNotThrowAnyException();
  }

  @Test
  void issuerDnOverride_set_nameChainBroken() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    X509Certificate leaf =
        CertificateBuilder.create()
            .issuer(root)
            .issuerDnOverride("CN=Somebody Else")
            .build()
            .certificate();

    assertThat(leaf.getIssuerX500Principal().getName()).isEqualTo("CN=Somebody Else");
    assertThatCode(() -> leaf.verify(root.keyPair().getPublic())).doesNotThrowAnyException();
    assertThatThrownBy(() -> PkixPaths.validate(List.of(leaf), root.certificate()))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void signingKeyOverride_set_signatureInvalid() throws Exception {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    X509Certificate leaf =
        CertificateBuilder.create()
            .issuer(root)
            .signingKeyOverride(KeyType.EC_P256.generateKeyPair())
            .build()
            .certificate();

    assertThat(leaf.getIssuerX500Principal())
        .isEqualTo(root.certificate().getSubjectX500Principal());
    assertThat(authorityKeyId(leaf)).isEqualTo(subjectKeyId(root.certificate()));
    assertThatThrownBy(() -> leaf.verify(root.keyPair().getPublic()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void signingKeyOverride_ed25519_ed25519Signature() {
    X509Certificate cert =
        CertificateBuilder.create()
            .signingKeyOverride(KeyType.ED25519.generateKeyPair())
            .build()
            .certificate();

    assertThat(cert.getSigAlgName()).isEqualTo("Ed25519");
  }

  @Test
  void keyPair_reused_sameKeyNewCertificate() {
    IssuedCertificate first = CertificateBuilder.create().subjectCn("mx.example.com").build();
    IssuedCertificate reissued =
        CertificateBuilder.create().subjectCn("mx.example.com").keyPair(first.keyPair()).build();

    assertThat(reissued.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
    assertThat(reissued.certificate()).isNotEqualTo(first.certificate());
  }

  @Test
  void keyPair_unsupportedAlgorithm_throwsIllegalArgument() throws Exception {
    KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    CertificateBuilder builder = CertificateBuilder.create();

    assertThatThrownBy(() -> builder.keyPair(x25519))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XDH");
  }

  @Test
  void keyType_rsaEightTimes_distinctPooledKeys() {
    Set<Object> keys = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      keys.add(
          CertificateBuilder.create()
              .keyType(KeyType.RSA_2048)
              .build()
              .certificate()
              .getPublicKey());
    }

    assertThat(keys).hasSize(8);
  }

  @Test
  void serial_set_used() {
    X509Certificate cert =
        CertificateBuilder.create().serial(BigInteger.valueOf(4242)).build().certificate();

    assertThat(cert.getSerialNumber()).isEqualTo(BigInteger.valueOf(4242));
  }

  @Test
  void serial_zero_throwsIllegalArgument() {
    CertificateBuilder builder = CertificateBuilder.create();

    assertThatThrownBy(() -> builder.serial(BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void serial_21Octets_throwsIllegalArgument() {
    CertificateBuilder builder = CertificateBuilder.create();
    BigInteger tooLong = BigInteger.ONE.shiftLeft(20 * 8);

    assertThatThrownBy(() -> builder.serial(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20 octets");
  }

  private static String expectedKeyAlgorithm(KeyType keyType) {
    return switch (keyType) {
      case EC_P256 -> "EC";
      case RSA_2048 -> "RSA";
      case ED25519 -> "EdDSA";
    };
  }

  private static List<Integer> setBits(boolean[] bits) {
    List<Integer> set = new ArrayList<>();
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        set.add(i);
      }
    }
    return set;
  }

  private static byte[] subjectKeyId(X509Certificate cert) throws Exception {
    byte[] value = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
        .getKeyIdentifier();
  }

  private static byte[] authorityKeyId(X509Certificate cert) throws Exception {
    byte[] value = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    return AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
        .getKeyIdentifierOctets();
  }
}
