package io.github.dane4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DnsAnswerTest {

  private static DnsAnswer<String> answer(
      AnswerKind kind,
      DnssecStatus status,
      List<String> records,
      Duration ttl,
      AuthenticitySource source,
      @Nullable ExtendedDnsError error) {
    return new DnsAnswer<>(
        "example.test", kind, status, records, List.of("example.test"), ttl, 0, error, "", source);
  }

  @Test
  void constructor_recordsWithNodata_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                answer(
                    AnswerKind.NODATA,
                    DnssecStatus.SECURE,
                    List.of("x"),
                    Duration.ZERO,
                    AuthenticitySource.VALIDATED_IN_PROCESS,
                    null));
  }

  @Test
  void constructor_secureFailure_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                answer(
                    AnswerKind.FAILURE,
                    DnssecStatus.SECURE,
                    List.of(),
                    Duration.ZERO,
                    AuthenticitySource.VALIDATED_IN_PROCESS,
                    null));
  }

  @Test
  void constructor_secureWithoutEstablishedAuthenticity_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                answer(
                    AnswerKind.RECORDS,
                    DnssecStatus.SECURE,
                    List.of("x"),
                    Duration.ZERO,
                    AuthenticitySource.NOT_ESTABLISHED,
                    null))
        .withMessageContaining("NOT_ESTABLISHED");
  }

  @Test
  void constructor_unverifiedFromValidator_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                answer(
                    AnswerKind.RECORDS,
                    DnssecStatus.UNVERIFIED,
                    List.of("x"),
                    Duration.ZERO,
                    AuthenticitySource.VALIDATED_IN_PROCESS,
                    null));
  }

  @Test
  void constructor_negativeTtl_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                answer(
                    AnswerKind.NXDOMAIN,
                    DnssecStatus.SECURE,
                    List.of(),
                    Duration.ofSeconds(-1),
                    AuthenticitySource.VALIDATED_IN_PROCESS,
                    null));
  }

  @Test
  void isLookupFailure_failureNotDenial() {
    DnsAnswer<String> failure =
        answer(
            AnswerKind.FAILURE,
            DnssecStatus.BOGUS,
            List.of(),
            Duration.ZERO,
            AuthenticitySource.VALIDATED_IN_PROCESS,
            new ExtendedDnsError(6, "bogus"));
    DnsAnswer<String> insecureDenial =
        answer(
            AnswerKind.NXDOMAIN,
            DnssecStatus.INSECURE,
            List.of(),
            Duration.ZERO,
            AuthenticitySource.VALIDATED_IN_PROCESS,
            null);

    assertThat(failure.isLookupFailure()).isTrue();
    assertThat(insecureDenial.isLookupFailure()).isFalse();
  }

  @Test
  void records_copied_callerListChangesNotSeen() {
    List<String> records = new java.util.ArrayList<>(List.of("a"));
    DnsAnswer<String> answer =
        answer(
            AnswerKind.RECORDS,
            DnssecStatus.SECURE,
            records,
            Duration.ZERO,
            AuthenticitySource.VALIDATED_IN_PROCESS,
            null);

    records.add("b");

    assertThat(answer.records()).containsExactly("a");
  }

  @Test
  void extendedError_codeOutOfRange_rejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ExtendedDnsError(65536, ""));
  }
}
