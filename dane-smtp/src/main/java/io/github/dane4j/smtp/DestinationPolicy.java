package io.github.dane4j.smtp;

import java.util.Locale;
import java.util.Set;

/**
 * Which destinations are DANE-mandatory (RFC 7672 section 6).
 *
 * @param domains destination domains and relay hosts in lower case without a trailing dot
 * @param all whether every destination is DANE-mandatory
 */
record DestinationPolicy(Set<String> domains, boolean all) {
  DestinationPolicy {
    domains = Set.copyOf(domains);
  }

  boolean daneRequired(String destination) {
    return all || domains.contains(normalize(destination));
  }

  static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
