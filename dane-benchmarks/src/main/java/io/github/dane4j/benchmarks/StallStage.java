package io.github.dane4j.benchmarks;

import io.github.dane4j.testkit.smtp.Misbehaviour;
import org.jspecify.annotations.Nullable;

/** The point at which the SMTP server of {@link ChildServers} stalls each connection, if any. */
enum StallStage {
  /** The server serves every connection normally. */
  NONE("none", null),

  /** The server accepts the connection and never sends its greeting. */
  GREETING("greeting", Misbehaviour.SILENT),

  /** The server completes the STARTTLS handshake and never replies to the EHLO inside TLS. */
  AFTER_HANDSHAKE("after-handshake", Misbehaviour.POST_TLS_SILENT);

  final String token;
  private final @Nullable Misbehaviour misbehaviour;

  StallStage(String token, @Nullable Misbehaviour misbehaviour) {
    this.token = token;
    this.misbehaviour = misbehaviour;
  }

  /** Returns the server's misbehaviours at this stage: none, or the one that stalls. */
  Misbehaviour[] misbehaviours() {
    return misbehaviour == null ? new Misbehaviour[0] : new Misbehaviour[] {misbehaviour};
  }

  /**
   * Returns the stage named {@code token}.
   *
   * @throws IllegalArgumentException if no stage has that name
   */
  static StallStage parse(String token) {
    for (StallStage stage : values()) {
      if (stage.token.equals(token)) {
        return stage;
      }
    }
    throw new IllegalArgumentException(
        "Unknown stage \"" + token + "\": use none, greeting or after-handshake");
  }
}
