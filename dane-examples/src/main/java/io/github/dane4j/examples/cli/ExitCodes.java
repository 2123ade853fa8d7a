package io.github.dane4j.examples.cli;

/**
 * The exit codes of {@code dane-check}, in the convention of monitoring plugins (Nagios, Icinga,
 * Sensu): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
 */
final class ExitCodes {
  /** Everything checked is as it should be. */
  static final int OK = 0;

  /** Mail is delivered, but with less protection than DANE offers, or a change is due soon. */
  static final int WARNING = 1;

  /** Published DANE policy is not honoured, or a server cannot be reached. */
  static final int CRITICAL = 2;

  /** The check could not decide: a DNS lookup failed, or the command line was invalid. */
  static final int UNKNOWN = 3;

  private ExitCodes() {}

  /**
   * Returns the more severe of two exit codes. Severity ranks CRITICAL above UNKNOWN above WARNING
   * above OK, so that one failed lookup never hides a DANE failure elsewhere.
   */
  static int worst(int first, int second) {
    return rank(first) >= rank(second) ? first : second;
  }

  /** Returns the status word that monitoring plugins print for an exit code. */
  static String statusWord(int exitCode) {
    return switch (exitCode) {
      case OK -> "OK";
      case WARNING -> "WARNING";
      case CRITICAL -> "CRITICAL";
      default -> "UNKNOWN";
    };
  }

  private static int rank(int exitCode) {
    return switch (exitCode) {
      case OK -> 0;
      case WARNING -> 1;
      case UNKNOWN -> 2;
      default -> 3;
    };
  }
}
