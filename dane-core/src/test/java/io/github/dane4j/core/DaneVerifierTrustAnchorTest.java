package io.github.dane4j.core;

import static io.github.dane4j.core.TlsaFixtures.MX_HOST;
import static io.github.dane4j.core.TlsaFixtures.mxHostOnly;
import static io.github.dane4j.core.TlsaFixtures.record;
import static io.github.dane4j.core.TlsaFixtures.smtpVerifier;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DANE-TA(2) path validation: anchors, depths, constraints, chain shapes and time. */
class DaneVerifierTrustAnchorTest {
  private final DaneVerifier verifier = smtpVerifier();

  private static IssuedCertificate ca(String name, IssuedCertificate issuer) {
    return CertificateBuilder.create().subjectCn(name).ca(true).issuer(issuer).build();
  }

  private static IssuedCertificate root(String name) {
    return CertificateBuilder.create().subjectCn(name).ca(true).build();
  }

  private static IssuedCertificate leaf(IssuedCertificate issuer) {
    return CertificateBuilder.create().subjectCn(MX_HOST).dnsNames(MX_HOST).issuer(issuer).build();
  }

  @Test
  void fullCertificateAnchor_issuedLeafDirectly_reportsDepthOne() {
    IssuedCertificate root = root("Root");
    IssuedCertificate leaf = leaf(root);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(2, 0, 0, root.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
  }

  @Test
  void fullKeyAnchor_signedLeafDirectly_reportsDepthOfLeaf() {
    IssuedCertificate root = root("Root");
    IssuedCertificate leaf = leaf(root);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(2, 1, 0, root.certificate())),
            mxHostOnly());

