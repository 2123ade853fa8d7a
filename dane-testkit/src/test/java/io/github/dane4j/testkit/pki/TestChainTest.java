package io.github.dane4j.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestChainTest {

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void create_eachKeyType_pathValidatesAgainstRoot(KeyType keyType) {
    TestChain chain = TestChain.create(keyType, "mx.example.com");

    assertThatCode(() -> PkixPaths.validate(chain.chainWithoutRoot(), chain.root().certificate()))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void create_eachKeyType_allCertificatesUseKeyType(KeyType keyType) {
    TestChain chain = TestChain.create(keyType, "mx.example.com");

    for (X509Certificate cert : chain.chain()) {
      assertThat(cert.getSigAlgName()).isEqualTo(keyType.signatureAlgorithm());
    }
  }

  @Test
  void create_names_rootAndIntermediateSubjects() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx.example.com");

    assertThat(chain.root().certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=Test Root CA");
    assertThat(chain.intermediate().certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=Test Intermediate CA");
  }

  @Test
  void create_basicConstraints_pathLengthPerLevel() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx.example.com");

    assertThat(chain.root().certificate().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(chain.intermediate().certificate().getBasicConstraints()).isZero();
    assertThat(chain.leaf().certificate().getBasicConstraints()).isEqualTo(-1);
  }

  @Test
  void create_issuers_eachSignedByNext() throws Exception {
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx.example.com");

    X509Certificate root = chain.root().certificate();
    X509Certificate intermediate = chain.intermediate().certificate();
    X509Certificate leaf = chain.leaf().certificate();
    assertThatCode(() -> root.verify(root.getPublicKey())).doesNotThrowAnyException();
    assertThatCode(() -> intermediate.verify(root.getPublicKey())).doesNotThrowAnyException();
    assertThatCode(() -> leaf.verify(intermediate.getPublicKey())).doesNotThrowAnyException();
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(intermediate.getSubjectX500Principal());
  }

  @Test
  void create_severalNames_leafNamesSet() throws Exception {
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx.example.com", "mail.example.com");
    X509Certificate leaf = chain.leaf().certificate();

    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.com");
    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactly(List.of(2, "mx.example.com"), List.of(2, "mail.example.com"));
  }

  @Test
  void create_keys_distinctPerCertificate() {
    TestChain chain = TestChain.create(KeyType.RSA_2048, "mx.example.com");

    assertThat(
            List.of(
                chain.root().keyPair().getPublic(),
                chain.intermediate().keyPair().getPublic(),
                chain.leaf().keyPair().getPublic()))
        .doesNotHaveDuplicates();
  }

  @Test
  void chain_order_leafIntermediateRoot() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx.example.com");

    assertThat(chain.chain())
        .containsExactly(
            chain.leaf().certificate(),
            chain.intermediate().certificate(),
            chain.root().certificate());
    assertThat(chain.chainWithoutRoot())
        .containsExactly(chain.leaf().certificate(), chain.intermediate().certificate());
  }

  @Test
  void create_noNames_throwsIllegalArgument() {
    assertThatThrownBy(() -> TestChain.create(KeyType.EC_P256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No leaf DNS name");
  }
}
