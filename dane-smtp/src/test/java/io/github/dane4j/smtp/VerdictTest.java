package io.github.dane4j.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerdictTest {

  @Test
  void tokens_areTheIssueVocabulary() {
    assertThat(Arrays.stream(Verdict.values()).map(Verdict::token))
        .containsExactly(
            "authenticated",
            "unauthenticated-tls",
            "opportunistic",
            "no-starttls",
            "connection-failure",
            "lookup-failure",
            "dane-failure");
  }

  @ParameterizedTest
  @EnumSource(Verdict.class)
  void fromToken_everyToken_roundTrips(Verdict verdict) {
    assertThat(Verdict.fromToken(verdict.token())).isEqualTo(verdict);
  }

  @Test
  void fromToken_unknown_throwsIllegalArgumentListingTokens() {
    assertThatThrownBy(() -> Verdict.fromToken("secure"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"secure\"")
        .hasMessageContaining("dane-failure");
  }

  @Test
  void worst_daneFailureAndAuthenticated_daneFailure() {
    assertThat(Verdict.worst(Verdict.AUTHENTICATED, Verdict.DANE_FAILURE))
        .isEqualTo(Verdict.DANE_FAILURE);
  }

  @Test
  void worst_emptyCollection_empty() {
    assertThat(Verdict.worst(List.of())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Verdict.class)
  void fixHint_everyVerdictWithoutReasonCode_oneLine(Verdict verdict) {
    String hint = FixHints.hint(verdict, null);

    assertThat(hint).isNotBlank();
    assertThat(hint).doesNotContain("\n");
  }

  @Property
  void worst_isCommutative(@ForAll Verdict first, @ForAll Verdict second) {
    assertThat(Verdict.worst(first, second)).isEqualTo(Verdict.worst(second, first));
  }

  @Property
  void worst_isNeverBetterThanEither(@ForAll Verdict first, @ForAll Verdict second) {
    Verdict worst = Verdict.worst(first, second);

    assertThat(first.isWorseThan(worst)).isFalse();
    assertThat(second.isWorseThan(worst)).isFalse();
  }

  @Property
  void worst_ofCollection_isAnElementNoneWorse(@ForAll List<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return;
    }
    Verdict worst = Verdict.worst(verdicts).orElseThrow();

    assertThat(verdicts).contains(worst);
    assertThat(verdicts).noneMatch(verdict -> verdict.isWorseThan(worst));
  }
}
