package io.github.dane4j.smtp;

import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Certificate chains and TLSA association data for the end-to-end tests. */
final class Certificates {
  private Certificates() {}

  /** Returns a new root, intermediate and leaf chain with the leaf's DNS names. */
  static TestChain chain(String... leafDnsNames) {
    return TestChain.create(KeyType.EC_P256, leafDnsNames);
  }

  /** Returns what a server presents: the leaf's key and the whole chain, root included. */
  static IssuedChain served(TestChain chain) {
    return new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chain());
  }

  /** Returns the hex SHA-256 digest of the certificate's public key, for a "3 1 1" record. */
  static String spkiSha256(X509Certificate certificate) {
    return sha256(certificate.getPublicKey().getEncoded());
  }

  /** Returns the hex SHA-256 digest of the whole certificate, for a "2 0 1" record. */
  static String certSha256(X509Certificate certificate) {
    try {
      return sha256(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
