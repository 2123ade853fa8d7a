package io.github.dane4j.core.internal;

import static io.github.dane4j.core.TlsaFixtures.filler;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.DaneProfile;
import io.github.dane4j.core.TlsaFixtures;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.UnusableReason;
import io.github.dane4j.testkit.pki.CertificateBuilder;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordSelectionTest {
  private static final List<Integer> SHA512_FIRST = List.of(2, 1);

  private static @Nullable UnusableReason reasonFor(TlsaRecord record, DaneProfile profile) {
    return RecordSelection.select(List.of(record), profile, SHA512_FIRST)
        .entries()
        .get(0)
        .unusableReason();
  }

  private static List<@Nullable UnusableReason> reasons(
      List<Integer> preference, TlsaRecord... records) {
    return RecordSelection.select(List.of(records), DaneProfile.SMTP, preference).entries().stream()
        .map(RecordSelection.Entry::unusableReason)
        .toList();
  }

  @ParameterizedTest(name = "{0} {1} {2} with {3} bytes -> {4}")
  @CsvSource({
    "3, 1, 1, 32, ",
    "3, 1, 2, 64, ",
    "2, 0, 1, 32, ",
    "3, 1, 1, 31, WRONG_DIGEST_LENGTH",
    "3, 1, 1, 64, WRONG_DIGEST_LENGTH",
    "3, 1, 2, 32, WRONG_DIGEST_LENGTH",
    "4, 1, 1, 32, UNKNOWN_USAGE",
    "255, 1, 1, 32, UNKNOWN_USAGE",
    "3, 2, 1, 32, UNKNOWN_SELECTOR",
    "3, 255, 1, 32, UNKNOWN_SELECTOR",
    "3, 1, 3, 32, UNKNOWN_MATCHING_TYPE",
    "3, 1, 255, 32, UNKNOWN_MATCHING_TYPE",
    "0, 0, 1, 32, PKIX_USAGE_NOT_SUPPORTED",
    "1, 1, 1, 32, PKIX_USAGE_NOT_SUPPORTED",
    "3, 0, 0, 40, MALFORMED_FULL_DATA",
    "3, 1, 0, 40, MALFORMED_FULL_DATA",
  })
  void usability_smtpProfile(
      int usage, int selector, int matchingType, int length, @Nullable UnusableReason expected) {
    assertThat(reasonFor(filler(usage, selector, matchingType, length), DaneProfile.SMTP))
        .isEqualTo(expected);
  }

  @Test
  void usability_pkixUsagesInGenericProfile_areUsable() {
    assertThat(reasonFor(filler(0, 0, 1, 32), DaneProfile.GENERIC)).isNull();
    assertThat(reasonFor(filler(1, 1, 2, 64), DaneProfile.GENERIC)).isNull();
  }

  @Test
  void usability_fullCertificateAndKey_areUsableAndParsed() {
    X509Certificate certificate =
        CertificateBuilder.create().subjectCn("test.example.com").build().certificate();
    List<RecordSelection.Entry> entries =
        RecordSelection.select(
                List.of(
                    TlsaFixtures.record(2, 0, 0, certificate),
                    TlsaFixtures.record(2, 1, 0, certificate)),
                DaneProfile.SMTP,
                SHA512_FIRST)
            .entries();

    assertThat(entries.get(0).unusableReason()).isNull();
    assertThat(entries.get(0).fullCertificate()).isEqualTo(certificate);
    assertThat(entries.get(1).unusableReason()).isNull();
    assertThat(entries.get(1).fullKey()).isEqualTo(certificate.getPublicKey());
  }

  @Test
  void digestAgility_rfc7671WorkedExample_keepsSha512AndFull() {
    List<@Nullable UnusableReason> reasons =
        reasons(SHA512_FIRST, filler(3, 1, 1, 32), filler(3, 1, 2, 64), spkiFull());

    assertThat(reasons).containsExactly(UnusableReason.WEAKER_DIGEST, null, null);
  }

  @Test
  void digestAgility_sha256Preferred_dropsSha512() {
    assertThat(reasons(List.of(1, 2), filler(3, 1, 1, 32), filler(3, 1, 2, 64)))
        .containsExactly(null, UnusableReason.WEAKER_DIGEST);
  }

  @Test
  void digestAgility_groupsByUsageAndSelector() {
    assertThat(
            reasons(
                SHA512_FIRST,
                filler(3, 1, 1, 32),
                filler(3, 0, 2, 64),
                filler(2, 1, 1, 32),
                filler(3, 0, 1, 32)))
        .containsExactly(null, null, null, UnusableReason.WEAKER_DIGEST);
  }

  @Test
  void digestAgility_malformedStrongerDigestDoesNotCount() {
    assertThat(reasons(SHA512_FIRST, filler(3, 1, 1, 32), filler(3, 1, 2, 32)))
        .containsExactly(null, UnusableReason.WRONG_DIGEST_LENGTH);
  }

  @Test
  void digestAgility_unlistedTypeUsedWhenAloneInGroup() {
    assertThat(reasons(List.of(2), filler(3, 1, 1, 32))).containsExactly((UnusableReason) null);
  }

  @Test
  void digestAgility_unlistedTypeLosesToListedOne() {
    assertThat(reasons(List.of(1), filler(3, 1, 1, 32), filler(3, 1, 2, 64)))
        .containsExactly(null, UnusableReason.WEAKER_DIGEST);
  }

  @Test
  void digestAgility_emptyPreference_ranksHigherNumberFirst() {
    assertThat(reasons(List.of(), filler(3, 1, 1, 32), filler(3, 1, 2, 64)))
        .containsExactly(UnusableReason.WEAKER_DIGEST, null);
  }

  private static TlsaRecord spkiFull() {
    return TlsaFixtures.record(
        3, 1, 0, CertificateBuilder.create().subjectCn("test.example.com").build().certificate());
  }
}
