package io.github.dane4j.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {

  @Test
  void normalize_dotAndCase_removed() {
    assertThat(DomainNames.normalize("MX.Example.TEST.", "host")).isEqualTo("mx.example.test");
  }

  @Test
  void normalize_underscoreLabels_kept() {
    assertThat(DomainNames.normalize("_25._tcp.mx.example.test", "owner"))
        .isEqualTo("_25._tcp.mx.example.test");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "a..b", "bad name", "tab\tname", "b\\.c", "bücher.example"})
  void normalize_invalidName_rejectedNamingIt(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DomainNames.normalize(name, "host name"))
        .withMessageStartingWith("Invalid host name \"" + name + "\"");
  }

  @Test
  void normalize_labelOf64Characters_rejected() {
    String name = "a".repeat(64) + ".example";

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DomainNames.normalize(name, "host name"))
        .withMessageContaining("longer than 63");
  }

  @Test
  void normalize_nameOf254Characters_rejected() {
    String name = ("a".repeat(62) + ".").repeat(4) + "ab";

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DomainNames.normalize(name, "host name"))
        .withMessageContaining("longer than 253");
  }
}
