package io.github.dane4j.examples.cli;

/**
 * Invalid input that picocli cannot detect by itself, such as an unreadable file or a malformed
 * TLSA record. {@code dane-check} prints the message as one line and exits with {@value
 * ExitCodes#UNKNOWN}, so the message must name the value and say what to do.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
