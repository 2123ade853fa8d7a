package io.github.dane4j.smtp.internal;

/** The SMTP commands that the connector sends. It never sends message content or credentials. */
public enum SmtpCommand {
  /** Extended hello with the client's name (RFC 5321 section 4.1.1.1). */
  EHLO(true),
  /** Plain hello, the fallback when EHLO is rejected (RFC 5321 section 4.1.1.1). */
  HELO(true),
  /** Starts TLS (RFC 3207 section 4). */
  STARTTLS(false),
  /** Ends the session (RFC 5321 section 4.1.1.10). */
  QUIT(false);

  private final boolean takesArgument;

  SmtpCommand(boolean takesArgument) {
    this.takesArgument = takesArgument;
  }

  /** Returns whether the command needs an argument. */
  public boolean takesArgument() {
    return takesArgument;
  }
}
