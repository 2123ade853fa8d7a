package io.github.dane4j.core;

import static io.github.dane4j.core.TlsaFixtures.MX_HOST;
import static io.github.dane4j.core.TlsaFixtures.data;
import static io.github.dane4j.core.TlsaFixtures.filler;
import static io.github.dane4j.core.TlsaFixtures.mxHostOnly;
import static io.github.dane4j.core.TlsaFixtures.record;
import static io.github.dane4j.core.TlsaFixtures.smtpVerifier;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.internal.Hex;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator-facing message and the per-record checks of a verification result. */
class DaneVerifierMessageTest {
  private final Instant at = Instant.now();

  private final DaneVerifier verifier = smtpVerifier();
  private final TestChain chain = TestChain.create(KeyType.EC_P256, MX_HOST);

  @Test
  void failureMessage_listsDigestsOfEachCertificateForPairsInRrset() {
    VerificationResult result =
        verifier.verify(
            chain.chain(), List.of(filler(3, 1, 1, 32), filler(2, 0, 2, 64)), mxHostOnly(), at);

    String message = result.message();
    assertThat(message).contains("depth 0: \"CN=" + MX_HOST + "\"");
    assertThat(message).contains("depth 1: \"CN=Test Intermediate CA\"");
    assertThat(message).contains("depth 2: \"CN=Test Root CA\"");
    assertThat(message).contains("1 1 (SPKI SHA2-256): " + hex(1, 1, 0));
    assertThat(message).contains("0 2 (Cert SHA2-512): " + hex(0, 2, 1));
    assertThat(message).contains("0 2 (Cert SHA2-512): " + hex(0, 2, 2));
  }

  @Test
  void failureMessage_explainsEachRecord() {
    VerificationResult result =
        verifier.verify(
            chain.chain(),
            List.of(
                filler(3, 1, 1, 32),
                filler(9, 1, 1, 32),
                record(3, 1, 1, chain.intermediate().certificate())),
            mxHostOnly(),
            at);

    String message = result.message();
    assertThat(message).startsWith("DANE verification failed (dane-no-match): ");
    assertThat(message).contains("matches no presented certificate");
    assertThat(message).contains("certificate usage 9 is not assigned");
    assertThat(message).contains("matches only the certificate at depth 1");
  }

  @Test
  void failureMessage_afterMatchNamesTheFailedCheck() {
    TestChain wrongName = TestChain.create(KeyType.EC_P256, "other.example.net");

    VerificationResult result =
        verifier.verify(
            wrongName.chain(),
            List.of(record(2, 0, 1, wrongName.intermediate().certificate())),
            mxHostOnly(),
            at);

    assertThat(result.message())
        .contains("matched at depth 1")
        .contains("[other.example.net]")
        .contains("[" + MX_HOST + "]");
  }

  @Test
  void successMessage_isOneLine() {
    VerificationResult result =
        verifier.verify(
            chain.chain(), List.of(record(3, 1, 1, chain.leaf().certificate())), mxHostOnly(), at);

    assertThat(result.message()).startsWith("Authenticated by TLSA record 3 1 1 ");
    assertThat(result.message()).doesNotContain("\n");
  }

  @Test
  void message_sameInput_isIdentical() {
    List<TlsaRecord> records = List.of(filler(3, 1, 1, 32), filler(2, 0, 1, 32));

    String first = verifier.verify(chain.chain(), records, mxHostOnly(), at).message();
    String second = verifier.verify(chain.chain(), records, mxHostOnly(), at).message();

    assertThat(first).isEqualTo(second);
  }

  @Test
  void message_manyRecords_isBounded() {
    List<TlsaRecord> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(filler(3, 0, 0, 2000));
    }

    VerificationResult result = verifier.verify(chain.chain(), records, mxHostOnly(), at);

    assertThat(result.message()).contains("176 more not shown");
    assertThat(result.message().length()).isLessThan(12_000);
  }

  @Test
  void recordChecks_followInputOrderAndMarkMatches() {
    TlsaRecord unknown = filler(4, 1, 1, 32);
    TlsaRecord matching = record(3, 1, 1, chain.leaf().certificate());
    TlsaRecord other = filler(3, 0, 1, 32);

    VerificationResult result =
        verifier.verify(chain.chain(), List.of(unknown, matching, other), mxHostOnly(), at);

    assertThat(result.recordChecks())
        .containsExactly(
            new RecordCheck(unknown, UnusableReason.UNKNOWN_USAGE, false),
            new RecordCheck(matching, null, true),
            new RecordCheck(other, null, false));
  }

  @Test
  void result_keepsChainAndReferenceNames() {
    List<String> names = List.of(MX_HOST, "example.com");

    VerificationResult result =
        verifier.verify(
            chain.chain(), List.of(record(3, 1, 1, chain.leaf().certificate())), names, at);

    assertThat(result.chain()).isEqualTo(chain.chain());
    assertThat(result.referenceNames()).isEqualTo(names);
    assertThat(result.verifiedAt()).isEqualTo(at);
  }

  private String hex(int selector, int matchingType, int depth) {
    return Hex.encode(data(selector, matchingType, chain.chain().get(depth)));
  }
}
