package io.github.dane4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of reference-name normalization. */
class HostnameMatcherPropertiesTest {

  /** ASCII names with dots, long labels and the characters that normalization treats specially. */
  @Provide
  Arbitrary<String> asciiNames() {
    Arbitrary<String> label =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("aZ09-*_ ").ofMinLength(0).ofMaxLength(4),
            Arbitraries.strings().withChars("ab").ofMinLength(62).ofMaxLength(65));
    return label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
  }

  @Property
  void normalizeReferenceNames_asciiName_sameAsThroughIdn(@ForAll("asciiNames") String name) {
    assertThat(HostnameMatcher.normalizeReferenceNames(List.of(name)))
        .isEqualTo(normalizedThroughIdn(name));
  }

  @Property
  void normalizeReferenceNames_asciiNameWithTrailingDot_sameAsThroughIdn(
      @ForAll("asciiNames") String name) {
    assertThat(HostnameMatcher.normalizeReferenceNames(List.of(name + ".")))
        .isEqualTo(normalizedThroughIdn(name + "."));
  }

  /** Normalizes as the matcher does, but always through IDN.toASCII, as a reference. */
  private static List<String> normalizedThroughIdn(String name) {
    String withoutDot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    String ascii;
    try {
      ascii = IDN.toASCII(withoutDot);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    boolean emptyLabel = ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..");
    if (ascii.isEmpty() || ascii.contains("*") || emptyLabel) {
      return List.of();
    }
    return List.of(ascii.toLowerCase(Locale.ROOT));
  }
}
