package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The proof logic of {@link DenialOfExistence} on NSEC3 records built in the test, whose signatures
 * the caller would have verified.
 */
class DenialOfExistenceTest {
  private static final Name ZONE = Name.fromConstantString("z.test.");
  private static final Name DELEGATION = Name.fromConstantString("sub.z.test.");
  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);
  private static final int OLD_ITERATIONS = ValidationLimits.MAX_NSEC3_ITERATIONS + 50;

  /**
   * An old NSEC3 record above the iteration limit, replayed first next to the current record that
   * lists the DS RRset, must not make the stripped DS insecure. Records of different parameters
   * never share a proof (RFC 5155 section 8.2).
   */
  @Test
  void dsAbsence_replayedOldRecordFirst_failed() throws Exception {
    List<NSEC3Record> records =
        List.of(
            nsec3(Name.fromConstantString("old.z.test."), OLD_ITERATIONS, Type.A),
            nsec3(DELEGATION, 0, Type.NS, Type.DS, Type.RRSIG));

    DenialOfExistence denial = new DenialOfExistence(ZONE, List.of(), records, limits());

    assertThat(denial.dsAbsence(DELEGATION, false)).isEqualTo(DenialOfExistence.DsAbsence.FAILED);
  }

  /** The current records still prove an insecure delegation when an old record comes first. */
  @Test
  void dsAbsence_replayedOldRecord_insecureDelegation() throws Exception {
    List<NSEC3Record> records =
        List.of(
            nsec3(Name.fromConstantString("old.z.test."), OLD_ITERATIONS, Type.A),
            nsec3(DELEGATION, 0, Type.NS));

    DenialOfExistence denial = new DenialOfExistence(ZONE, List.of(), records, limits());

    assertThat(denial.dsAbsence(DELEGATION, false))
        .isEqualTo(DenialOfExistence.DsAbsence.INSECURE_DELEGATION);
  }

  /** A zone whose records all use too many iterations is insecure (RFC 9276 section 3.2). */
  @Test
  void dsAbsence_onlyHighIterations_insecureIterations() throws Exception {
    List<NSEC3Record> records = List.of(nsec3(DELEGATION, OLD_ITERATIONS, Type.NS));

    DenialOfExistence denial = new DenialOfExistence(ZONE, List.of(), records, limits());

    assertThat(denial.dsAbsence(DELEGATION, false))
        .isEqualTo(DenialOfExistence.DsAbsence.INSECURE_ITERATIONS);
  }

  private static ValidationLimits limits() {
    return new ValidationLimits();
  }

  /** Builds the NSEC3 record that matches {@code name}, without salt. */
  private static NSEC3Record nsec3(Name name, int iterations, int... types)
      throws TextParseException, java.security.NoSuchAlgorithmException {
    NSEC3Record probe =
        new NSEC3Record(
            ZONE,
            DClass.IN,
            300,
            NSEC3Record.Digest.SHA1,
            0,
            iterations,
            null,
            new byte[20],
            new int[0]);
    byte[] hash = probe.hashName(name);
    byte[] next = hash.clone();
    next[next.length - 1]++;
    Name owner = Name.fromString(BASE32HEX.toString(hash), ZONE);
    return new NSEC3Record(
        owner, DClass.IN, 300, NSEC3Record.Digest.SHA1, 0, iterations, null, next, types);
  }
}
