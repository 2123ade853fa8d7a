package io.github.dane4j.core.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * An {@link X509Certificate} built directly from its DER encoding, for certificates that the JDK's
 * certificate factory rejects but that a DANE-EE(3) record can still match.
 *
 * <p>JDK 17 refuses a certificate whose issuer DN is empty ({@code CertificateParsingException:
 * Empty issuer DN not allowed in X509Certificates}). OpenSSL accepts such certificates, and its
 * DANE test vectors use one as a DANE-EE(3) leaf. DANE-EE(3) matching needs only the DER encoding
 * and the SubjectPublicKeyInfo (RFC 7672 section 3.1.1), so {@code dane-check chain} and the
 * OpenSSL conformance test load such a leaf with this class. It decodes only the encoding, the
 * public key, the validity dates and the names. It supports only certificates without extensions,
 * and the methods that would need more parsing throw {@link UnsupportedOperationException}, which
 * the verifier never calls for a DANE-EE(3) match.
 */
@SuppressWarnings("JavaUtilDate") // X509Certificate's API returns and accepts java.util.Date
public final class RawX509Certificate extends X509Certificate {
  private static final long serialVersionUID = 1L;

  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int UTC_TIME = 0x17;
  private static final int VERSION_TAG = 0xA0;
  private static final int EXTENSIONS_TAG = 0xA3;
  private static final String EC_PUBLIC_KEY_OID = "1.2.840.10045.2.1";
  private static final String RSA_ENCRYPTION_OID = "1.2.840.113549.1.1.1";

  private final byte[] encoded;
  private final byte[] tbsCertificate;
  private final int version;
  private final BigInteger serialNumber;
  private final X500Principal issuer;
  private final Date notBefore;
  private final Date notAfter;
  private final X500Principal subject;
  private final PublicKey publicKey;

  private RawX509Certificate(byte[] encoded) throws GeneralSecurityException {
    this.encoded = encoded.clone();
    Element certificate = Element.read(encoded, 0);
    Element tbs = certificate.children().get(0);
    this.tbsCertificate = Arrays.copyOfRange(encoded, tbs.start(), tbs.end());

    List<Element> fields = tbs.children();
    int next = 0;
    if (fields.get(0).tag() == VERSION_TAG) {
      this.version = fields.get(0).children().get(0).integer().intValueExact() + 1;
      next = 1;
    } else {
      this.version = 1;
    }
    this.serialNumber = fields.get(next).expect(INTEGER).integer();
    this.issuer = new X500Principal(fields.get(next + 2).expect(SEQUENCE).encoding());
    List<Element> validity = fields.get(next + 3).expect(SEQUENCE).children();
    this.notBefore = validity.get(0).time();
    this.notAfter = validity.get(1).time();
    this.subject = new X500Principal(fields.get(next + 4).expect(SEQUENCE).encoding());
    Element subjectPublicKeyInfo = fields.get(next + 5).expect(SEQUENCE);
    this.publicKey = decodePublicKey(subjectPublicKeyInfo);
    for (Element field : fields.subList(next + 6, fields.size())) {
      if (field.tag() == EXTENSIONS_TAG) {
        throw new GeneralSecurityException(
            "only certificates without extensions can be loaded without the JDK's parser");
      }
    }
  }

  /**
   * Decodes a DER certificate.
   *
   * @throws GeneralSecurityException if the encoding is malformed, has bytes after the certificate,
   *     has extensions, or carries a key other than EC or RSA
   */
  public static RawX509Certificate fromDer(byte[] der) throws GeneralSecurityException {
    try {
      if (Element.read(der, 0).end() != der.length) {
        throw new GeneralSecurityException("bytes follow the DER certificate");
      }
      return new RawX509Certificate(der);
    } catch (IndexOutOfBoundsException
        | ArithmeticException
        | IllegalArgumentException
        | DateTimeException e) {
      // X500Principal rejects a malformed name with IllegalArgumentException, and the date parser
      // throws DateTimeException subclasses.
      throw new GeneralSecurityException("malformed DER certificate: " + e.getMessage(), e);
    }
  }

