package io.github.dane4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

  @ParameterizedTest(name = "{0} vs {1} (multi-label {2}) -> {3}")
  @CsvSource({
    "mx1.example.com, mx1.example.com, false, true",
    "MX1.Example.COM, mx1.example.com, false, true",
    "mx1.example.com., mx1.example.com, false, true",
    "mx2.example.com, mx1.example.com, false, false",
    "example.com, mx1.example.com, false, false",
    "*.example.com, mx1.example.com, false, true",
    "*.EXAMPLE.com, mx1.example.com, false, true",
    "*.example.com., mx1.example.com, false, true",
    "*.example.com, example.com, false, false",
    "*.example.com, a.mx1.example.com, false, false",
    "*.example.com, a.mx1.example.com, true, true",
    "*.example.com, example.com, true, false",
    "*.com, example.com, false, false",
    "*, example, false, false",
    "mx*.example.com, mx1.example.com, false, false",
    "*mx.example.com, smx.example.com, false, false",
    "m*x.example.com, mx.example.com, false, false",
    "mx1.*.com, mx1.example.com, false, false",
    "*.*.example.com, a.b.example.com, false, false",
    "**.example.com, mx1.example.com, false, false",
    "mx1..example.com, mx1..example.com, false, false",
    "xn--bcher-kva.example, xn--bcher-kva.example, false, true",
    "bücher.example, xn--bcher-kva.example, false, false",
    "*.bücher.example, mx.xn--bcher-kva.example, false, false",
  })
  void matches_table(String presented, String reference, boolean multiLabel, boolean expected) {
    assertThat(HostnameMatcher.matches(presented, reference, multiLabel)).isEqualTo(expected);
  }

  @Test
  void normalizeReferenceNames_lowerCasesAndDropsTrailingDot() {
    assertThat(HostnameMatcher.normalizeReferenceNames(List.of("MX1.Example.COM.")))
        .containsExactly("mx1.example.com");
  }

  @Test
  void normalizeReferenceNames_convertsULabelsToALabels() {
    assertThat(HostnameMatcher.normalizeReferenceNames(List.of("bücher.example")))
        .containsExactly("xn--bcher-kva.example");
  }

  @Test
  void normalizeReferenceNames_labelOf63Characters_isKept() {
    String name = "a".repeat(63) + ".example";

    assertThat(HostnameMatcher.normalizeReferenceNames(List.of(name))).containsExactly(name);
  }

  @Test
  void normalizeReferenceNames_labelOf64Characters_isSkipped() {
    assertThat(HostnameMatcher.normalizeReferenceNames(List.of("a".repeat(64) + ".example")))
        .isEmpty();
  }

  @Test
  void normalizeReferenceNames_skipsWildcardsEmptyLabelsAndDuplicates() {
    assertThat(
            HostnameMatcher.normalizeReferenceNames(
                List.of("*.example.com", "a..example.com", "", ".", "mx.example", "MX.example")))
        .containsExactly("mx.example");
  }

  @Test
  void presentedNames_dnsNamesPresent_ignoresCommonName() {
    X509Certificate certificate =
        CertificateBuilder.create()
            .subjectCn("cn.example.com")
            .dnsNames("a.example.com", "b.example.com")
            .build()
            .certificate();

    assertThat(HostnameMatcher.presentedNames(certificate))
        .containsExactly("a.example.com", "b.example.com");
  }

  @Test
  void presentedNames_noSubjectAltName_usesCommonName() {
    X509Certificate certificate =
        CertificateBuilder.create().subjectCn("cn.example.com").build().certificate();

    assertThat(HostnameMatcher.presentedNames(certificate)).containsExactly("cn.example.com");
  }

  @Test
  void presentedNames_severalCommonNames_returnsAllInOrder() {
    X509Certificate certificate =
        CertificateBuilder.create()
            .subjectDn("CN=second.example.com,CN=first.example.com,O=Example")
            .build()
            .certificate();

    // RFC 4514 text lists the last RDN first, so the DER order is first, second.
    assertThat(HostnameMatcher.presentedNames(certificate))
        .containsExactly("first.example.com", "second.example.com");
  }

  @Test
  void presentedNames_onlyIpAndEmailInSubjectAltName_usesCommonName() {
    X509Certificate certificate =
        CertificateBuilder.create()
            .subjectCn("cn.example.com")
            .ipAddresses("192.0.2.7")
            .emailAddresses("postmaster@example.com")
            .build()
            .certificate();

    assertThat(HostnameMatcher.presentedNames(certificate)).containsExactly("cn.example.com");
  }

  @Test
  void presentedNames_emptySubjectAndNoDnsName_isEmpty() {
    // An empty issuer name is invalid, so the certificate is issued by a named CA.
    IssuedCertificate issuer = CertificateBuilder.create().subjectCn("Test CA").ca(true).build();
    X509Certificate certificate =
        CertificateBuilder.create().ipAddresses("192.0.2.7").issuer(issuer).build().certificate();

    assertThat(HostnameMatcher.presentedNames(certificate)).isEmpty();
  }

  @Test
  void matchesAny_anyPresentedNameAgainstAnyReference_matches() {
    X509Certificate certificate =
        CertificateBuilder.create()
            .subjectCn("other.example.net")
            .dnsNames("other.example.net", "*.example.com")
            .build()
            .certificate();

    assertThat(
            HostnameMatcher.matchesAny(
                certificate, List.of("example.org", "mx1.example.com"), false))
        .isTrue();
  }

  @Test
  void matchesAny_noReferenceNames_doesNotMatch() {
    X509Certificate certificate =
        CertificateBuilder.create()
            .subjectCn("mx1.example.com")
            .dnsNames("mx1.example.com")
            .build()
            .certificate();

    assertThat(HostnameMatcher.matchesAny(certificate, List.of(), false)).isFalse();
  }
}
