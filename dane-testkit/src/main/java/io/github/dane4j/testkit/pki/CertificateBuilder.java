package io.github.dane4j.testkit.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;

/**
 * Builds one X.509 v3 certificate for tests, correct by default and deliberately broken on request.
 *
 * <p>Defaults: a self-signed end-entity certificate with a new EC P-256 key, a random positive
 * 64-bit serial number, valid from one day ago for 365 days, and extended key usage serverAuth. The
 * subject defaults to the empty name when the certificate has an issuer and at least one SAN entry,
 * and to {@code CN=Test Certificate} otherwise, because the JDK's certificate parser rejects an
 * empty issuer name (a self-signed certificate's issuer is its subject) and an empty subject
 * without SAN. With an empty subject the SAN extension is marked critical (RFC 5280 section
 * 4.2.1.6).
 *
 * <p>Every certificate carries subject and authority key identifiers (RFC 5280 sections 4.2.1.1 and
 * 4.2.1.2, key identifier method 1), basic constraints and key usage: {@code keyCertSign} and
 * {@code cRLSign} for a CA, {@code digitalSignature} (plus {@code keyEncipherment} for RSA keys)
 * for an end entity.
 *
 * <p>The signature algorithm follows the signing key: SHA256withECDSA, SHA256withRSA or Ed25519.
 * Signing runs in a private Bouncy Castle provider instance, which is never registered with {@link
 * java.security.Security}. The result is converted to a JDK {@link X509Certificate} so that JSSE
 * and {@link java.security.cert.CertPathValidator} treat it like any parsed certificate.
 *
 * <p>Ways to break a certificate: {@link #expired()}, {@link #notYetValid()}, {@link
 * #issuerDnOverride(String)} (wrong issuer name), {@link #signingKeyOverride(KeyPair)} (bad
 * signature), {@link #keyPair(KeyPair)} (the same key in a second certificate), a CA with {@code
 * pathLength(0)} as the {@link #issuer(IssuedCertificate)} of another CA (path length violated),
 * and free choice of the SAN entries and the subject (wrong name, CN only, wildcard).
 *
 * <p>Key generation: RSA-2048 keys come from a per-JVM pool of 8 key pairs handed out in turn, so
 * any 8 consecutive RSA certificates built without {@link #keyPair(KeyPair)} have distinct keys,
 * but a test that builds more may see a key again. Pass {@code
 * keyPair(KeyType.RSA_2048.generateKeyPair())} when a key must be new. EC and Ed25519 keys are
 * generated anew for each certificate.
 *
 * <p>Instances are mutable and not thread-safe. Each setter replaces the earlier value, except the
 * SAN methods, which add entries in call order.
 */
