package io.github.dane4j.testkit.dns;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;

/**
 * A zone signing key: the DNSKEY record that a zone publishes and the private key that signs.
 *
 * @param dnskey the public half as a DNSKEY record (flags ZONE and SEP, protocol 3)
 * @param privateKey the private half
 */
record SigningKey(DNSKEYRecord dnskey, PrivateKey privateKey) {

  /** DNSKEY flags of a key that signs everything, including the DNSKEY RRset (RFC 4034 2.1.1). */
  static final int FLAGS = DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY;

  private static final int RSA_KEY_BITS = 2048;

  /**
   * Generates a new key pair with the JDK's providers.
   *
   * @param algorithm a DNSSEC algorithm number that {@link #isSupported(int)} accepts
   */
  static SigningKey generate(Name origin, int algorithm, long ttl) {
    try {
      KeyPair pair = keyPairGenerator(algorithm).generateKeyPair();
      DNSKEYRecord dnskey =
          new DNSKEYRecord(
              origin,
              DClass.IN,
              ttl,
              FLAGS,
              DNSKEYRecord.Protocol.DNSSEC,
              algorithm,
              pair.getPublic());
      return new SigningKey(dnskey, pair.getPrivate());
    } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
      throw new IllegalStateException(
          "Failed to generate a " + DNSSEC.Algorithm.string(algorithm) + " key for " + origin, e);
    }
  }

  /** Returns whether {@link #generate} can make keys of this DNSSEC algorithm number. */
  static boolean isSupported(int algorithm) {
    return algorithm == DNSSEC.Algorithm.RSASHA256
        || algorithm == DNSSEC.Algorithm.RSASHA512
        || algorithm == DNSSEC.Algorithm.ECDSAP256SHA256
        || algorithm == DNSSEC.Algorithm.ECDSAP384SHA384
        || algorithm == DNSSEC.Algorithm.ED25519;
  }

  private static KeyPairGenerator keyPairGenerator(int algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator;
    switch (algorithm) {
      case DNSSEC.Algorithm.RSASHA256, DNSSEC.Algorithm.RSASHA512 -> {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(RSA_KEY_BITS);
      }
      case DNSSEC.Algorithm.ECDSAP256SHA256 -> {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      case DNSSEC.Algorithm.ECDSAP384SHA384 -> {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
      }
      case DNSSEC.Algorithm.ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519");
      default ->
          throw new IllegalArgumentException(
              "Unsupported DNSSEC algorithm " + algorithm + " for key generation");
    }
    return generator;
  }
}
