package io.github.dane4j.testkit.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A valid three-certificate chain: a self-signed root CA ({@code CN=Test Root CA}), an intermediate
 * CA ({@code CN=Test Intermediate CA}, path length 0) and a server leaf whose subject is the first
 * DNS name and whose SAN lists all of them. All three use the same key type.
 */
public final class TestChain {
  private final IssuedCertificate root;
  private final IssuedCertificate intermediate;
  private final IssuedCertificate leaf;

  private TestChain(
      IssuedCertificate root, IssuedCertificate intermediate, IssuedCertificate leaf) {
    this.root = root;
    this.intermediate = intermediate;
    this.leaf = leaf;
  }

  /**
   * Generates three keys and certificates.
   *
   * @param keyType key type of all three certificates
   * @param leafDnsNames the leaf's SAN dNSName entries; the first is also its common name
   * @throws IllegalArgumentException if no DNS name is given, or a name is empty or not ASCII
   */
  public static TestChain create(KeyType keyType, String... leafDnsNames) {
    Objects.requireNonNull(keyType, "keyType");
    if (leafDnsNames.length == 0) {
      throw new IllegalArgumentException(
          "No leaf DNS name given; pass at least one, such as \"mx.example.com\"");
    }

    // One validity period for all three certificates: when they were issued a second apart, the
    // leaf could outlive its issuers by that second, and a check at the leaf's last valid second
    // then failed on the expired issuer.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = now.minus(Duration.ofDays(1));
    Instant notAfter = now.plus(Duration.ofDays(365));
    IssuedCertificate root =
        CertificateBuilder.create()
            .subjectCn("Test Root CA")
            .ca(true)
            .keyType(keyType)
            .validity(notBefore, notAfter)
            .build();
    IssuedCertificate intermediate =
        CertificateBuilder.create()
            .subjectCn("Test Intermediate CA")
            .validity(notBefore, notAfter)
            .ca(true)
            .pathLength(0)
            .keyType(keyType)
            .issuer(root)
            .build();
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(leafDnsNames[0])
            .dnsNames(leafDnsNames)
            .validity(notBefore, notAfter)
            .keyType(keyType)
            .issuer(intermediate)
            .build();
    return new TestChain(root, intermediate, leaf);
  }

  /** Returns the self-signed root CA. */
  public IssuedCertificate root() {
    return root;
  }

  /** Returns the intermediate CA, issued by the root. */
  public IssuedCertificate intermediate() {
    return intermediate;
  }

  /** Returns the server certificate, issued by the intermediate. */
  public IssuedCertificate leaf() {
    return leaf;
  }

  /** Returns leaf, intermediate and root, in the order a TLS server sends them. */
  public List<X509Certificate> chain() {
    return List.of(leaf.certificate(), intermediate.certificate(), root.certificate());
  }

  /** Returns leaf and intermediate, the usual chain of a server whose root the client holds. */
  public List<X509Certificate> chainWithoutRoot() {
    return List.of(leaf.certificate(), intermediate.certificate());
  }
}
