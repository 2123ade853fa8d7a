package io.github.dane4j.core;

import static io.github.dane4j.core.TlsaFixtures.MX_HOST;
import static io.github.dane4j.core.TlsaFixtures.filler;
import static io.github.dane4j.core.TlsaFixtures.mxHostOnly;
import static io.github.dane4j.core.TlsaFixtures.record;
import static io.github.dane4j.core.TlsaFixtures.smtpVerifier;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Certificates whose DER encoding cannot be produced: such a certificate fails the chain as
 * INVALID_CHAIN whenever a record or the failure message needs its encoding, and the leaf always
 * does.
 */
class DaneVerifierUnencodableTest {
  private final DaneVerifier verifier = smtpVerifier();
  private final TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

  @Test
  void unencodableLeaf_failsInvalidChain() {
    List<X509Certificate> presented =
        List.of(
            new UnencodableCertificate(chain.leaf().certificate()),
            chain.intermediate().certificate());

    VerificationResult result =
        verifier.verify(
            presented, List.of(record(3, 1, 1, chain.leaf().certificate())), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.INVALID_CHAIN);
    assertThat(result.message()).contains("depth 0 cannot be encoded");
  }

  @Test
  void unencodableIntermediate_leafMatchesDaneEe_authenticates() {
    VerificationResult result =
        verifier.verify(
            withUnencodableIntermediate(),
            List.of(record(3, 1, 1, chain.leaf().certificate())),
            mxHostOnly());

    // DANE-EE reads only the leaf (RFC 7671 section 5.1), so the intermediate is never encoded.
    assertThat(result.authenticated()).as(result.message()).isTrue();
  }

  @Test
  void unencodableIntermediate_noMatch_failsInvalidChain() {
    VerificationResult result =
        verifier.verify(withUnencodableIntermediate(), List.of(filler(3, 1, 1, 32)), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.INVALID_CHAIN);
    assertThat(result.message()).contains("depth 1 cannot be encoded");
  }

  @Test
  void unencodableIntermediate_noUsableRecords_failsInvalidChain() {
    VerificationResult result =
        verifier.verify(withUnencodableIntermediate(), List.of(filler(4, 1, 1, 32)), mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.INVALID_CHAIN);
  }

  @Test
  void unencodableIntermediate_daneTaRecord_failsInvalidChain() {
    VerificationResult result =
        verifier.verify(
            withUnencodableIntermediate(),
            List.of(record(2, 0, 1, chain.intermediate().certificate())),
            mxHostOnly());

    assertThat(result.failure()).hasValue(FailureReason.INVALID_CHAIN);
  }

  private List<X509Certificate> withUnencodableIntermediate() {
    return List.of(
        chain.leaf().certificate(),
        new UnencodableCertificate(chain.intermediate().certificate()),
        chain.root().certificate());
  }
}
