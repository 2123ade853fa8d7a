package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;

/**
 * The per-query limits of the validator (KeyTrap, CVE-2023-50387) and the signature checks they
 * guard, on an RRset signed at test time with an ECDSA P-256 key.
 */
class ValidationLimitsTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name OWNER = Name.fromConstantString("www.example.test.");
  private static Instant now;

  private static RRset keys;
  private static RRset data;
  private static RRSIGRecord valid;

  @BeforeAll
  static void sign() throws Exception {
    now = Instant.now();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    DNSKEYRecord key =
        new DNSKEYRecord(
            ZONE,
            DClass.IN,
            3600,
            DNSKEYRecord.Flags.ZONE_KEY,
            DNSKEYRecord.Protocol.DNSSEC,
            DNSSEC.Algorithm.ECDSAP256SHA256,
            pair.getPublic());
    keys = new RRset(key);
    data = new RRset(new ARecord(OWNER, DClass.IN, 3600, InetAddress.getByName("192.0.2.1")));
    valid =
        DNSSEC.sign(
            data, key, pair.getPrivate(), now.minus(Duration.ofHours(1)), now.plusSeconds(3600));
  }

  @Test
  void verify_validSignature_secure() {
    RRset signed = new RRset(data);
    signed.addRR(valid);

    Signatures.Checked checked = Signatures.verify(signed, ZONE, keys, now, new ValidationLimits());

    assertThat(checked.verdict().isSecure()).isTrue();
    assertThat(checked.signature()).isEqualTo(valid);
  }

  @Test
  void verify_noSignature_bogusRrsigsMissing() {
    Signatures.Checked checked = Signatures.verify(data, ZONE, keys, now, new ValidationLimits());

    assertThat(checked.verdict().isBogus()).isTrue();
    assertThat(checked.verdict().extendedError()).isEqualTo(ExtendedErrorCodeOption.RRSIGS_MISSING);
  }

  @Test
  void verify_futureSignature_bogus() {
    RRset signed = new RRset(data);
    signed.addRR(valid);

    Signatures.Checked checked =
        Signatures.verify(
            signed, ZONE, keys, now.minus(Duration.ofDays(1)), new ValidationLimits());

    assertThat(checked.verdict().isBogus()).isTrue();
    assertThat(checked.verdict().extendedError())
        .isEqualTo(ExtendedErrorCodeOption.SIGNATURE_NOT_YET_VALID);
  }

  @Test
  void verify_manyForgedSignatures_stopsAfterLimit() {
    RRset signed = new RRset(data);
    IntStream.range(0, 12).forEach(i -> signed.addRR(forged(i)));
    ValidationLimits limits = new ValidationLimits();

    Signatures.Checked checked = Signatures.verify(signed, ZONE, keys, now, limits);

    assertThat(checked.verdict().isBogus()).isTrue();
    assertThat(checked.verdict().reason())
        .contains("more than " + ValidationLimits.MAX_SIGNATURES_PER_RRSET + " RRSIGs");
    int left = 0;
    while (limits.takeVerification()) {
      left++;
    }
    assertThat(left)
        .as("verifications left after one RRset")
        .isEqualTo(ValidationLimits.MAX_VERIFICATIONS - ValidationLimits.MAX_SIGNATURES_PER_RRSET);
  }

  @Test
  void verify_verificationBudgetSpent_bogusWithoutTrying() {
    RRset signed = new RRset(data);
    signed.addRR(valid);
    ValidationLimits limits = new ValidationLimits();
    IntStream.range(0, ValidationLimits.MAX_VERIFICATIONS).forEach(i -> limits.takeVerification());

    Signatures.Checked checked = Signatures.verify(signed, ZONE, keys, now, limits);

    assertThat(checked.verdict().isBogus()).isTrue();
    assertThat(checked.verdict().reason()).contains("Validation stopped");
  }

  @Test
  void limits_eachBudget_endsAtItsMaximum() {
    ValidationLimits limits = new ValidationLimits();

    assertThat(IntStream.range(0, 1000).filter(i -> limits.takeDigest()).count())
        .isEqualTo(ValidationLimits.MAX_DS_DIGESTS);
    assertThat(IntStream.range(0, 1000).filter(i -> limits.takeHash()).count())
        .isEqualTo(ValidationLimits.MAX_NSEC3_HASHES);
    assertThat(IntStream.range(0, 1000).filter(i -> limits.takeKeyQuery()).count())
        .isEqualTo(ValidationLimits.MAX_KEY_QUERIES);
  }

  /** Returns a copy of the valid RRSIG with a different signature value, so it cannot verify. */
  private static RRSIGRecord forged(int seed) {
    byte[] signature = valid.getSignature().clone();
    signature[seed % signature.length] ^= (byte) (seed + 1);
    return new RRSIGRecord(
        OWNER,
        DClass.IN,
        3600,
        valid.getTypeCovered(),
        valid.getAlgorithm(),
        valid.getOrigTTL(),
        valid.getExpire().plusSeconds(seed),
        valid.getTimeSigned(),
        valid.getFootprint(),
        ZONE,
        signature);
  }
}
