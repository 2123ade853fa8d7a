package io.github.dane4j.smtp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Writes SMTP commands. Every command of the connector goes through {@link #send}, which rejects
 * arguments that could smuggle a second command into the line: CR, LF, NUL and every other control
 * character, and anything outside ASCII.
 */
public final class CommandWriter {
  /** The maximum command line length, including CRLF (RFC 5321 section 4.5.3.1.4). */
  public static final int MAX_COMMAND_LINE_LENGTH = 512;

  private final OutputStream out;
  private final Transcript transcript;
  private final boolean tls;

  /**
   * Creates a writer.
   *
   * @param tls whether {@code out} is inside TLS, for the transcript
   */
  public CommandWriter(OutputStream out, Transcript transcript, boolean tls) {
    this.out = out;
    this.transcript = transcript;
    this.tls = tls;
  }

  /**
   * Sends a command without an argument, such as STARTTLS or QUIT, and flushes.
   *
   * @throws IllegalArgumentException if the command needs an argument
   * @throws IOException if writing fails
   */
  public void send(SmtpCommand command) throws IOException {
    send(command, null);
  }

  /**
   * Sends a command with its argument, such as {@code EHLO mx.example.org}, and flushes.
   *
   * @throws IllegalArgumentException if the argument is missing, present for a command that takes
   *     none, contains a forbidden character, or makes the line longer than 512 bytes
   * @throws IOException if writing fails
   */
  public void send(SmtpCommand command, @Nullable String argument) throws IOException {
    byte[] line = encode(command, argument);
    transcript.addCommand(new String(line, 0, line.length - 2, StandardCharsets.US_ASCII), tls);
    out.write(line);
    out.flush();
  }

  /**
   * Returns the bytes of a command line, CRLF included.
   *
   * @throws IllegalArgumentException as {@link #send(SmtpCommand, String)}
   */
  public static byte[] encode(SmtpCommand command, @Nullable String argument) {
    if (command.takesArgument() && argument == null) {
      throw new IllegalArgumentException(command + " needs an argument");
    }
    if (!command.takesArgument() && argument != null) {
      throw new IllegalArgumentException(command + " takes no argument");
    }
    String line =
        argument == null ? command.name() : command.name() + " " + checkArgument(argument);
    if (line.length() + 2 > MAX_COMMAND_LINE_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid "
              + command
              + " argument: the command line would be "
              + (line.length() + 2)
              + " bytes, more than the "
              + MAX_COMMAND_LINE_LENGTH
              + " that RFC 5321 section 4.5.3.1.4 allows");
    }
    return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Returns {@code argument} after checking that it is not empty and holds only printable ASCII
   * characters and spaces.
   *
   * @throws IllegalArgumentException if the argument is empty or contains CR, LF, NUL, another
   *     control character, or a character outside ASCII; the message names the character and its
   *     position
   */
  public static String checkArgument(String argument) {
    if (argument.isEmpty()) {
      throw new IllegalArgumentException("Invalid SMTP command argument: it is empty");
    }
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(
            "Invalid SMTP command argument \""
                + Text.shorten(Text.printable(argument), 80)
                + "\": "
                + describe(c)
                + " at index "
                + i
                + "; arguments may hold only printable ASCII characters and spaces, so that no"
                + " second command can be injected");
      }
    }
    return argument;
  }

  private static String describe(char c) {
    String codePoint = String.format("U+%04X", (int) c);
    return switch (c) {
      case '\r' -> "carriage return (" + codePoint + ")";
      case '\n' -> "line feed (" + codePoint + ")";
      case '\0' -> "NUL (" + codePoint + ")";
      default ->
          (c > 0x7E && c != 0x7F ? "non-ASCII character " : "control character ") + codePoint;
    };
  }
}
