package io.github.dane4j.testkit.dns;

import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.utils.base32;

/** NSEC3 settings of a zone (RFC 5155) and the owner-name hashing they define. */
final class Nsec3Parameters {

  /**
   * Highest iteration count accepted; RFC 9276 section 3.2 lets validators reject more than 100.
   */
  static final int MAX_ITERATIONS = 500;

  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

  private final int iterations;
  private final byte[] salt;
  private final boolean optOut;

  /**
   * Checks and stores the settings.
   *
   * @param iterations additional SHA-1 iterations, 0 as RFC 9276 recommends
   * @param salt the salt, empty as RFC 9276 recommends; copied
   * @param optOut whether unsigned delegations are left out of the chain (RFC 5155 section 6)
   */
  Nsec3Parameters(int iterations, byte[] salt, boolean optOut) {
    if (iterations < 0 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "Invalid NSEC3 iteration count " + iterations + ": use 0 to " + MAX_ITERATIONS);
    }
    if (salt.length > 255) {
      throw new IllegalArgumentException(
          "Invalid NSEC3 salt of " + salt.length + " bytes: use at most 255 bytes");
    }
    this.iterations = iterations;
    this.salt = salt.clone();
    this.optOut = optOut;
  }

  int iterations() {
    return iterations;
  }

  byte[] salt() {
    return salt.clone();
  }

  boolean optOut() {
    return optOut;
  }

  /** Returns the NSEC3PARAM record for the zone apex; its flags are always 0 (RFC 5155 4.1.2). */
  NSEC3PARAMRecord toParamRecord(Name origin, long ttl) {
    return new NSEC3PARAMRecord(
        origin, DClass.IN, ttl, NSEC3Record.SHA1_DIGEST_ID, 0, iterations, salt);
  }

  /** Returns the raw hash of {@code name} (RFC 5155 section 5). */
  byte[] hash(Name name) {
    try {
      return toParamRecord(Name.root, 0).hashName(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }

  /** Returns the hash of {@code name} as an upper-case base32hex owner label. */
  String hashLabel(Name name) {
    return encode(hash(name));
  }

  static String encode(byte[] hash) {
    return BASE32HEX.toString(hash).toUpperCase(Locale.ROOT);
  }
}
