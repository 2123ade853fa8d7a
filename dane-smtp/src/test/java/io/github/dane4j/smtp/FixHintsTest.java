package io.github.dane4j.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.FailureReason;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Every fix hint checked against every verdict it can appear with. */
class FixHintsTest {

  /** Every reason code a report can carry, and null for none. */
  private static List<@Nullable String> reasonCodes() throws IllegalAccessException {
    List<@Nullable String> codes = new ArrayList<>();
    codes.add(null);
    for (Field field : ReasonCodes.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        codes.add((String) field.get(null));
      }
    }
    for (FailureKind kind : FailureKind.values()) {
      codes.add(kind.reasonCode());
    }
    for (FailureReason reason : FailureReason.values()) {
      codes.add(reason.reasonCode());
    }
    return codes;
  }

  @Test
  void hint_everyVerdictAndCode_notBlank() throws Exception {
    for (Verdict verdict : Verdict.values()) {
      for (String code : reasonCodes()) {
        assertThat(FixHints.hint(verdict, code)).as("%s / %s", verdict, code).isNotBlank();
      }
    }
  }

  @Test
  void hint_cleartextForbidden_onlyForDaneFailure() throws Exception {
    for (Verdict verdict : Verdict.values()) {
      if (verdict == Verdict.DANE_FAILURE) {
        continue;
      }
      for (String code : reasonCodes()) {
        assertThat(FixHints.hint(verdict, code))
            .as("%s / %s", verdict, code)
            .doesNotContain("forbids delivery in cleartext");
      }
    }
  }

  @Test
  void hint_noStarttlsWithoutTlsa_saysCleartextRisk() {
    String hint = FixHints.hint(Verdict.NO_STARTTLS, "starttls-not-offered");

    assertThat(hint).contains("Offer STARTTLS");
    assertThat(hint).doesNotContain("TLSA");
  }

  @Test
  void hint_noStarttlsWithTlsa_citesRfc7672() {
    assertThat(FixHints.hint(Verdict.DANE_FAILURE, "starttls-not-offered"))
        .contains("RFC 7672 forbids delivery in cleartext");
  }

  @Test
  void hint_deferredWholeDestination_onlyForDomainLevelCodes() throws Exception {
    List<String> domainLevel =
        List.of(
            ReasonCodes.MX_LOOKUP_FAILED,
            ReasonCodes.DANE_REQUIRED_INSECURE_MX,
            ReasonCodes.DNSSEC_UNVERIFIED);
    for (Verdict verdict : Verdict.values()) {
      for (String code : reasonCodes()) {
        if (code != null && domainLevel.contains(code)) {
          continue;
        }
        assertThat(FixHints.hint(verdict, code))
            .as("%s / %s", verdict, code)
            .doesNotContain("this destination is deferred");
      }
    }
  }

  @Test
  void hint_hostLookupFailure_mentionsOtherMxHosts() {
    assertThat(FixHints.hint(Verdict.LOOKUP_FAILURE, ReasonCodes.TLSA_LOOKUP_FAILED))
        .contains("unless another MX host accepts it");
  }

  @Test
  void hint_domainNotFound_saysDomainDoesNotExist() {
    assertThat(FixHints.hint(Verdict.CONNECTION_FAILURE, ReasonCodes.DOMAIN_NOT_FOUND))
        .contains("does not exist");
  }
}
