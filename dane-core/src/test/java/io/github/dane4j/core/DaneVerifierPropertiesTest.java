package io.github.dane4j.core;

import static io.github.dane4j.core.TlsaFixtures.MX_HOST;
import static io.github.dane4j.core.TlsaFixtures.data;
import static io.github.dane4j.core.TlsaFixtures.mxHostOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of matching and of the verifier as a whole, over a small pool of certificates that is
 * generated once for the class.
 */
class DaneVerifierPropertiesTest {
  private static final IssuedCertificate ROOT =
      CertificateBuilder.create().subjectCn("Property Root").ca(true).build();
  private static final IssuedCertificate INTERMEDIATE =
      CertificateBuilder.create().subjectCn("Property Intermediate").ca(true).issuer(ROOT).build();
  private static final IssuedCertificate LEAF =
      CertificateBuilder.create().subjectCn(MX_HOST).dnsNames(MX_HOST).issuer(INTERMEDIATE).build();
  private static final IssuedCertificate SELF_SIGNED_LEAF =
      CertificateBuilder.create().subjectCn(MX_HOST).dnsNames(MX_HOST).build();
  private static final IssuedCertificate OTHER_ROOT =
      CertificateBuilder.create().subjectCn("Other Root").ca(true).build();
  private static final IssuedCertificate OTHER_LEAF =
      CertificateBuilder.create().subjectCn(MX_HOST).dnsNames(MX_HOST).issuer(OTHER_ROOT).build();

  private static final List<X509Certificate> LEAVES =
      List.of(LEAF.certificate(), SELF_SIGNED_LEAF.certificate(), OTHER_LEAF.certificate());
  private static final List<X509Certificate> CA_CERTIFICATES =
      List.of(ROOT.certificate(), INTERMEDIATE.certificate(), OTHER_ROOT.certificate());
  private static final List<X509Certificate> POOL =
      List.of(
          ROOT.certificate(),
          INTERMEDIATE.certificate(),
          LEAF.certificate(),
          SELF_SIGNED_LEAF.certificate(),
          OTHER_ROOT.certificate(),
          OTHER_LEAF.certificate());

  private final DaneVerifier verifier = DaneVerifier.builder().build();

  @Property(tries = 60)
  void certificate_matchesItsOwnData(
      @ForAll("pool") X509Certificate certificate,
      @ForAll @IntRange(min = 0, max = 1) int selector,
      @ForAll @IntRange(min = 0, max = 2) int matchingType) {
    TlsaRecord record =
        TlsaRecord.of(3, selector, matchingType, data(selector, matchingType, certificate));

    VerificationResult result =
        verifier.verify(List.of(certificate), List.of(record), mxHostOnly());

    assertThat(result.authenticated()).isTrue();
    assertThat(result.recordChecks().get(0).matched()).isTrue();
  }

  @Property(tries = 200)
  void changedByte_neverMatches(
      @ForAll("pool") X509Certificate certificate,
      @ForAll @IntRange(min = 0, max = 1) int selector,
      @ForAll @IntRange(min = 0, max = 2) int matchingType,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    byte[] changed = data(selector, matchingType, certificate);
    changed[position % changed.length] ^= (byte) flip;
    TlsaRecord record = TlsaRecord.of(3, selector, matchingType, changed);

    VerificationResult result =
        verifier.verify(List.of(certificate), List.of(record), mxHostOnly());

    assertThat(result.authenticated()).isFalse();
    assertThat(result.recordChecks().get(0).matched()).isFalse();
  }

  @Property(tries = 200)
  void authenticated_onlyWhenOracleFindsMatchingUsableRecord(
      @ForAll("chains") List<X509Certificate> chain, @ForAll("rrsets") List<TlsaRecord> rrset) {
    VerificationResult result = verifier.verify(chain, rrset, mxHostOnly());

    if (result.authenticated()) {
      TlsaRecord matched = result.matchedRecord().orElseThrow();
      assertThat(rrset).contains(matched);
      assertThat(oracleAccepts(matched, chain, rrset)).as("oracle accepts " + matched).isTrue();
    }
  }

