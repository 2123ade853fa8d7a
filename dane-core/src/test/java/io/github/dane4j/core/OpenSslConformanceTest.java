package io.github.dane4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.OpenSslVector.Expectation;
import io.github.dane4j.core.internal.RawX509Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every block of OpenSSL's DANE test vectors against {@link DaneVerifier} and compares the
 * outcome with OpenSSL's: authenticated or not, the match depth when authenticated, and the failure
 * category otherwise. The data and its mapping are described in {@code
 * src/test/resources/conformance/openssl/README.md}.
 */
final class OpenSslConformanceTest {
  /**
   * The verification instant. Every chain certificate is valid then, except the anonymous leaf of
   * blocks 1 to 10, which was never valid (notBefore after notAfter). That leaf appears only with
   * DANE-EE(3) records. DANE-EE is the only usage that ignores validity dates (RFC 7671 section
   * 5.1), so every other usage checks them at this instant.
   */
  private static final Instant VERIFICATION_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

  private static final List<OpenSslVector> VECTORS = OpenSslVector.loadAll();

  static Stream<Named<OpenSslVector>> genericVectors() {
    return VECTORS.stream().map(vector -> Named.of(vector.displayName(), vector));
  }

  static Stream<Named<OpenSslVector>> smtpVectors() {
    return VECTORS.stream()
        .filter(OpenSslVector::appliesToSmtp)
        .map(vector -> Named.of(vector.displayName(), vector));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("genericVectors")
  void genericProfile_openSslBlock_matchesOpenSslOutcome(OpenSslVector vector) {
    DaneVerifier verifier =
        DaneVerifier.builder()
            .profile(DaneProfile.GENERIC)
            .pkixTrustAnchors(Set.of(new TrustAnchor(vector.trustAnchor(), null)))
            .eeNameChecks(!vector.noNameChecks())
            .build();

    VerificationResult result = verify(verifier, vector);

    assertOutcome(vector, "generic", vector.generic(), result);
  }

  /**
   * Runs the blocks that load only DANE-TA(2) and DANE-EE(3) records in the SMTP profile, with no
   * PKIX trust anchors (RFC 7672 section 3.1.2 has DANE-TA ignore locally configured CAs) and no
   * DANE-EE name checks (RFC 7672 section 3.2.1).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("smtpVectors")
  void smtpProfile_openSslBlock_matchesOpenSslOutcome(OpenSslVector vector) {
    DaneVerifier verifier = DaneVerifier.builder().profile(DaneProfile.SMTP).build();

    VerificationResult result = verify(verifier, vector);

    assertOutcome(vector, "SMTP", Objects.requireNonNull(vector.smtp()), result);
  }

  /**
   * Block 54 is the only block whose SMTP outcome differs from OpenSSL's. OpenSSL name-checks the
   * DANE-EE(3) match by default and rejects the example.org leaf for example.com. RFC 7672 section
   * 3.2.1 forbids name checks for DANE-EE, so the SMTP profile authenticates the leaf at depth 0.
   */
  @Test
  void smtpProfile_daneEeMatchWithOtherName_isAuthenticatedAtLeaf() {
    OpenSslVector vector = vector("danetest-54");
    DaneVerifier verifier = DaneVerifier.builder().profile(DaneProfile.SMTP).build();

    VerificationResult result = verify(verifier, vector);

    assertThat(vector.openSslResult()).as("OpenSSL's result for danetest-54").isEqualTo(62);
    assertThat(result.authenticated()).as(describe(vector, "SMTP", result)).isTrue();
    assertThat(result.matchDepth()).as(describe(vector, "SMTP", result)).hasValue(0);
  }

  @Test
  void smtpVectors_outcomes_differFromOpenSslOnlyInBlock54() {
    List<String> differing =
        VECTORS.stream()
            .filter(OpenSslVector::appliesToSmtp)
            .filter(vector -> !vector.generic().equals(vector.smtp()))
            .map(OpenSslVector::id)
            .toList();

    assertThat(differing).containsExactly("danetest-54");
  }

  @Test
  void vectors_loaded_includeEveryUpstreamBlock() {
    List<String> expected =
        Stream.concat(
                IntStream.rangeClosed(1, 54).mapToObj(block -> "danetest-%02d".formatted(block)),
                Stream.of("dane-cross-01"))
            .toList();

    assertThat(VECTORS).extracting(OpenSslVector::id).containsExactlyElementsOf(expected);
  }

  /**
   * Blocks 43 to 46 have a second record line that their header does not count. OpenSSL loads only
   * the counted line, and the expected depths hold only with that reading.
   */
  @Test
  void vectors_blocks43To46_loadOnlyTheCountedRecord() {
    for (String id : List.of("danetest-43", "danetest-44", "danetest-45", "danetest-46")) {
      assertThat(vector(id).records()).as(id).hasSize(1);
    }
  }

  @Test
  void vectors_pkixUsageBlocks_applyOnlyToGenericProfile() {
    List<String> genericOnly =
        VECTORS.stream().filter(vector -> !vector.appliesToSmtp()).map(OpenSslVector::id).toList();

    assertThat(genericOnly)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(23, 42).mapToObj("danetest-%02d"::formatted).toList());
  }

  /**
   * The JDK rejects certificates with an empty issuer DN, so the anonymous leaf of blocks 1 to 10
   * is loaded as a {@link RawX509Certificate}.
   */
  @Test
  void vectors_certificatesTheJdkRejects_onlyInBlocks1To10() {
    List<String> withRawCertificates =
        VECTORS.stream()
            .filter(
                vector -> vector.chain().stream().anyMatch(RawX509Certificate.class::isInstance))
            .map(OpenSslVector::id)
            .toList();

    assertThat(withRawCertificates)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 10).mapToObj("danetest-%02d"::formatted).toList());
  }

  @Test
  void rawCertificate_anonymousLeaf_decodesEncodingKeyAndDates() throws Exception {
    X509Certificate leaf = vector("danetest-01").chain().get(0);

    // Blocks 1 and 2 carry the leaf's whole encoding (3 0 0) and its whole SPKI (3 1 0).
    assertThat(leaf.getEncoded())
        .isEqualTo(vector("danetest-01").records().get(0).associationData());
    assertThat(leaf.getPublicKey().getEncoded())
        .isEqualTo(vector("danetest-02").records().get(0).associationData());
    assertThat(leaf.getNotBefore()).isAfter(leaf.getNotAfter());
  }

  private static VerificationResult verify(DaneVerifier verifier, OpenSslVector vector) {
    return verifier.verify(
        vector.chain(), vector.records(), List.of(vector.referenceName()), VERIFICATION_INSTANT);
  }

  private static void assertOutcome(
      OpenSslVector vector, String profile, Expectation expected, VerificationResult result) {
    String description = describe(vector, profile, result);
    assertThat(result.authenticated()).as(description).isEqualTo(expected.authenticated());
    OpenSslVector.FailureCategory failure = expected.failure();
    if (failure == null) {
      assertThat(result.matchDepth()).as(description).hasValue(expected.depth());
    } else {
      assertThat(result.failure()).as(description).get().isIn(failure.acceptedReasons());
    }
  }

  private static String describe(OpenSslVector vector, String profile, VerificationResult result) {
    return "%s (%s) in the %s profile; OpenSSL expects result %d at depth %d; dane4j returned %s"
        .formatted(
            vector.id(),
            vector.source(),
            profile,
            vector.openSslResult(),
            vector.openSslDepth(),
            result);
  }

  private static OpenSslVector vector(String id) {
    return VECTORS.stream()
        .filter(vector -> vector.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No block " + id + " in cases.tsv"));
  }
}
