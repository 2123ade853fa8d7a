package io.github.dane4j.core;

import static io.github.dane4j.core.TlsaFixtures.MX_HOST;
import static io.github.dane4j.core.TlsaFixtures.mxHostOnly;
import static io.github.dane4j.core.TlsaFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.security.cert.TrustAnchor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PKIX-TA(0), PKIX-EE(1) and DANE-EE name checks in the generic profile (RFC 7671 section 5). */
class DaneVerifierPkixTest {
  private static DaneVerifier trusting(TestChain chain) {
    return DaneVerifier.builder()
        .profile(DaneProfile.GENERIC)
        .pkixTrustAnchors(Set.of(new TrustAnchor(chain.root().certificate(), null)))
        .build();
  }

  @Test
  void pkixEe_leafMatchedAndChainTrusted_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        trusting(chain)
            .verify(
                chain.chainWithoutRoot(),
                List.of(record(1, 1, 1, chain.leaf().certificate())),
                mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(0);
  }

  @Test
  void pkixEe_noTrustAnchorsConfigured_failsPkixValidation() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    DaneVerifier generic = DaneVerifier.builder().profile(DaneProfile.GENERIC).build();

    VerificationResult result =
        generic.verify(
            chain.chain(), List.of(record(1, 1, 1, chain.leaf().certificate())), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.PKIX_VALIDATION_FAILED);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
    assertThat(result.recordChecks().get(0).matched()).isTrue();
  }

  @Test
  void pkixEe_leafNamesOtherHost_failsHostMismatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "other.example.net");

    VerificationResult result =
        trusting(chain)
            .verify(
                chain.chain(), List.of(record(1, 0, 1, chain.leaf().certificate())), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
  }

  @Test
  void pkixTa_trustStoreRootMatched_reportsDepthAbovePath() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        trusting(chain)
            .verify(
                chain.chainWithoutRoot(),
                List.of(record(0, 0, 1, chain.root().certificate())),
                mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(2);
    assertThat(result.matchedCertificate()).hasValue(chain.root().certificate());
  }

  @Test
  void pkixTa_intermediateMatched_reportsDepthOne() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        trusting(chain)
            .verify(
                chain.chain(),
                List.of(record(0, 1, 2, chain.intermediate().certificate())),
                mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
  }

  @Test
  void pkixTa_recordMatchesOnlyLeaf_failsNoMatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        trusting(chain)
            .verify(
                chain.chain(), List.of(record(0, 1, 1, chain.leaf().certificate())), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
  }

  @Test
  void pkixTa_missingIntermediateSuppliedByFullRecord_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        trusting(chain)
            .verify(
                List.of(chain.leaf().certificate()),
                List.of(record(0, 0, 0, chain.intermediate().certificate())),
                mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
  }

  @Test
  void pkixTa_chainToUntrustedRoot_failsPkixValidation() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    TestChain other = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        trusting(other)
            .verify(
                chain.chain(),
                List.of(record(0, 0, 1, chain.intermediate().certificate())),
                mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.PKIX_VALIDATION_FAILED);
  }

  @Test
  void daneEeWithNameChecks_leafNamesOtherHost_failsHostMismatch() {
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn("other.example.net")
            .dnsNames("other.example.net")
            .build();
    DaneVerifier openSslLike =
        DaneVerifier.builder().profile(DaneProfile.GENERIC).eeNameChecks(true).build();

    VerificationResult result =
        openSslLike.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
  }

  @Test
  void daneEeWithNameChecks_leafNamesHost_authenticates() {
    IssuedCertificate leaf =
        CertificateBuilder.create().subjectCn(MX_HOST).dnsNames(MX_HOST).build();
    DaneVerifier openSslLike =
        DaneVerifier.builder().profile(DaneProfile.GENERIC).eeNameChecks(true).build();

    VerificationResult result =
        openSslLike.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
  }

  @Test
  void daneEeInGenericProfileWithoutNameChecks_ignoresNames() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn("other.example.net").build();
    DaneVerifier generic = DaneVerifier.builder().profile(DaneProfile.GENERIC).build();

    VerificationResult result =
        generic.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
  }
}
