package io.github.dane4j.core;

import io.github.dane4j.core.internal.ChainVerifier;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a certificate chain is authenticated by a TLSA RRset (RFC 6698, RFC 7671, and the
 * SMTP profile of RFC 7672).
 *
 * <pre>{@code
 * DaneVerifier verifier = DaneVerifier.builder().build(); // SMTP profile
 * VerificationResult result =
 *     verifier.verify(chain, List.of(TlsaRecord.parse("3 1 1 " + hex)), List.of("mx.example.org"));
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <p>The caller must pass only a TLSA RRset whose DNSSEC status is secure (RFC 6698 section 4.1);
 * this class has no way to check that. Instances are immutable and thread-safe.
 */
public final class DaneVerifier {
  private final DaneProfile profile;
  private final Set<TrustAnchor> pkixTrustAnchors;
  private final Clock clock;
  private final List<Integer> digestPreference;
  private final boolean eeNameChecks;
  private final boolean multiLabelWildcards;
  private final int maxChainLength;

  private DaneVerifier(Builder builder) {
    this.profile = builder.profile;
    this.pkixTrustAnchors = Set.copyOf(builder.pkixTrustAnchors);
    this.clock = builder.clock;
    this.digestPreference = List.copyOf(builder.digestPreference);
    this.eeNameChecks = builder.eeNameChecks;
    this.multiLabelWildcards = builder.multiLabelWildcards;
    this.maxChainLength = builder.maxChainLength;
  }

  /** Returns a builder with the SMTP profile and default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a chain at the instant given by the verifier's clock.
   *
   * @param chain the certificates the server presented, leaf first
   * @param tlsaRecords the secure TLSA RRset; unusable records are reported, not rejected
   * @param referenceNames the reference identifiers for DANE-TA and PKIX name checks, primary (the
   *     TLSA base domain) first; A-labels, with or without trailing dots
   * @throws IllegalArgumentException if {@code tlsaRecords} is empty, or a reference name is not a
   *     host name in A-label form (convert internationalized names with {@link
   *     java.net.IDN#toASCII(String)})
   * @throws NullPointerException if a certificate or a reference name is null
   */
  public VerificationResult verify(
      List<X509Certificate> chain,
      Collection<TlsaRecord> tlsaRecords,
      List<String> referenceNames) {
    return verify(chain, tlsaRecords, referenceNames, clock.instant());
  }

  /**
   * Verifies a chain as it would verify at another instant, such as next week before a certificate
   * expires.
   *
   * @throws IllegalArgumentException if {@code tlsaRecords} is empty, or a reference name is not a
   *     host name in A-label form
   * @throws NullPointerException if a certificate or a reference name is null
   */
  public VerificationResult verify(
      List<X509Certificate> chain,
      Collection<TlsaRecord> tlsaRecords,
      List<String> referenceNames,
      Instant at) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i) == null) {
        throw new NullPointerException(
            "Invalid certificate chain: the certificate at depth " + i + " is null");
      }
    }
    for (String name : referenceNames) {
      HostNameSyntax.requireHostName(
          Objects.requireNonNull(name, "Invalid reference names: a name is null"),
          "reference name");
    }
    if (tlsaRecords.isEmpty()) {
      throw new IllegalArgumentException(
          "No TLSA records to verify against: an empty or absent TLSA RRset means DANE does not"
              + " apply, so decide that before calling the verifier");
    }
    return new ChainVerifier(this, VerificationResult::authenticatedLazily)
        .verify(List.copyOf(chain), List.copyOf(tlsaRecords), List.copyOf(referenceNames), at);
  }

  /**
   * Classifies the records of a TLSA RRset without a certificate chain: which records are usable
   * and why the others are not (RFC 6698 section 4.1, RFC 7671 section 9). It lets a caller decide
   * before connecting whether a secure RRset requires authentication or only TLS (RFC 7672 section
   * 2.2). Every returned check has {@code matched} false.
   *
   * @return one check per record, in the order given
   */
  public List<RecordCheck> checkRecords(Collection<TlsaRecord> tlsaRecords) {
    return new ChainVerifier(this, VerificationResult::authenticatedLazily)
        .checkRecords(List.copyOf(tlsaRecords));
  }

  /** Returns the profile. */
  public DaneProfile profile() {
    return profile;
  }

  /** Returns the PKIX trust anchors used by PKIX-TA(0) and PKIX-EE(1) in the generic profile. */
  public Set<TrustAnchor> pkixTrustAnchors() {
    return pkixTrustAnchors;
  }

  /** Returns the clock that supplies the verification instant. */
  public Clock clock() {
    return clock;
  }

  /** Returns the matching types that carry digests, strongest first. */
  public List<Integer> digestPreference() {
    return digestPreference;
  }

  /** Returns whether DANE-EE(3) matches are name-checked (generic profile only). */
  public boolean eeNameChecks() {
    return eeNameChecks;
  }

  /** Returns whether a wildcard may stand for more than one label. */
  public boolean multiLabelWildcards() {
    return multiLabelWildcards;
  }

  /**
   * Returns the maximum number of certificates in the presented chain and in a path built from the
   * leaf to a trust anchor, the anchor included.
   */
  public int maxChainLength() {
    return maxChainLength;
  }

  /** Builds a {@link DaneVerifier}. */
  public static final class Builder {
    private DaneProfile profile = DaneProfile.SMTP;
    private Set<TrustAnchor> pkixTrustAnchors = Set.of();
    private Clock clock = Clock.systemUTC();
    private List<Integer> digestPreference =
        List.of(MatchingType.SHA2_512.code(), MatchingType.SHA2_256.code());
    private boolean eeNameChecks;
    private boolean multiLabelWildcards;
    private int maxChainLength = 10;

    private Builder() {}

    /** Sets the profile; the default is {@link DaneProfile#SMTP}. */
    public Builder profile(DaneProfile profile) {
      this.profile = profile;
      return this;
    }

    /**
     * Sets the PKIX trust anchors for PKIX-TA(0) and PKIX-EE(1) records in the generic profile.
     * Without them such records can never authenticate.
     */
    public Builder pkixTrustAnchors(Collection<TrustAnchor> anchors) {
      this.pkixTrustAnchors = Set.copyOf(anchors);
      return this;
    }

    /** Sets the clock for validity checks; the default is the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the digest matching types in order of preference, strongest first (RFC 7671 section 9).
     * The default is SHA2-512 (2) before SHA2-256 (1). Matching types left out are never preferred
     * over those listed, but are still used when a group holds nothing stronger.
     *
     * @throws IllegalArgumentException if a value is outside 1 to 255 or repeated
     */
    public Builder digestPreference(List<Integer> matchingTypesStrongestFirst) {
      List<Integer> copy = List.copyOf(matchingTypesStrongestFirst);
      if (copy.stream().anyMatch(type -> type < 1 || type > 255)) {
        throw new IllegalArgumentException(
            "Invalid digest preference " + copy + ": digest matching types are 1 to 255");
      }
      if (copy.stream().distinct().count() != copy.size()) {
        throw new IllegalArgumentException(
            "Invalid digest preference " + copy + ": a matching type appears twice");
      }
      this.digestPreference = copy;
      return this;
    }

    /**
     * Turns on name checks for DANE-EE(3) matches, as OpenSSL does by default. Only the generic
     * profile allows it: RFC 7672 section 3.2.1 forbids DANE-EE name checks for SMTP.
     */
    public Builder eeNameChecks(boolean enabled) {
      this.eeNameChecks = enabled;
      return this;
    }

    /**
     * Lets a wildcard stand for several labels. Off by default: RFC 7672 section 3.2.3 requires
     * single-label wildcards and leaves more as local policy.
     */
    public Builder multiLabelWildcards(boolean enabled) {
      this.multiLabelWildcards = enabled;
      return this;
    }

    /**
     * Sets the maximum number of certificates in the presented chain and in a path from the leaf to
     * a trust anchor, the anchor included. The limit bounds path-building effort. A longer
     * presented chain fails with {@link FailureReason#INVALID_CHAIN}. The default is 10, as in the
     * JDK's TLS client.
     *
     * @throws IllegalArgumentException if {@code max} is below 1 or above 100
     */
    public Builder maxChainLength(int max) {
      if (max < 1 || max > 100) {
        throw new IllegalArgumentException(
            "Invalid maximum chain length " + max + ": must be from 1 to 100");
      }
      this.maxChainLength = max;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if DANE-EE name checks were turned on for the SMTP profile
     */
    public DaneVerifier build() {
      if (eeNameChecks && profile == DaneProfile.SMTP) {
        throw new IllegalStateException(
            "DANE-EE name checks are not allowed in the SMTP profile (RFC 7672 section 3.2.1);"
                + " use DaneProfile.GENERIC or leave eeNameChecks off");
      }
      return new DaneVerifier(this);
    }
  }
}
