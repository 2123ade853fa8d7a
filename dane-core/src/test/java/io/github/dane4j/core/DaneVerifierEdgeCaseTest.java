package io.github.dane4j.core;

import static io.github.dane4j.core.TlsaFixtures.MX_HOST;
import static io.github.dane4j.core.TlsaFixtures.filler;
import static io.github.dane4j.core.TlsaFixtures.mxHostOnly;
import static io.github.dane4j.core.TlsaFixtures.record;
import static io.github.dane4j.core.TlsaFixtures.smtpVerifier;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DANE for SMTP edge cases at the level of chain verification (RFC 6698, RFC 7671, RFC 7672):
 * SMTP profile, SHA2-512 preferred over SHA2-256, reference name {@value TlsaFixtures#MX_HOST}
 * unless a test says otherwise.
 */
class DaneVerifierEdgeCaseTest {
  private static final String NEXT_HOP = "example.com";

  private final DaneVerifier verifier = smtpVerifier();

  private static IssuedCertificate leafFrom(IssuedCertificate issuer, String... dnsNames) {
    return CertificateBuilder.create()
        .subjectCn(dnsNames.length > 0 ? dnsNames[0] : "unnamed")
        .dnsNames(dnsNames)
        .issuer(issuer)
        .build();
  }

  @Test
  void daneEe_expiredLeafWithUnrelatedNames_authenticates() {
    IssuedCertificate leaf =
        CertificateBuilder.create().subjectCn("unrelated.example.net").expired().build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(0);
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneEe_leafNotYetValid_authenticates() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).notYetValid().build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneEe_recordMatchesIntermediateOnly_failsNotTrusted() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(3, 1, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isFalse();
    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
    assertThat(result.recordChecks().get(0).matched()).isFalse();
  }

  @Test
  void daneEeCert_renewedLeafWithSameKey_failsNotTrusted() {
    IssuedCertificate oldLeaf = CertificateBuilder.create().subjectCn(MX_HOST).build();
    IssuedCertificate renewed =
        CertificateBuilder.create().subjectCn(MX_HOST).keyPair(oldLeaf.keyPair()).build();

    VerificationResult result =
        verifier.verify(
            List.of(renewed.certificate()),
            List.of(record(3, 0, 1, oldLeaf.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
  }

  @Test
  void daneEeSpki_renewedLeafWithSameKey_authenticates() {
    IssuedCertificate oldLeaf = CertificateBuilder.create().subjectCn(MX_HOST).build();
    IssuedCertificate renewed =
        CertificateBuilder.create().subjectCn(MX_HOST).keyPair(oldLeaf.keyPair()).build();

    VerificationResult result =
        verifier.verify(
            List.of(renewed.certificate()),
            List.of(record(3, 1, 1, oldLeaf.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneTa_intermediateMatchedAndLeafNamed_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
    assertThat(result.matchedCertificate()).hasValue(chain.intermediate().certificate());
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneTa_appendedCaDidNotIssueLeaf_failsNotTrusted() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate unrelatedCa =
        CertificateBuilder.create().subjectCn("Unrelated CA").ca(true).build();
    List<X509Certificate> presented =
        List.of(
            chain.leaf().certificate(),
            chain.intermediate().certificate(),
            unrelatedCa.certificate());

    VerificationResult result =
        verifier.verify(
            presented, List.of(record(2, 0, 1, unrelatedCa.certificate())), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
    assertThat(result.recordChecks().get(0).matched()).isTrue();
  }

  @Test
  void daneTa_expiredLeaf_failsExpired() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate expiredLeaf =
        CertificateBuilder.create()
            .subjectCn(MX_HOST)
            .dnsNames(MX_HOST)
            .issuer(chain.intermediate())
            .expired()
            .build();

    VerificationResult result =
        verifier.verify(
            List.of(expiredLeaf.certificate(), chain.intermediate().certificate()),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.EXPIRED);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_EXPIRED);
    assertThat(result.matchDepth()).hasValue(1);
  }

  @Test
  void daneTa_leafNamesOtherHost_failsHostMismatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "other.example.net");

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH);
    assertThat(result.matchedRecord()).isPresent();
  }

  @Test
  void daneTa_leafNamesNextHopAndNextHopIsReference_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, NEXT_HOP);

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            List.of(MX_HOST, NEXT_HOP));

    assertThat(result.authenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneTa_leafNamesNextHopButNextHopNotReference_failsHostMismatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, NEXT_HOP);

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH);
  }

  @Test
  void daneTa_leafNamesOriginalNextHopBeforeCnameExpansion_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "exchange.example.org");

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            List.of(MX_HOST, NEXT_HOP, "exchange.example.org"));

    assertThat(result.authenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneTaSpkiDigest_anchorNotPresented_failsNotTrusted() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chainWithoutRoot(),
            List.of(record(2, 1, 1, chain.root().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
  }

  @Test
  void daneTaFullCertificate_anchorNotPresented_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chainWithoutRoot(),
            List.of(record(2, 0, 0, chain.root().certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(2);
    assertThat(result.matchedCertificate()).hasValue(chain.root().certificate());
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneTaFullKey_anchorNotPresented_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chainWithoutRoot(),
            List.of(record(2, 1, 0, chain.root().certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneTa_anchorPathLengthZeroWithCaBelow_failsNotTrusted() {
    IssuedCertificate root =
        CertificateBuilder.create().subjectCn("Root pathLen 0").ca(true).pathLength(0).build();
    IssuedCertificate intermediate =
        CertificateBuilder.create().subjectCn("Intermediate").ca(true).issuer(root).build();
    IssuedCertificate leaf = leafFrom(intermediate, MX_HOST);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
  }

  @Test
  void daneTa_recordMatchesOnlySelfSignedLeaf_failsNotTrusted() {
    IssuedCertificate leaf =
        CertificateBuilder.create().subjectCn(MX_HOST).dnsNames(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(2, 0, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
    assertThat(result.recordChecks().get(0).matched()).isFalse();
  }

  @Test
  void daneTa_wildcardCoversOneLabelOfReference_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "*.example.com");

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void daneTa_wildcardWouldCoverTwoLabels_failsHostMismatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "*.example.com");

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            List.of("a.mx1.example.com"));

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH);
  }

  @Test
  void daneTa_wildcardCoversTwoLabelsWhenMultiLabelAllowed_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "*.example.com");
    DaneVerifier multiLabel = DaneVerifier.builder().multiLabelWildcards(true).build();

    VerificationResult result =
        multiLabel.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            List.of("a.mx1.example.com"));

    assertThat(result.authenticated()).isTrue();
  }

  @Test
  void daneTa_partialLabelWildcard_failsHostMismatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "mx*.example.com");

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH);
  }

  @Test
  void daneTa_commonNameIgnoredWhenDnsNamesPresent_failsHostMismatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(MX_HOST)
            .dnsNames("other.example.net")
            .issuer(chain.intermediate())
            .build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), chain.intermediate().certificate()),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH);
  }

  @Test
  void daneTa_commonNameUsedWhenSanHasNoDnsName_authenticates() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(MX_HOST)
            .ipAddresses("192.0.2.1")
            .emailAddresses("postmaster@example.com")
            .issuer(chain.intermediate())
            .build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), chain.intermediate().certificate()),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
  }

  @Test
  void digestAgility_onlyWeakerDigestMatches_failsNotTrusted() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate()), filler(3, 1, 2, 64)),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
    assertThat(result.recordChecks().get(0).unusableReason())
        .isEqualTo(UnusableReason.WEAKER_DIGEST);
  }

  @Test
  void digestAgility_malformedStrongerDigestDroppedFirst_authenticates() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate()), filler(3, 1, 2, 32)),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.recordChecks().get(1).unusableReason())
        .isEqualTo(UnusableReason.WRONG_DIGEST_LENGTH);
  }

  @Test
  void digestAgility_otherSelectorIsSeparateGroup_authenticates() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(filler(3, 1, 2, 64), record(3, 0, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchedRecord()).hasValue(record(3, 0, 1, leaf.certificate()));
  }

  @Test
  void digestAgility_fullRecordNeverDropped_authenticates() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 0, leaf.certificate()), filler(3, 1, 2, 64)),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchedRecord()).hasValue(record(3, 1, 0, leaf.certificate()));
  }

  @Test
  void onlyRecordHasShortDigest_reportsNoUsableRecords() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(List.of(leaf.certificate()), List.of(filler(3, 1, 1, 31)), mxHostOnly());

    assertThat(result.noUsableRecords()).isTrue();
    assertThat(result.failure()).hasValue(FailureReason.NO_USABLE_RECORDS);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.TLSA_INVALID);
  }

  @Test
  void unknownUsageAndMatchingType_reportsNoUsableRecords() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(4, 1, 1, leaf.certificate()), filler(3, 1, 7, 32)),
            mxHostOnly());

    assertThat(result.noUsableRecords()).isTrue();
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.TLSA_INVALID);
    assertThat(result.recordChecks())
        .extracting(RecordCheck::unusableReason)
        .containsExactly(UnusableReason.UNKNOWN_USAGE, UnusableReason.UNKNOWN_MATCHING_TYPE);
  }

  @Test
  void allRecordsUnusable_stillTellsCallerThatTlsIsRequired() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(filler(3, 2, 1, 32), filler(2, 0, 0, 40)),
            mxHostOnly());

    // An all-unusable secure RRset still promises TLS (RFC 7672 section 2.2): the result says so
    // through noUsableRecords(), never through an authenticated result.
    assertThat(result.authenticated()).isFalse();
    assertThat(result.noUsableRecords()).isTrue();
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.TLSA_INVALID);
    assertThat(result.recordChecks())
        .extracting(RecordCheck::unusableReason)
        .containsExactly(UnusableReason.UNKNOWN_SELECTOR, UnusableReason.MALFORMED_FULL_DATA);
  }

  @Test
  void pkixEeUnderSmtpProfile_reportsNoUsableRecords() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(1, 1, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.noUsableRecords()).isTrue();
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.TLSA_INVALID);
    assertThat(result.recordChecks().get(0).unusableReason())
        .isEqualTo(UnusableReason.PKIX_USAGE_NOT_SUPPORTED);
  }

  @Test
  void unknownUsageNextToUsableRecord_isIgnored() {
    IssuedCertificate leaf = CertificateBuilder.create().subjectCn(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(3, 1, 1, leaf.certificate()), record(4, 0, 1, leaf.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
    assertThat(result.recordChecks().get(1).unusableReason())
        .isEqualTo(UnusableReason.UNKNOWN_USAGE);
  }
}
