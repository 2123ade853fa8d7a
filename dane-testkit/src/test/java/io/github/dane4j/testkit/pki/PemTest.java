package io.github.dane4j.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {
  private static final TestChain CHAIN = TestChain.create(KeyType.EC_P256, "mx.example.com");

  @Test
  void encode_chain_roundTrips() {
    String pem = Pem.encode(CHAIN.chain());

    assertThat(Pem.parseCertificates(pem)).isEqualTo(CHAIN.chain());
  }

  @Test
  void encode_chain_blockPerCertificateWithShortLines() {
    String pem = Pem.encode(CHAIN.chain());

    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(4);
    assertThat(pem.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(64));
  }

  @Test
  void encode_empty_emptyText() {
    assertThat(Pem.encode(List.of())).isEmpty();
  }

  @Test
  void issuedCertificatePem_parsed_sameCertificate() {
    IssuedCertificate leaf = CHAIN.leaf();

    assertThat(Pem.parseCertificates(leaf.pem())).containsExactly(leaf.certificate());
  }

  @Test
  void parseCertificates_surroundingTextAndKeyBlock_skipped() {
    String text =
        "subject=CN = mx.example.com\n"
            + Pem.encodePrivateKey(CHAIN.leaf().keyPair().getPrivate())
            + "some notes\n"
            + CHAIN.leaf().pem()
            + "trailing text";

    assertThat(Pem.parseCertificates(text)).containsExactly(CHAIN.leaf().certificate());
  }

  @Test
  void parseCertificates_crlfAndIndentation_parsed() {
    String text = "  " + CHAIN.leaf().pem().replace("\n", "\r\n  ");

    assertThat(Pem.parseCertificates(text)).containsExactly(CHAIN.leaf().certificate());
  }

  @Test
  void parseCertificates_noBlock_emptyList() {
    assertThat(Pem.parseCertificates("no certificates here")).isEmpty();
  }

  @Test
  void parseCertificates_missingEndLine_throwsIllegalArgument() {
    String pem = CHAIN.leaf().pem();
    String truncated = pem.substring(0, pem.indexOf("-----END"));

    assertThatThrownBy(() -> Pem.parseCertificates("note\n" + truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("no end line");
  }

  @Test
  void parseCertificates_wrongEndLabel_throwsIllegalArgument() {
    String pem = CHAIN.leaf().pem().replace("END CERTIFICATE", "END PRIVATE KEY");

    assertThatThrownBy(() -> Pem.parseCertificates(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-----END CERTIFICATE-----");
  }

  @Test
  void parseCertificates_nestedBegin_throwsIllegalArgument() {
    String pem = CHAIN.leaf().pem();
    String nested = pem.substring(0, pem.indexOf("-----END")) + pem;

    assertThatThrownBy(() -> Pem.parseCertificates(nested))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no end line");
  }

  @Test
  void parseCertificates_invalidBase64_throwsIllegalArgument() {
    String pem = "-----BEGIN CERTIFICATE-----\nMII*notbase64\n-----END CERTIFICATE-----\n";

    assertThatThrownBy(() -> Pem.parseCertificates(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid base64");
  }

  @Test
  void parseCertificates_notACertificate_throwsIllegalArgument() {
    String body = Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
    String pem = "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";

    assertThatThrownBy(() -> Pem.parseCertificates(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a DER X.509 certificate");
  }

  @Test
  void parseCertificates_trailingBytes_throwsIllegalArgument() throws Exception {
    byte[] der = CHAIN.leaf().certificate().getEncoded();
    byte[] padded = Arrays.copyOf(der, der.length + 1);
    String body = Base64.getMimeEncoder().encodeToString(padded);
    String pem = "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";

    assertThatThrownBy(() -> Pem.parseCertificates(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes after the certificate");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void encodePrivateKey_eachKeyType_decodesToSameKey(KeyType keyType) throws Exception {
    KeyPair keyPair = keyType.generateKeyPair();
    String pem = Pem.encodePrivateKey(keyPair.getPrivate());

    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    String body =
        pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
    byte[] der = Base64.getMimeDecoder().decode(body);
    PrivateKey decoded =
        KeyFactory.getInstance(keyPair.getPrivate().getAlgorithm())
            .generatePrivate(new PKCS8EncodedKeySpec(der));
    assertThat(decoded).isEqualTo(keyPair.getPrivate());
  }

  @Property(tries = 200)
  void parseCertificates_anyText_listOrIllegalArgument(@ForAll String text) {
    List<X509Certificate> parsed;
    try {
      parsed = Pem.parseCertificates(text);
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining("PEM block");
      return;
    }
    assertThat(parsed).isEmpty();
  }

  @Property(tries = 200)
  void parseCertificates_anyBodyInBlock_certificateOrIllegalArgument(@ForAll String body) {
    String pem = "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    try {
      assertThat(Pem.parseCertificates(pem)).hasSize(1);
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining("line 1");
    }
  }
}