    // OpenSSL reports a bare-key match at the depth of the top certificate that the key signed.
    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(0);
    assertThat(result.matchedCertificate()).hasValue(leaf.certificate());
  }

  @Test
  void fullKeyAnchor_isSelfSignedLeafsOwnKey_failsNoMatch() {
    IssuedCertificate leaf =
        CertificateBuilder.create().subjectCn(MX_HOST).dnsNames(MX_HOST).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate()),
            List.of(record(2, 1, 0, leaf.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
  }

  @Test
  void fullCertificateAnchor_issuedNothingPresented_failsNoMatch() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate unrelated = root("Unrelated Root");

    VerificationResult result =
        verifier.verify(
            chain.chainWithoutRoot(),
            List.of(record(2, 0, 0, unrelated.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_MATCH);
  }

  @Test
  void anchorPathLength_oneWithOneCaBelow_authenticates() {
    IssuedCertificate root =
        CertificateBuilder.create().subjectCn("Root pathLen 1").ca(true).pathLength(1).build();
    IssuedCertificate intermediate = ca("Intermediate", root);
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(2);
  }

  @Test
  void anchorPathLength_zeroForRecordOnlyAnchor_failsNoPath() {
    IssuedCertificate root =
        CertificateBuilder.create().subjectCn("Root pathLen 0").ca(true).pathLength(0).build();
    IssuedCertificate intermediate = ca("Intermediate", root);
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate()),
            List.of(record(2, 0, 0, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void anchorPathLength_zeroButSpkiSelector_isNotEnforced() {
    IssuedCertificate root =
        CertificateBuilder.create().subjectCn("Root pathLen 0").ca(true).pathLength(0).build();
    IssuedCertificate intermediate = ca("Intermediate", root);
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
            List.of(record(2, 1, 1, root.certificate())),
            mxHostOnly());

    // An SPKI record pins only the key, so the certificate's constraints do not apply
    // (RFC 7671 section 5.2.1).
    assertThat(result.authenticated()).isTrue();
  }

  @Test
  void anchorNameConstraints_permitLeafName_authenticates() {
    IssuedCertificate root =
        CertificateBuilder.create()
            .subjectCn("Constrained Root")
            .ca(true)
            .permittedDnsSubtrees("example.com")
            .build();
    IssuedCertificate intermediate = ca("Intermediate CA of example.com", root);
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).as(result.message()).isTrue();
  }

  @Test
  void anchorNameConstraints_caWithHostLikeCommonName_failsNoPath() {
    IssuedCertificate root =
        CertificateBuilder.create()
            .subjectCn("Constrained Root")
            .ca(true)
            .permittedDnsSubtrees("example.com")
            .build();
    IssuedCertificate intermediate = ca("Intermediate", root);
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    // The JDK's name-constraint rules read a CN without spaces as a DNS name when a certificate
    // has no dNSName, and they do so for CA certificates too. "Intermediate" is not under
    // example.com.
    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void anchorNameConstraints_excludeLeafName_failsNoPath() {
    IssuedCertificate root =
        CertificateBuilder.create()
            .subjectCn("Constrained Root")
            .ca(true)
            .permittedDnsSubtrees("example.net")
            .build();
    IssuedCertificate intermediate = ca("Intermediate CA of example.net", root);
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
    assertThat(result.message()).contains("violate the name constraints");
  }

  @Test
  void anchorThatIsNotCa_failsNoPath() {
    IssuedCertificate notCa = CertificateBuilder.create().subjectCn("Not a CA").build();
    IssuedCertificate leaf = leaf(notCa);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), notCa.certificate()),
            List.of(record(2, 0, 1, notCa.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void leafWithWrongIssuerName_failsNoPath() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(MX_HOST)
            .dnsNames(MX_HOST)
            .issuer(chain.intermediate())
            .issuerDnOverride("CN=Somebody Else")
            .build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), chain.intermediate().certificate()),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void leafSignedByWrongKey_failsNoPath() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(MX_HOST)
            .dnsNames(MX_HOST)
            .issuer(chain.intermediate())
            .signingKeyOverride(KeyType.EC_P256.generateKeyPair())
            .build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), chain.intermediate().certificate()),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void extraUnrelatedCertificates_areIgnored() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate stranger = root("Stranger Root");
    List<X509Certificate> presented =
        List.of(
            chain.leaf().certificate(),
            stranger.certificate(),
            chain.intermediate().certificate(),
            ca("Stranger Intermediate", stranger).certificate(),
            chain.root().certificate());

    VerificationResult result =
        verifier.verify(
            presented, List.of(record(2, 0, 1, chain.root().certificate())), mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(4);
  }

  @Test
  void firstPathThroughNonCaCopy_authenticatesThroughCaCopy() {
    IssuedCertificate root = root("Root");
    KeyPair intermediateKeys = KeyType.EC_P256.generateKeyPair();
    IssuedCertificate notCa =
        CertificateBuilder.create()
            .subjectCn("Intermediate")
            .keyPair(intermediateKeys)
            .issuer(root)
            .build();
    IssuedCertificate intermediate =
        CertificateBuilder.create()
            .subjectCn("Intermediate")
            .ca(true)
            .keyPair(intermediateKeys)
            .issuer(root)
            .build();
    IssuedCertificate leaf = leaf(intermediate);
    List<X509Certificate> presented =
        List.of(
            leaf.certificate(),
            notCa.certificate(),
            intermediate.certificate(),
            root.certificate());

    VerificationResult result =
        verifier.verify(presented, List.of(record(2, 0, 1, root.certificate())), mxHostOnly());

    // Name and signature lead from the leaf through either copy. The first one found is not a CA,
    // so PKIX validation must go on to the path through the CA copy.
    assertThat(result.authenticated()).as(result.message()).isTrue();
    assertThat(result.matchDepth()).hasValue(3);
  }

  @Test
  void onlyPathThroughNonCa_failsNoPath() {
    IssuedCertificate root = root("Root");
    IssuedCertificate notCa =
        CertificateBuilder.create().subjectCn("Intermediate").issuer(root).build();
    IssuedCertificate leaf = leaf(notCa);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), notCa.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void chainOutOfOrder_authenticatesAtPresentedDepth() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    List<X509Certificate> presented =
        List.of(
            chain.leaf().certificate(),
            chain.root().certificate(),
            chain.intermediate().certificate());

    VerificationResult result =
        verifier.verify(
            presented, List.of(record(2, 0, 1, chain.root().certificate())), mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
  }

  @Test
  void chainLongerThanMaximum_failsInvalidChain() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    List<X509Certificate> presented = new ArrayList<>(chain.chain());
    while (presented.size() <= 10) {
      presented.add(chain.root().certificate());
    }

    VerificationResult result =
        verifier.verify(
            presented, List.of(record(2, 0, 1, chain.root().certificate())), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.INVALID_CHAIN);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.VALIDATION_FAILURE);
  }

  @Test
  void emptyChain_failsInvalidChain() {
    VerificationResult result =
        verifier.verify(List.of(), List.of(TlsaFixtures.filler(3, 1, 1, 32)), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.INVALID_CHAIN);
  }

  @Test
  void pathNeedingMoreCertificatesThanMaximum_failsNoPath() {
    IssuedCertificate root = root("Root");
    IssuedCertificate upper = ca("Upper Intermediate", root);
    IssuedCertificate lower = ca("Lower Intermediate", upper);
    IssuedCertificate leaf = leaf(lower);
    DaneVerifier shortPaths = DaneVerifier.builder().maxChainLength(3).build();

    VerificationResult result =
        shortPaths.verify(
            List.of(leaf.certificate(), lower.certificate(), upper.certificate()),
            List.of(record(2, 0, 0, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void maximumOfOneCertificate_leavesNoRoomForAnchor() {
    IssuedCertificate root = root("Root");
    IssuedCertificate leaf = leaf(root);
    DaneVerifier leafOnly = DaneVerifier.builder().maxChainLength(1).build();

    VerificationResult result =
        leafOnly.verify(
            List.of(leaf.certificate()),
            List.of(record(2, 0, 0, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NO_PATH_TO_ANCHOR);
  }

  @Test
  void expiredIntermediateBelowAnchor_failsExpired() {
    IssuedCertificate root = root("Root");
    IssuedCertificate intermediate =
        CertificateBuilder.create()
            .subjectCn("Expired Intermediate")
            .ca(true)
            .issuer(root)
            .expired()
            .build();
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.EXPIRED);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_EXPIRED);
  }

  @Test
  void expiredAnchorCertificate_failsExpired() {
    IssuedCertificate root =
        CertificateBuilder.create().subjectCn("Expired Root").ca(true).expired().build();
    IssuedCertificate leaf = leaf(root);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.EXPIRED);
  }

  /**
   * RFC 5280 does not check a trust anchor's own dates; like OpenSSL, only a self-signed anchor's
   * dates are checked, so an expired intermediate pinned by DANE-TA still anchors a valid leaf.
   */
  @Test
  void expiredIntermediateAnchor_authenticates() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    IssuedCertificate intermediate =
        CertificateBuilder.create()
            .subjectCn("Old Intermediate")
            .ca(true)
            .issuer(root)
            .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"))
            .build();
    IssuedCertificate leaf = leaf(intermediate);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), intermediate.certificate()),
            List.of(record(2, 0, 1, intermediate.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).as(result.message()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
  }

  /**
   * CA certificates that share one subject name and cross-sign each other, as key roll-over link
   * certificates do, must not hide the path that names and signatures give (OpenSSL 3.0 finds it).
   */
  @Test
  void crossSignedSameNameCas_pathFoundToAnchor() {
    KeyPair k0 = KeyType.EC_P256.generateKeyPair();
    KeyPair k1 = KeyType.EC_P256.generateKeyPair();
    KeyPair k2 = KeyType.EC_P256.generateKeyPair();
    IssuedCertificate x21 =
        CertificateBuilder.create()
            .subjectCn("Loop")
            .ca(true)
            .keyPair(k2)
            .issuerDnOverride("CN=Loop")
            .signingKeyOverride(k1)
            .build();
    IssuedCertificate x12 =
        CertificateBuilder.create().subjectCn("Loop").ca(true).keyPair(k1).issuer(x21).build();
    IssuedCertificate x01 =
        CertificateBuilder.create().subjectCn("Loop").ca(true).keyPair(k0).issuer(x12).build();
    IssuedCertificate leaf = leaf(x01);

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), x01.certificate(), x12.certificate(), x21.certificate()),
            List.of(record(2, 0, 1, x21.certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).as(result.message()).isTrue();
    assertThat(result.matchDepth()).hasValue(3);
  }

  @Test
  void hostMismatch_manyLeafNames_messageListsTenNames() {
    IssuedCertificate root = CertificateBuilder.create().subjectCn("Root").ca(true).build();
    String[] names = new String[50];
    for (int i = 0; i < names.length; i++) {
      names[i] = "name" + i + ".other.example";
    }
    IssuedCertificate leaf =
        CertificateBuilder.create().subjectCn("other").dnsNames(names).issuer(root).build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), root.certificate()),
            List.of(record(2, 0, 1, root.certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
    assertThat(result.message()).contains("name9.other.example", "and 40 more");
    assertThat(result.message()).doesNotContain("name10.other.example");
  }

  @Test
  void notYetValidLeaf_failsNotYetValid() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(MX_HOST)
            .dnsNames(MX_HOST)
            .issuer(chain.intermediate())
            .notYetValid()
            .build();

    VerificationResult result =
        verifier.verify(
            List.of(leaf.certificate(), chain.intermediate().certificate()),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.NOT_YET_VALID);
    assertThat(result.resultType()).hasValue(Rfc8460ResultType.CERTIFICATE_EXPIRED);
  }

  @Test
  void verifyAtInstantAfterLeafExpiry_failsExpired() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    Instant afterExpiry =
        chain.leaf().certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.root().certificate())),
            mxHostOnly(),
            afterExpiry);

    assertThat(result.failure()).hasValue(FailureReason.EXPIRED);
    assertThat(result.verifiedAt()).isEqualTo(afterExpiry);
  }

  @Test
  void verifyAtInstantBeforeLeafValidity_failsNotYetValid() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    Instant beforeStart =
        chain.leaf().certificate().getNotBefore().toInstant().minus(Duration.ofSeconds(1));

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(record(2, 0, 1, chain.root().certificate())),
            mxHostOnly(),
            beforeStart);

    assertThat(result.failure()).hasValue(FailureReason.NOT_YET_VALID);
  }

  @Test
  void fixedClockBeforeLeafExpiry_authenticatesAtThatInstant() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    Instant lastValidSecond = chain.leaf().certificate().getNotAfter().toInstant();
    DaneVerifier atLastSecond =
        DaneVerifier.builder().clock(Clock.fixed(lastValidSecond, ZoneOffset.UTC)).build();

    VerificationResult result =
        atLastSecond.verify(
            chain.chain(), List.of(record(2, 0, 1, chain.root().certificate())), mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.verifiedAt()).isEqualTo(lastValidSecond);
  }

  @Test
  void fixedClockAfterLeafExpiry_failsExpired() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);
    Instant afterExpiry =
        chain.leaf().certificate().getNotAfter().toInstant().plus(Duration.ofSeconds(1));
    DaneVerifier later =
        DaneVerifier.builder().clock(Clock.fixed(afterExpiry, ZoneOffset.UTC)).build();

    VerificationResult result =
        later.verify(
            chain.chain(), List.of(record(2, 0, 1, chain.root().certificate())), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.EXPIRED);
  }

  @Test
  void twoAnchorRecords_lowerDepthWins() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(
                record(2, 0, 1, chain.root().certificate()),
                record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.matchDepth()).hasValue(1);
    assertThat(result.matchedRecord())
        .hasValue(record(2, 0, 1, chain.intermediate().certificate()));
    assertThat(result.recordChecks()).extracting(RecordCheck::matched).containsExactly(true, true);
  }

  @Test
  void endEntityAndAnchorRecords_endEntityWins() {
    TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(
                record(2, 0, 1, chain.intermediate().certificate()),
                record(3, 1, 1, chain.leaf().certificate())),
            mxHostOnly());

    assertThat(result.matchDepth()).hasValue(0);
    assertThat(result.matchedRecord()).hasValue(record(3, 1, 1, chain.leaf().certificate()));
  }

  @Test
  void nameMismatchAndNoMatch_reportsNameMismatchWithMatchedRecord() {
    TestChain chain = TestChain.create(KeyType.EC_P256, "other.example.net");
    TlsaRecord anchorRecord = record(2, 0, 1, chain.intermediate().certificate());

    VerificationResult result =
        verifier.verify(
            chain.chain(), List.of(TlsaFixtures.filler(3, 1, 1, 32), anchorRecord), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.HOST_MISMATCH);
    assertThat(result.matchedRecord()).hasValue(anchorRecord);
    assertThat(result.matchDepth()).hasValue(1);
    assertThat(result.matchedCertificate()).isEmpty();
    assertThat(result.recordChecks()).extracting(RecordCheck::matched).containsExactly(false, true);
  }

  @Test
  void rsaChain_authenticatesBySpkiAnchor() {
    TestChain chain = TestChain.create(KeyType.RSA_2048, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chain(), List.of(record(2, 1, 2, chain.root().certificate())), mxHostOnly());

    assertThat(result.authenticated()).isTrue();
  }

  @Test
  void ed25519Chain_authenticatesByFullKeyAnchorNotPresented() {
    TestChain chain = TestChain.create(KeyType.ED25519, MX_HOST);

    VerificationResult result =
        verifier.verify(
            chain.chainWithoutRoot(),
            List.of(record(2, 1, 0, chain.root().certificate())),
            mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.matchDepth()).hasValue(1);
  }
}
