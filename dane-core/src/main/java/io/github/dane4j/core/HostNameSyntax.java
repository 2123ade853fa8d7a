package io.github.dane4j.core;

import org.jspecify.annotations.Nullable;

/**
 * Checks the syntax of DNS host names in A-label form (RFC 1123 section 2.1, RFC 5890), as used for
 * TLSA base domains, SNI and reference identifiers.
 */
final class HostNameSyntax {
  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostNameSyntax() {}

  /**
   * Returns {@code name} without one trailing dot, after checking that it is a host name.
   *
   * @param role the role of the name, for the error message, such as "TLSA base domain"
   * @throws IllegalArgumentException if the name is not a host name in A-label form
   */
  static String requireHostName(String name, String role) {
    String withoutDot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    String problem = problem(withoutDot);
    if (problem != null) {
      throw new IllegalArgumentException(
          "Invalid " + role + " \"" + shorten(name) + "\": " + problem);
    }
    return withoutDot;
  }

  private static @Nullable String problem(String name) {
    if (name.isEmpty()) {
      return "a host name needs at least one label";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "a host name is at most " + MAX_NAME_LENGTH + " characters long";
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) > 0x7F) {
        return "internationalized names must be given as A-labels; convert them with"
            + " java.net.IDN.toASCII first";
      }
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      String labelProblem = labelProblem(label);
      if (labelProblem != null) {
        return labelProblem;
      }
    }
    if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "an IP address is not a host name; DANE and SNI need a DNS name (RFC 6066 section 3)";
    }
    return null;
  }

  private static @Nullable String labelProblem(String label) {
    if (label.isEmpty()) {
      return "empty label (two dots in a row, or a leading dot)";
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      return "the label \"" + shorten(label) + "\" is longer than " + MAX_LABEL_LENGTH + " octets";
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return "the label \"" + label + "\" starts or ends with a hyphen";
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean letterDigitHyphen =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!letterDigitHyphen) {
        String character = c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
        return "the label \""
            + label
            + "\" contains "
            + character
            + "; host names contain only letters, digits and hyphens";
      }
    }
    return null;
  }

  private static String shorten(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}
