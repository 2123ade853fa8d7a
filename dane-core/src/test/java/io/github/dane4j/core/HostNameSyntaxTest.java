package io.github.dane4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host name syntax checks shared by SNI and reference names. */
class HostNameSyntaxTest {

  @ParameterizedTest
  @CsvSource({
    "mx.example.org, mx.example.org",
    "mx.example.org., mx.example.org",
    "MX.Example.ORG, MX.Example.ORG",
    "localhost, localhost",
    "xn--bcher-kva.example, xn--bcher-kva.example",
    "a-1.b2.example, a-1.b2.example",
    "1mx.example.org, 1mx.example.org"
  })
  void requireHostName_valid_returnsNameWithoutTrailingDot(String input, String expected) {
    assertThat(HostNameSyntax.requireHostName(input, "name")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"|at least one label",
        "mx.example.org..|empty label",
        ".mx.example.org|empty label",
        "mx-.example.org|hyphen",
        "mx example.org|U+0020",
        "mx_25.example.org|'_'",
        "*.example.org|'*'",
        "10.0.0.1|IP address",
        "mx.例え.jp|A-labels",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org|longer than 63"
      })
  void requireHostName_invalid_explainsProblem(String input, String problem) {
    assertThatThrownBy(() -> HostNameSyntax.requireHostName(input, "test name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid test name")
        .hasMessageContaining(problem);
  }

  @Test
  void requireHostName_tooLong_rejected() {
    String name = ("a".repeat(63) + ".").repeat(4) + "org";

    assertThatThrownBy(() -> HostNameSyntax.requireHostName(name, "test name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 253 characters");
  }
}
