package io.github.dane4j.core.internal;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Name checks for DANE-TA and PKIX usages (RFC 7672 section 3.2.3, RFC 6125 section 6.4).
 *
 * <p>Names are compared as A-labels, ASCII case-insensitively, with one trailing dot ignored. A
 * presented name in U-label form (with non-ASCII characters) never matches.
 */
public final class HostnameMatcher {
  private static final int DNS_NAME = 2;
  private static final String COMMON_NAME_OID_HEX = "550403"; // 2.5.4.3, RFC 4519
  private static final int UTF8_STRING = 0x0C;
  private static final int PRINTABLE_STRING = 0x13;
  private static final int TELETEX_STRING = 0x14;
  private static final int IA5_STRING = 0x16;
  private static final int BMP_STRING = 0x1E;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostnameMatcher() {}

  /**
   * Converts reference identifiers to the form used for comparison: A-labels (U-labels are
   * converted with {@link IDN#toASCII(String)}), lower case, without a trailing dot. Names that
   * cannot be converted, are empty, have an empty label or contain a {@code *} are left out.
   */
  public static List<String> normalizeReferenceNames(List<String> referenceNames) {
    List<String> normalized = new ArrayList<>();
    for (String name : referenceNames) {
      normalizeReferenceName(name).filter(n -> !normalized.contains(n)).ifPresent(normalized::add);
    }
    return List.copyOf(normalized);
  }

  private static Optional<String> normalizeReferenceName(String name) {
    String withoutDot = stripTrailingDot(name);
    String ascii;
    if (isAscii(withoutDot)) {
      // IDN.toASCII returns an all-ASCII name unchanged and only rejects an empty label or one
      // longer than 63 characters (RFC 3490 ToASCII without UseSTD3ASCIIRules, as in the JDK 17
      // source of java.net.IDN), so its slow path can be skipped.
      if (!hasValidLabelLengths(withoutDot)) {
        return Optional.empty();
      }
      ascii = withoutDot;
    } else {
      try {
        ascii = IDN.toASCII(withoutDot);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (ascii.isEmpty() || !isAscii(ascii) || ascii.contains("*") || hasEmptyLabel(ascii)) {
      return Optional.empty();
    }
    return Optional.of(ascii.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns the names that the certificate presents for matching: its subjectAltName dNSName
   * entries, or, only when it has none, the common names of its subject (RFC 7672 section 3.2.3). A
   * certificate whose subjectAltName extension cannot be parsed presents no names.
   */
  public static List<String> presentedNames(X509Certificate certificate) {
    Collection<List<?>> alternativeNames;
    try {
      alternativeNames = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    List<String> dnsNames = new ArrayList<>();
    if (alternativeNames != null) {
      for (List<?> entry : alternativeNames) {
        if (entry.size() >= 2
            && entry.get(0) instanceof Integer type
            && type == DNS_NAME
            && entry.get(1) instanceof String dnsName) {
          dnsNames.add(dnsName);
        }
      }
    }
    if (!dnsNames.isEmpty()) {
      return List.copyOf(dnsNames);
    }
    return commonNames(certificate.getSubjectX500Principal().getEncoded());
  }

  /**
   * Returns whether any name that {@code certificate} presents matches any of the normalized
   * reference names.
   */
  public static boolean matchesAny(
      X509Certificate certificate, List<String> normalizedReferenceNames, boolean multiLabel) {
    for (String presented : presentedNames(certificate)) {
      for (String reference : normalizedReferenceNames) {
        if (matches(presented, reference, multiLabel)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns whether a presented name matches a normalized reference name.
   *
   * <p>A wildcard is allowed only as the whole left-most label ({@code *.example.com}) of a name
   * with at least two further labels; it stands for exactly one non-empty label, or for one or more
   * labels when {@code multiLabel} is set, and never matches the parent name itself.
   */
  public static boolean matches(String presented, String normalizedReference, boolean multiLabel) {
    if (!isAscii(presented)) {
      return false;
    }
    String name = stripTrailingDot(presented).toLowerCase(Locale.ROOT);
    if (name.isEmpty() || hasEmptyLabel(name)) {
      return false;
    }
    if (!name.contains("*")) {
      return name.equals(normalizedReference);
    }
    if (!name.startsWith("*.")) {
      return false;
    }
    String parent = name.substring(2);
    // "*.com" would cover a whole top-level domain, so a wildcard needs two labels after it.
    if (parent.contains("*") || !parent.contains(".")) {
      return false;
    }
    if (!normalizedReference.endsWith("." + parent)) {
      return false;
    }
    String covered =
        normalizedReference.substring(0, normalizedReference.length() - parent.length() - 1);
    if (covered.isEmpty()) {
      return false;
    }
    return multiLabel || !covered.contains(".");
  }

  /** Reads the common-name attributes of a DER X.501 Name, in order. */
  private static List<String> commonNames(byte[] encodedName) {
    Optional<List<Der.Element>> relativeNames =
        Der.readSingle(encodedName)
            .filter(e -> e.tag() == Der.SEQUENCE)
            .flatMap(Der.Element::children);
    if (relativeNames.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (Der.Element relativeName : relativeNames.get()) {
      if (relativeName.tag() != Der.SET) {
        continue;
      }
      for (Der.Element attribute : relativeName.children().orElse(List.of())) {
        List<Der.Element> typeAndValue = attribute.children().orElse(List.of());
        if (typeAndValue.size() == 2
            && typeAndValue.get(0).tag() == Der.OBJECT_IDENTIFIER
            && Hex.encode(typeAndValue.get(0).content()).equals(COMMON_NAME_OID_HEX)) {
          decodeDirectoryString(typeAndValue.get(1)).ifPresent(names::add);
        }
      }
    }
    return List.copyOf(names);
  }

  private static Optional<String> decodeDirectoryString(Der.Element value) {
    byte[] content = value.content();
    return switch (value.tag()) {
      case UTF8_STRING -> Optional.of(new String(content, StandardCharsets.UTF_8));
      case PRINTABLE_STRING, IA5_STRING ->
          Optional.of(new String(content, StandardCharsets.US_ASCII));
      case TELETEX_STRING -> Optional.of(new String(content, StandardCharsets.ISO_8859_1));
      case BMP_STRING -> Optional.of(new String(content, StandardCharsets.UTF_16BE));
      default -> Optional.empty();
    };
  }

  private static String stripTrailingDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static boolean hasEmptyLabel(String name) {
    return name.startsWith(".") || name.endsWith(".") || name.contains("..");
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether every dot-separated label of {@code name} has 1 to 63 characters. */
  private static boolean hasValidLabelLengths(String name) {
    int labelStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '.') {
        int labelLength = i - labelStart;
        if (labelLength < 1 || labelLength > MAX_LABEL_LENGTH) {
          return false;
        }
        labelStart = i + 1;
      }
    }
    return true;
  }
}
