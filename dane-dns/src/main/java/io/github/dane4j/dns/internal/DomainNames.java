package io.github.dane4j.dns.internal;

import java.util.Locale;
import java.util.Objects;

/** Checks and normalises the domain names that callers pass to a fetcher. */
public final class DomainNames {
  private static final int MAX_LABEL_LENGTH = 63;
  private static final int MAX_NAME_LENGTH = 253;

  private DomainNames() {}

  /**
   * Returns {@code name} in lower case without the trailing dot, after checking that it is an
   * absolute domain name in A-label form (RFC 1035 section 2.3.4 lengths).
   *
   * @param role what the name is, for the error message, such as "MX domain"
   * @throws IllegalArgumentException if the name is empty, has an empty label, a label longer than
   *     63 octets, more than 253 octets in all, whitespace, a backslash or a non-ASCII character
   * @throws NullPointerException if an argument is null
   */
  public static String normalize(String name, String role) {
    Objects.requireNonNull(name, role);
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (bare.isEmpty()) {
      throw invalid(name, role, "the name is empty; the root zone cannot be looked up here");
    }
    if (bare.length() > MAX_NAME_LENGTH) {
      throw invalid(name, role, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    for (int i = 0; i < bare.length(); i++) {
      char c = bare.charAt(i);
      if (c >= 0x80) {
        throw invalid(
            name, role, "convert internationalised names to A-labels first (java.net.IDN.toASCII)");
      }
      if (c <= ' ' || c == 0x7F) {
        throw invalid(name, role, "the name contains whitespace or a control character");
      }
      if (c == '\\') {
        throw invalid(name, role, "backslash escapes are not supported in names");
      }
    }
    int labelStart = 0;
    while (labelStart <= bare.length()) {
      int dot = bare.indexOf('.', labelStart);
      int labelEnd = dot < 0 ? bare.length() : dot;
      int length = labelEnd - labelStart;
      if (length == 0) {
        throw invalid(name, role, "the name has an empty label");
      }
      if (length > MAX_LABEL_LENGTH) {
        throw invalid(name, role, "a label is longer than " + MAX_LABEL_LENGTH + " characters");
      }
      labelStart = labelEnd + 1;
    }
    return bare.toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException invalid(String name, String role, String problem) {
    return new IllegalArgumentException("Invalid " + role + " \"" + name + "\": " + problem);
  }
}