  private static PublicKey decodePublicKey(Element subjectPublicKeyInfo)
      throws GeneralSecurityException {
    Element algorithm = subjectPublicKeyInfo.children().get(0).children().get(0);
    String keyAlgorithm =
        switch (algorithm.objectIdentifier()) {
          case EC_PUBLIC_KEY_OID -> "EC";
          case RSA_ENCRYPTION_OID -> "RSA";
          default ->
              throw new GeneralSecurityException(
                  "unsupported public key algorithm " + algorithm.objectIdentifier());
        };
    return KeyFactory.getInstance(keyAlgorithm)
        .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo.encoding()));
  }

  @Override
  public byte[] getEncoded() {
    return encoded.clone();
  }

  @Override
  public PublicKey getPublicKey() {
    return publicKey;
  }

  @Override
  public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
    checkValidity(new Date());
  }

  @Override
  public void checkValidity(Date date)
      throws CertificateExpiredException, CertificateNotYetValidException {
    if (date.before(notBefore)) {
      throw new CertificateNotYetValidException("Certificate not valid before " + notBefore);
    }
    if (date.after(notAfter)) {
      throw new CertificateExpiredException("Certificate expired on " + notAfter);
    }
  }

  @Override
  public int getVersion() {
    return version;
  }

  @Override
  public BigInteger getSerialNumber() {
    return serialNumber;
  }

  @Override
  @Deprecated
  public X500Principal getIssuerDN() {
    return issuer;
  }

  @Override
  public X500Principal getIssuerX500Principal() {
    return issuer;
  }

  @Override
  @Deprecated
  public X500Principal getSubjectDN() {
    return subject;
  }

  @Override
  public X500Principal getSubjectX500Principal() {
    return subject;
  }

  @Override
  public Date getNotBefore() {
    return (Date) notBefore.clone();
  }

  @Override
  public Date getNotAfter() {
    return (Date) notAfter.clone();
  }

  @Override
  public byte[] getTBSCertificate() {
    return tbsCertificate.clone();
  }

  @Override
  public boolean hasUnsupportedCriticalExtension() {
    return false;
  }

  @Override
  public Set<String> getCriticalExtensionOIDs() {
    return Set.of();
  }

  @Override
  public Set<String> getNonCriticalExtensionOIDs() {
    return Set.of();
  }

  @Override
  public byte @Nullable [] getExtensionValue(String oid) {
    return null;
  }

  @Override
  public boolean @Nullable [] getKeyUsage() {
    return null;
  }

  @Override
  public @Nullable List<String> getExtendedKeyUsage() {
    return null;
  }

  @Override
  public int getBasicConstraints() {
    return -1;
  }

  @Override
  public @Nullable Collection<List<?>> getSubjectAlternativeNames() {
    return null;
  }

  @Override
  public @Nullable Collection<List<?>> getIssuerAlternativeNames() {
    return null;
  }

  @Override
  public boolean @Nullable [] getIssuerUniqueID() {
    return null;
  }

  @Override
  public boolean @Nullable [] getSubjectUniqueID() {
    return null;
  }

  @Override
  public byte[] getSignature() {
    throw unsupported("getSignature");
  }

  @Override
  public String getSigAlgName() {
    throw unsupported("getSigAlgName");
  }

  @Override
  public String getSigAlgOID() {
    throw unsupported("getSigAlgOID");
  }

  @Override
  public byte @Nullable [] getSigAlgParams() {
    throw unsupported("getSigAlgParams");
  }

  @Override
  public void verify(PublicKey key) {
    throw unsupported("verify");
  }

  @Override
  public void verify(PublicKey key, String sigProvider) {
    throw unsupported("verify");
  }

  @Override
  public String toString() {
    return "RawX509Certificate[subject=\""
        + subject.getName()
        + "\", issuer=\""
        + issuer.getName()
        + "\", serial="
        + serialNumber
        + ", notBefore="
        + notBefore.toInstant()
        + ", notAfter="
        + notAfter.toInstant()
        + "]";
  }

  private static UnsupportedOperationException unsupported(String method) {
    return new UnsupportedOperationException(
        method
            + " is not implemented for a certificate that the JDK cannot parse; only DANE-EE(3)"
            + " records can match it");
  }

  /** One DER element: its tag and the positions of its encoding and content in the buffer. */
  private static final class Element {
    private final byte[] buffer;
    private final int tag;
    private final int start;
    private final int contentStart;
    private final int end;

    private Element(byte[] buffer, int tag, int start, int contentStart, int end) {
      this.buffer = buffer;
      this.tag = tag;
      this.start = start;
      this.contentStart = contentStart;
      this.end = end;
    }

    int tag() {
      return tag;
    }

    int start() {
      return start;
    }

    int end() {
      return end;
    }

    static Element read(byte[] buffer, int offset) {
      int tag = buffer[offset] & 0xFF;
      int length = buffer[offset + 1] & 0xFF;
      int position = offset + 2;
      if (length > 0x7F) {
        int lengthBytes = length & 0x7F;
        // Three length bytes cover 16 MiB, far more than any certificate.
        if (lengthBytes == 0 || lengthBytes > 3) {
          throw new IndexOutOfBoundsException(
              "unsupported DER length encoding at offset " + offset);
        }
        length = 0;
        for (int i = 0; i < lengthBytes; i++) {
          length = (length << 8) | (buffer[position++] & 0xFF);
        }
      }
      if (position + length > buffer.length) {
        throw new IndexOutOfBoundsException("DER length runs past the end of the data");
      }
      return new Element(buffer, tag, offset, position, position + length);
    }

    List<Element> children() {
      List<Element> children = new ArrayList<>();
      int position = contentStart;
      while (position < end) {
        Element child = read(buffer, position);
        children.add(child);
        position = child.end();
      }
      return children;
    }

    Element expect(int expectedTag) {
      if (tag != expectedTag) {
        throw new IndexOutOfBoundsException(
            "unexpected DER tag 0x" + Integer.toHexString(tag) + " at offset " + start);
      }
      return this;
    }

    byte[] encoding() {
      return Arrays.copyOfRange(buffer, start, end);
    }

    BigInteger integer() {
      return new BigInteger(Arrays.copyOfRange(buffer, contentStart, end));
    }

    String objectIdentifier() {
      StringBuilder text = new StringBuilder();
      long value = 0;
      for (int i = contentStart; i < end; i++) {
        value = (value << 7) | (buffer[i] & 0x7F);
        if ((buffer[i] & 0x80) == 0) {
          if (text.length() == 0) {
            long first = Math.min(value / 40, 2);
            text.append(first).append('.').append(value - first * 40);
          } else {
            text.append('.').append(value);
          }
          value = 0;
        }
      }
      return text.toString();
    }

    Date time() {
      String text = new String(buffer, contentStart, end - contentStart, US_ASCII);
      // RFC 5280 section 4.1.2.5: UTCTime years 50 to 99 are 19xx, 00 to 49 are 20xx.
      if (tag == UTC_TIME) {
        text = (Integer.parseInt(text.substring(0, 2)) >= 50 ? "19" : "20") + text;
      }
      LocalDateTime time =
          LocalDateTime.parse(text, DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'"));
      return Date.from(time.toInstant(ZoneOffset.UTC));
    }
  }
}
