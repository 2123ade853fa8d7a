package io.github.dane4j.smtp;

/** How many servers a verification contacts. */
public enum RunMode {
  /**
   * Checks every address of every MX host, several at a time, as a monitor does, so that the report
   * covers the whole destination.
   */
  MONITOR("monitor"),
  /**
   * Works like a delivering MTA: tries the MX hosts in order of preference (hosts of equal
   * preference in random order, RFC 5321 section 5.1) and each host's addresses in order, one at a
   * time, and stops at the first address that would accept the mail under the policy (RFC 7672
   * section 2.2).
   */
  DELIVERY("delivery");

  private final String token;

  RunMode(String token) {
    this.token = token;
  }

  /** Returns the token used in reports, such as {@code monitor}. */
  public String token() {
    return token;
  }

  @Override
  public String toString() {
    return token;
  }
}
