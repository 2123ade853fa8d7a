package io.github.dane4j.smtp.internal;

import org.jspecify.annotations.Nullable;

/** Syntax checks for host names (RFC 1123 section 2.1) and EHLO address literals. */
public final class HostNames {
  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostNames() {}

  /**
   * Returns {@code name} without one trailing dot, after checking that it is a host name in A-label
   * form and not an IP address.
   *
   * @param what what the name is, for the error message, such as "SNI host name"
   * @throws IllegalArgumentException if the name is not a host name
   */
  public static String requireHostName(String name, String what) {
    String withoutDot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    String problem = hostNameProblem(withoutDot);
    if (problem != null) {
      throw new IllegalArgumentException(
          "Invalid " + what + " \"" + shorten(name) + "\": " + problem);
    }
    return withoutDot;
  }

  /**
   * Returns {@code name} after checking that it is a host name or an address literal in square
   * brackets, as EHLO and HELO take (RFC 5321 section 4.1.3).
   *
   * @throws IllegalArgumentException if the name is neither
   */
  public static String requireEhloName(String name) {
    if (!name.startsWith("[")) {
      return requireHostName(name, "EHLO name");
    }
    try {
      AddressLiterals.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid EHLO name: " + e.getMessage(), e);
    }
    return name;
  }

  private static @Nullable String hostNameProblem(String name) {
    if (name.isEmpty()) {
      return "a host name needs at least one label";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "a host name is at most " + MAX_NAME_LENGTH + " characters long";
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      String problem = labelProblem(label);
      if (problem != null) {
        return problem;
      }
    }
    if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "an IP address is not a host name; SNI and TLSA need a DNS name (RFC 6066 section 3)";
    }
    return null;
  }

  private static @Nullable String labelProblem(String label) {
    if (label.isEmpty()) {
      return "empty label (two dots in a row, or a leading dot)";
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      return "a label is at most " + MAX_LABEL_LENGTH + " characters long";
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return "the label \"" + label + "\" starts or ends with a hyphen";
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean letterDigitHyphen =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!letterDigitHyphen) {
        return "it contains "
            + String.format("U+%04X", (int) c)
            + "; host names contain only ASCII letters, digits and hyphens (convert"
            + " internationalized names with java.net.IDN.toASCII first)";
      }
    }
    return null;
  }

  private static String shorten(String value) {
    return Text.escaped(value);
  }
}
