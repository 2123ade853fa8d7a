package io.github.dane4j.core.internal;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Looks for an extension in a certificate's DER encoding (RFC 5280 section 4.1).
 *
 * <p>On JDK 17.0.15, {@link X509Certificate#getExtensionValue} of the JDK's certificate class
 * throws and catches exceptions when an extension of a type that the JDK parses, such as
 * nameConstraints, is absent. Filling in their stack traces took about a tenth of the samples of a
 * DANE-TA check in a JMH profile. Reading the encoding first avoids that call for absent
 * extensions.
 */
final class ExtensionLookup {
  /** The content octets of the basicConstraints OID 2.5.29.19. */
  static final byte[] BASIC_CONSTRAINTS = {0x55, 0x1D, 0x13};

  /** The content octets of the keyUsage OID 2.5.29.15. */
  static final byte[] KEY_USAGE = {0x55, 0x1D, 0x0F};

  /** The content octets of the nameConstraints OID 2.5.29.30. */
  static final byte[] NAME_CONSTRAINTS = {0x55, 0x1D, 0x1E};

  private static final int EXTENSIONS_TAG = 0xA3;

  private ExtensionLookup() {}

  /**
   * Returns false only when the TBSCertificate is well-formed DER and has no extension with this
   * OID. Malformed or unreadable encodings return true, so that the caller reads the extension from
   * the certificate.
   *
   * @param oid the content octets of the extension's OBJECT IDENTIFIER
   */
  static boolean mayContain(X509Certificate certificate, byte[] oid) {
    byte[] tbs;
    try {
      tbs = certificate.getTBSCertificate();
    } catch (CertificateEncodingException e) {
      return true;
    }
    if (tbs.length == 0
        || (tbs[0] & 0xFF) != Der.SEQUENCE
        || Der.end(tbs, 0, tbs.length) != tbs.length) {
      return true;
    }
    int position = Der.contentStart(tbs, 0);
    while (position < tbs.length) {
      int fieldEnd = Der.end(tbs, position, tbs.length);
      if (fieldEnd < 0) {
        return true;
      }
      if ((tbs[position] & 0xFF) == EXTENSIONS_TAG) {
        return extensionsMayContain(tbs, position, fieldEnd, oid);
      }
      position = fieldEnd;
    }
    return false;
  }

  /** Searches the [3] field: EXPLICIT SEQUENCE OF Extension { extnID, critical, extnValue }. */
  private static boolean extensionsMayContain(byte[] tbs, int field, int fieldEnd, byte[] oid) {
    int sequence = Der.contentStart(tbs, field);
    if (sequence >= fieldEnd
        || (tbs[sequence] & 0xFF) != Der.SEQUENCE
        || Der.end(tbs, sequence, fieldEnd) != fieldEnd) {
      return true;
    }
    int position = Der.contentStart(tbs, sequence);
    while (position < fieldEnd) {
      int extensionEnd = Der.end(tbs, position, fieldEnd);
      if (extensionEnd < 0 || (tbs[position] & 0xFF) != Der.SEQUENCE) {
        return true;
      }
      int id = Der.contentStart(tbs, position);
      int idEnd = Der.end(tbs, id, extensionEnd);
      if (idEnd < 0 || (tbs[id] & 0xFF) != Der.OBJECT_IDENTIFIER) {
        return true;
      }
      if (Arrays.equals(tbs, Der.contentStart(tbs, id), idEnd, oid, 0, oid.length)) {
        return true;
      }
      position = extensionEnd;
    }
    return false;
  }
}
