package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.dns.internal.DomainNames;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Converts between the string names of the fetcher API and dnsjava's {@link Name}. */
final class Names {
  private Names() {}

  /**
   * Returns the absolute dnsjava name for {@code name}.
   *
   * @param role what the name is, for the error message
   * @throws IllegalArgumentException if {@code name} is not a valid domain name in A-label form
   */
  static Name parse(String name, String role) {
    String normalized = DomainNames.normalize(name, role);
    try {
      return Name.fromString(normalized + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + role + " \"" + name + "\": " + e.getMessage(), e);
    }
  }

  /** Returns {@code name} in lower case without the trailing dot; the root is {@code "."}. */
  static String toText(Name name) {
    if (name.equals(Name.root)) {
      return ".";
    }
    return name.toString(true).toLowerCase(Locale.ROOT);
  }
}
