package io.github.dane4j.testkit.pki;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * Key algorithms of the test PKI, each with the signature algorithm that a certificate signed by
 * such a key uses.
 */
public enum KeyType {
  /** ECDSA on NIST P-256 (secp256r1); certificates signed with it use SHA256withECDSA. */
  EC_P256("SHA256withECDSA"),
  /** RSA with a 2048-bit modulus; certificates signed with it use SHA256withRSA. */
  RSA_2048("SHA256withRSA"),
  /** EdDSA on Curve25519 (RFC 8410); certificates signed with it use Ed25519. */
  ED25519("Ed25519");

  private final String signatureAlgorithm;

  KeyType(String signatureAlgorithm) {
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /**
   * Generates a new key pair of this type with the JDK's default providers, so the keys work with
   * SunJSSE as they are. Unlike {@link CertificateBuilder}, this never takes RSA keys from the
   * shared pool, so the result is always a key that no other certificate uses.
   *
   * @return a fresh key pair
   * @throws IllegalStateException if the JDK offers no generator for this key type
   */
  public KeyPair generateKeyPair() {
    try {
      return switch (this) {
        case EC_P256 -> {
          KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
          ec.initialize(new ECGenParameterSpec("secp256r1"));
          yield ec.generateKeyPair();
        }
        case RSA_2048 -> {
          KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
          rsa.initialize(2048);
          yield rsa.generateKeyPair();
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot generate a " + this + " key pair", e);
    }
  }

  /** Returns the JCA name of the signature algorithm that a key of this type signs with. */
  String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /**
   * Finds the type of a key from its JCA algorithm name.
   *
   * @throws IllegalArgumentException if the algorithm is not EC, RSA or Ed25519
   */
  static KeyType of(Key key) {
    String algorithm = key.getAlgorithm();
    return switch (algorithm) {
      case "EC", "ECDSA" -> EC_P256;
      case "RSA" -> RSA_2048;
      case "EdDSA", "Ed25519" -> ED25519;
      default ->
          throw new IllegalArgumentException(
              "Unsupported key algorithm "
                  + algorithm
                  + "; use an EC (P-256), RSA or Ed25519 key, for example from"
                  + " KeyType.generateKeyPair()");
    };
  }
}
