package io.github.dane4j.benchmarks;

import io.github.dane4j.testkit.smtp.Misbehaviour;

/** The point at which the SMTP server of {@link InFlightHeapProbe} stalls each verification. */
enum StallStage {
  /** The server accepts the connection and never sends its greeting. */
  GREETING("greeting", Misbehaviour.SILENT),

  /** The server completes the STARTTLS handshake and never replies to the EHLO inside TLS. */
  AFTER_HANDSHAKE("after-handshake", Misbehaviour.POST_TLS_SILENT);

  final String token;
  final Misbehaviour misbehaviour;

  StallStage(String token, Misbehaviour misbehaviour) {
    this.token = token;
    this.misbehaviour = misbehaviour;
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
        "Unknown stage \"" + token + "\": use greeting or after-handshake");
  }
}
