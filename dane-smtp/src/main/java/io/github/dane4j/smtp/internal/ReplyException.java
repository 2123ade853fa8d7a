package io.github.dane4j.smtp.internal;

import io.github.dane4j.smtp.FailureKind;

/**
 * Thrown by {@link ReplyReader} when a reply breaks the syntax of RFC 5321 section 4.2, exceeds a
 * limit, or ends early because the server closed the connection.
 */
public final class ReplyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  /** Creates an exception of one of the reply-level kinds. */
  public ReplyException(FailureKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * Returns {@link FailureKind#PROTOCOL_ERROR}, {@link FailureKind#LINE_TOO_LONG}, {@link
   * FailureKind#TOO_MANY_LINES}, {@link FailureKind#REPLY_TOO_LARGE} or {@link
   * FailureKind#CONNECTION_CLOSED}.
   */
  public FailureKind kind() {
    return kind;
  }
}