public final class CertificateBuilder {
  private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration DEFAULT_BACKDATING = Duration.ofDays(1);
  private static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);
  private static final X500Name EMPTY_NAME = new X500NameBuilder(BCStyle.INSTANCE).build();
  private static final X500Name FALLBACK_SUBJECT =
      new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Test Certificate").build();

  private @Nullable X500Name subject;
  private final List<GeneralName> subjectAltNames = new ArrayList<>();
  private final List<GeneralSubtree> permittedSubtrees = new ArrayList<>();
  private boolean ca;
  private @Nullable Integer pathLength;
  private @Nullable Instant notBefore;
  private @Nullable Instant notAfter;
  private KeyType keyType = KeyType.EC_P256;
  private @Nullable KeyPair keyPair;
  private @Nullable IssuedCertificate issuer;
  private @Nullable X500Name issuerDnOverride;
  private @Nullable KeyPair signingKeyOverride;
  private @Nullable Boolean serverAuth;
  private @Nullable BigInteger serial;

  private CertificateBuilder() {}

  /** Starts a builder with the defaults described in the class documentation. */
  public static CertificateBuilder create() {
    return new CertificateBuilder();
  }

  /**
   * Sets the subject to a single common name, {@code CN=cn}, encoded as a UTF8String.
   *
   * @throws IllegalArgumentException if {@code cn} is empty
   */
  public CertificateBuilder subjectCn(String cn) {
    Objects.requireNonNull(cn, "cn");
    if (cn.isEmpty()) {
      throw new IllegalArgumentException(
          "Common name is empty; call subjectDn(\"\") for an empty subject name");
    }
    this.subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    return this;
  }

  /**
   * Sets the subject from an RFC 4514 string such as {@code CN=mx.example.com,O=Example}, parsed by
   * {@link X500Principal}. The empty string sets an empty subject, which {@link #build()} accepts
   * only for a certificate with an issuer and a SAN entry.
   *
   * @throws IllegalArgumentException if the string is not a valid RFC 4514 name
   */
  public CertificateBuilder subjectDn(String rfc4514Dn) {
    this.subject = parseDn(rfc4514Dn, "subject");
    return this;
  }

  /**
   * Adds SAN dNSName entries, written as given: wildcards such as {@code *.example.com}, upper case
   * and trailing dots are kept.
   *
   * @throws IllegalArgumentException if a name is empty or contains a non-ASCII character
   */
  public CertificateBuilder dnsNames(String... names) {
    for (String name : names) {
      subjectAltNames.add(new GeneralName(GeneralName.dNSName, requireAscii(name, "DNS name")));
    }
    return this;
  }

  /**
   * Adds SAN iPAddress entries.
   *
   * @param ips IPv4 or IPv6 addresses in text form, without a prefix length
   * @throws IllegalArgumentException if a value is not an IPv4 or IPv6 address
   */
  public CertificateBuilder ipAddresses(String... ips) {
    for (String ip : ips) {
      Objects.requireNonNull(ip, "ip");
      if (!IPAddress.isValid(ip)) {
        throw new IllegalArgumentException(
            "Invalid IP address '" + ip + "'; expected an IPv4 or IPv6 address such as 192.0.2.1");
      }
      subjectAltNames.add(new GeneralName(GeneralName.iPAddress, ip));
    }
    return this;
  }

  /**
   * Adds SAN rfc822Name entries.
   *
   * @throws IllegalArgumentException if an address is empty or contains a non-ASCII character
   */
  public CertificateBuilder emailAddresses(String... emails) {
    for (String email : emails) {
      subjectAltNames.add(
          new GeneralName(GeneralName.rfc822Name, requireAscii(email, "email address")));
    }
    return this;
  }

  /**
   * Makes the certificate a CA certificate (basic constraints {@code cA} true, key usage {@code
   * keyCertSign} and {@code cRLSign}) or an end-entity certificate (the default).
   */
  public CertificateBuilder ca(boolean ca) {
    this.ca = ca;
    return this;
  }

  /**
   * Sets the basic constraints {@code pathLenConstraint}: how many intermediate CA certificates may
   * follow this one in a path (RFC 5280 section 4.2.1.9). Only valid together with {@code
   * ca(true)}.
   *
   * @throws IllegalArgumentException if {@code pathLen} is negative
   */
  public CertificateBuilder pathLength(int pathLen) {
    if (pathLen < 0) {
      throw new IllegalArgumentException("Path length must be 0 or more, got " + pathLen);
    }
    this.pathLength = pathLen;
    return this;
  }

  /**
   * Adds a critical name constraints extension that permits the given DNS subtrees (RFC 5280
   * section 4.2.1.10). A subtree {@code example.com} permits that name and every name below it.
   *
   * @throws IllegalArgumentException if a domain is empty or contains a non-ASCII character
   */
  public CertificateBuilder permittedDnsSubtrees(String... domains) {
    for (String domain : domains) {
      GeneralName name = new GeneralName(GeneralName.dNSName, requireAscii(domain, "DNS subtree"));
      permittedSubtrees.add(new GeneralSubtree(name));
    }
    return this;
  }

  /**
   * Sets the validity period. X.509 stores whole seconds, so fractions are cut off.
   *
   * @throws IllegalArgumentException if {@code notAfter} is before {@code notBefore}
   */
  public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException(
          "notAfter " + notAfter + " is before notBefore " + notBefore + "; swap the two values");
    }
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    return this;
  }

  /** Makes the certificate valid from three years ago until two years ago. */
  public CertificateBuilder expired() {
    Instant now = Instant.now();
    return validity(now.minus(Duration.ofDays(3 * 365)), now.minus(Duration.ofDays(2 * 365)));
  }

  /** Makes the certificate valid from one year from now until two years from now. */
  public CertificateBuilder notYetValid() {
    Instant now = Instant.now();
    return validity(now.plus(Duration.ofDays(365)), now.plus(Duration.ofDays(2 * 365)));
  }

  /**
   * Sets the type of the key to generate for the subject (default {@link KeyType#EC_P256}). A key
   * set with {@link #keyPair(KeyPair)} takes precedence.
   */
  public CertificateBuilder keyType(KeyType t) {
    this.keyType = Objects.requireNonNull(t, "t");
    return this;
  }

  /**
   * Uses this key pair for the subject instead of generating one, for example the key of an earlier
   * certificate to re-issue it with the same key.
   *
   * @throws IllegalArgumentException if the key is not an EC, RSA or Ed25519 key
   */
  public CertificateBuilder keyPair(KeyPair kp) {
    Objects.requireNonNull(kp, "kp");
    KeyType.of(kp.getPublic());
    this.keyPair = kp;
    return this;
  }

  /**
   * Has the certificate issued by {@code issuer}: its subject becomes the issuer name, its key
   * identifier the authority key identifier, and its private key signs. The default is a
   * self-signed certificate. The issuer is not checked, so an end-entity certificate or a CA with
   * an exhausted path length may issue.
   */
  public CertificateBuilder issuer(IssuedCertificate issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    return this;
  }

  /**
   * Writes this RFC 4514 name as the issuer name instead of the issuer's subject, which breaks name
   * chaining (RFC 5280 section 6.1.3). The authority key identifier and the signature still come
   * from the real issuer.
   *
   * @throws IllegalArgumentException if the string is not a valid RFC 4514 name
   */
  public CertificateBuilder issuerDnOverride(String dn) {
    this.issuerDnOverride = parseDn(dn, "issuer");
    return this;
  }

  /**
   * Signs with this key instead of the issuer's, so the signature does not verify with the issuer's
   * public key. Issuer name and authority key identifier stay those of the issuer.
   *
   * @throws IllegalArgumentException if the key is not an EC, RSA or Ed25519 key
   */
  public CertificateBuilder signingKeyOverride(KeyPair wrongKey) {
    Objects.requireNonNull(wrongKey, "wrongKey");
    KeyType.of(wrongKey.getPrivate());
    this.signingKeyOverride = wrongKey;
    return this;
  }

  /**
   * Adds (true) or leaves out (false) the extended key usage extension with {@code
   * id-kp-serverAuth}. The default is true for end-entity and false for CA certificates.
   */
  public CertificateBuilder serverAuth(boolean eku) {
    this.serverAuth = eku;
    return this;
  }

  /**
   * Sets the serial number instead of a random one.
   *
   * @throws IllegalArgumentException if {@code serial} is not positive or longer than 20 octets
   *     (RFC 5280 section 4.1.2.2)
   */
  public CertificateBuilder serial(BigInteger serial) {
    Objects.requireNonNull(serial, "serial");
    if (serial.signum() <= 0 || serial.toByteArray().length > 20) {
      throw new IllegalArgumentException(
          "Serial number " + serial + " is invalid; use a positive number of at most 20 octets");
    }
    this.serial = serial;
    return this;
  }

  /**
   * Generates the key pair if none was set, then builds and signs the certificate.
   *
   * @return the certificate with its subject's key pair
   * @throws IllegalStateException if {@code pathLength} was set without {@code ca(true)}, if the
   *     JDK rejects the result (such as an explicitly empty subject on a self-signed certificate),
   *     or if signing fails
   */
  public IssuedCertificate build() {
    if (pathLength != null && !ca) {
      throw new IllegalStateException(
          "pathLength(" + pathLength + ") needs ca(true); a path length only applies to CAs");
    }

    KeyPair subjectKeys = keyPair != null ? keyPair : newKeyPair(keyType);
    PublicKey issuerPublicKey =
        issuer != null ? issuer.keyPair().getPublic() : subjectKeys.getPublic();
    PrivateKey signingKey =
        signingKeyOverride != null
            ? signingKeyOverride.getPrivate()
            : issuer != null ? issuer.keyPair().getPrivate() : subjectKeys.getPrivate();
    X500Name subjectName = subject != null ? subject : defaultSubject();
    X500Name issuerName;
    if (issuerDnOverride != null) {
      issuerName = issuerDnOverride;
    } else if (issuer != null) {
      // Copy the encoded name so that the issuer field matches the issuer's subject byte for byte.
      issuerName =
          X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    } else {
      issuerName = subjectName;
    }

    Instant now = Instant.now();
    Instant start = notBefore != null ? notBefore : now.minus(DEFAULT_BACKDATING);
    Instant end = notAfter != null ? notAfter : now.plus(DEFAULT_LIFETIME);
    BigInteger serialNumber = serial != null ? serial : new BigInteger(64, RANDOM).setBit(63);

    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              serialNumber,
              Date.from(start),
              Date.from(end),
              subjectName,
              subjectKeys.getPublic());
      addExtensions(builder, subjectName, subjectKeys.getPublic(), issuerPublicKey);
      ContentSigner signer =
          new JcaContentSignerBuilder(KeyType.of(signingKey).signatureAlgorithm())
              .setProvider(BOUNCY_CASTLE)
              .build(signingKey);
      X509CertificateHolder holder = builder.build(signer);
      return new IssuedCertificate(toJdkCertificate(holder.getEncoded()), subjectKeys);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Building the certificate failed: " + e.getMessage(), e);
    }
  }

  private void addExtensions(
      X509v3CertificateBuilder builder,
      X500Name subjectName,
      PublicKey subjectKey,
      PublicKey issuerKey)
      throws GeneralSecurityException, IOException {
    JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        extensionUtils.createSubjectKeyIdentifier(subjectKey));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        extensionUtils.createAuthorityKeyIdentifier(issuerKey));

    BasicConstraints basicConstraints =
        !ca
            ? new BasicConstraints(false)
            : pathLength != null ? new BasicConstraints(pathLength) : new BasicConstraints(true);
    builder.addExtension(Extension.basicConstraints, true, basicConstraints);

    int keyUsage;
    if (ca) {
      keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
    } else if (KeyType.of(subjectKey) == KeyType.RSA_2048) {
      keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    } else {
      keyUsage = KeyUsage.digitalSignature;
    }
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));

    if (!subjectAltNames.isEmpty()) {
      // RFC 5280 section 4.2.1.6: with an empty subject the SAN extension MUST be critical.
      boolean critical = subjectName.getRDNs().length == 0;
      builder.addExtension(
          Extension.subjectAlternativeName,
          critical,
          new GeneralNames(subjectAltNames.toArray(new GeneralName[0])));
    }

    boolean addServerAuth = serverAuth != null ? serverAuth : !ca;
    if (addServerAuth) {
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    }

    if (!permittedSubtrees.isEmpty()) {
      // RFC 5280 section 4.2.1.10: conforming CAs MUST mark name constraints critical.
      builder.addExtension(
          Extension.nameConstraints,
          true,
          new NameConstraints(permittedSubtrees.toArray(new GeneralSubtree[0]), null));
    }
  }

  /**
   * Returns the empty name where the JDK accepts it. Its certificate parser rejects an empty issuer
   * name, which a self-signed certificate copies from its subject, and an empty subject without a
   * SAN extension (RFC 5280 section 4.1.2.6).
   */
  private X500Name defaultSubject() {
    return issuer != null && !subjectAltNames.isEmpty() ? EMPTY_NAME : FALLBACK_SUBJECT;
  }

  private static KeyPair newKeyPair(KeyType type) {
    return type == KeyType.RSA_2048 ? RsaKeyPool.take() : type.generateKeyPair();
  }

  private static X509Certificate toJdkCertificate(byte[] der) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
  }

  private static X500Name parseDn(String dn, String role) {
    Objects.requireNonNull(dn, role);
    X500Principal principal;
    try {
      principal = new X500Principal(dn);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + role + " name '" + dn + "'; expected RFC 4514 form such as CN=a,O=b", e);
    }
    return X500Name.getInstance(principal.getEncoded());
  }

  private static String requireAscii(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
      throw new IllegalArgumentException(
          "Invalid "
              + what
              + " '"
              + value
              + "'; it must be non-empty ASCII (write internationalized names as A-labels)");
    }
    return value;
  }
}