  @Property(tries = 200)
  void daneEeMatchOfLeaf_alwaysAuthenticates(
      @ForAll("chains") List<X509Certificate> chain, @ForAll("rrsets") List<TlsaRecord> rrset) {
    boolean leafMatchExists =
        rrset.stream()
            .anyMatch(
                record ->
                    record.usage() == 3
                        && oracleUsable(record, rrset)
                        && matches(record, chain.get(0)));

    VerificationResult result = verifier.verify(chain, rrset, mxHostOnly());

    if (leafMatchExists) {
      assertThat(result.authenticated()).as(result.message()).isTrue();
    }
  }

  @Provide
  Arbitrary<X509Certificate> pool() {
    return Arbitraries.of(POOL);
  }

  @Provide
  Arbitrary<List<X509Certificate>> chains() {
    Arbitrary<X509Certificate> leaves = Arbitraries.of(LEAVES);
    Arbitrary<List<X509Certificate>> rest = Arbitraries.of(POOL).list().ofMaxSize(3);
    return Combinators.combine(leaves, rest)
        .as(
            (leaf, others) -> {
              List<X509Certificate> chain = new ArrayList<>();
              chain.add(leaf);
              chain.addAll(others);
              return List.copyOf(chain);
            });
  }

  @Provide
  Arbitrary<List<TlsaRecord>> rrsets() {
    Arbitrary<TlsaRecord> records =
        Combinators.combine(
                Arbitraries.of(0, 1, 2, 2, 3, 3, 4),
                Arbitraries.of(0, 1, 2),
                Arbitraries.of(0, 1, 1, 2, 2, 3),
                Arbitraries.of(POOL),
                Arbitraries.of(true, true, false),
                Arbitraries.of(31, 32, 64))
            .as(DaneVerifierPropertiesTest::makeRecord);
    return records.list().ofMinSize(1).ofMaxSize(4);
  }

  /**
   * Makes a record whose data either comes from a pool certificate (computed with the assigned
   * selector and matching type nearest to the record's own) or is filler of the given length.
   */
  private static TlsaRecord makeRecord(
      int usage,
      int selector,
      int matchingType,
      X509Certificate source,
      boolean fromCertificate,
      int fillerLength) {
    if (fromCertificate) {
      return TlsaRecord.of(
          usage,
          selector,
          matchingType,
          data(Math.min(selector, 1), Math.min(matchingType, 2), source));
    }
    byte[] filler = new byte[fillerLength];
    Arrays.fill(filler, (byte) 0x3C);
    return TlsaRecord.of(usage, selector, matchingType, filler);
  }

  /**
   * An independent statement of the SMTP rules for the record that authenticated: DANE-EE matches
   * the leaf; DANE-TA matches a presented certificate above the leaf, or is a Full record carrying
   * a pool CA certificate or key.
   */
  private static boolean oracleAccepts(
      TlsaRecord record, List<X509Certificate> chain, List<TlsaRecord> rrset) {
    if (!oracleUsable(record, rrset)) {
      return false;
    }
    X509Certificate leaf = chain.get(0);
    if (record.usage() == 3) {
      return matches(record, leaf);
    }
    for (int depth = 1; depth < chain.size(); depth++) {
      if (!chain.get(depth).equals(leaf) && matches(record, chain.get(depth))) {
        return true;
      }
    }
    return record.matchingType() == 0
        && CA_CERTIFICATES.stream().anyMatch(ca -> matches(record, ca));
  }

  /** Usability and digest agility, restated: SMTP usages, 32/64-byte digests, SHA2-512 first. */
  private static boolean oracleUsable(TlsaRecord record, List<TlsaRecord> rrset) {
    boolean knownCodes =
        (record.usage() == 2 || record.usage() == 3)
            && record.selector() <= 1
            && record.matchingType() <= 2;
    if (!knownCodes || !rightLength(record)) {
      return false;
    }
    if (record.matchingType() != 1) {
      return true;
    }
    return rrset.stream()
        .noneMatch(
            other ->
                other.usage() == record.usage()
                    && other.selector() == record.selector()
                    && other.matchingType() == 2
                    && rightLength(other));
  }

  private static boolean rightLength(TlsaRecord record) {
    return switch (record.matchingType()) {
      case 1 -> record.associationDataLength() == 32;
      case 2 -> record.associationDataLength() == 64;
      default -> true;
    };
  }

  private static boolean matches(TlsaRecord record, X509Certificate certificate) {
    return Arrays.equals(
        record.associationData(), data(record.selector(), record.matchingType(), certificate));
  }
}
