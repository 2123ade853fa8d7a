package io.github.dane4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaneVerifierCheckRecordsTest {
  private static final DaneVerifier VERIFIER = DaneVerifier.builder().build();

  @Test
  void checkRecords_daneEeDigest_isUsable() {
    List<RecordCheck> checks = VERIFIER.checkRecords(List.of(TlsaRecord.of(3, 1, 1, new byte[32])));

    assertThat(checks).hasSize(1);
    assertThat(checks.get(0).usable()).isTrue();
    assertThat(checks.get(0).matched()).isFalse();
  }

  @Test
  void checkRecords_unknownUsageAndShortDigest_bothUnusable() {
    List<RecordCheck> checks =
        VERIFIER.checkRecords(
            List.of(TlsaRecord.of(4, 1, 1, new byte[32]), TlsaRecord.of(3, 1, 1, new byte[31])));

    assertThat(checks)
        .extracting(RecordCheck::unusableReason)
        .containsExactly(UnusableReason.UNKNOWN_USAGE, UnusableReason.WRONG_DIGEST_LENGTH);
  }

  @Test
  void checkRecords_pkixUsageInSmtpProfile_isUnusable() {
    List<RecordCheck> checks = VERIFIER.checkRecords(List.of(TlsaRecord.of(1, 1, 1, new byte[32])));

    assertThat(checks.get(0).unusableReason()).isEqualTo(UnusableReason.PKIX_USAGE_NOT_SUPPORTED);
  }

  @Test
  void checkRecords_sha256NextToSha512_weakerDigestDropped() {
    List<RecordCheck> checks =
        VERIFIER.checkRecords(
            List.of(TlsaRecord.of(3, 1, 1, new byte[32]), TlsaRecord.of(3, 1, 2, new byte[64])));

    assertThat(checks)
        .extracting(RecordCheck::unusableReason)
        .containsExactly(UnusableReason.WEAKER_DIGEST, null);
  }

  @Test
  void checkRecords_emptyRrset_returnsNoChecks() {
    assertThat(VERIFIER.checkRecords(List.of())).isEmpty();
  }
}
