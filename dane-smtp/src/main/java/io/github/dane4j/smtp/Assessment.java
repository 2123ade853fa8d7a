package io.github.dane4j.smtp;

import io.github.dane4j.core.Rfc8460ResultType;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A verdict with what an operator needs to act on it: the RFC 8460 result type, a short reason code
 * for the RFC 8460 {@code failure-reason-code} field, an explanation and a one-line fix hint.
 *
 * <p>Instances are immutable.
 */
public final class Assessment {
  private final Verdict verdict;
  private final @Nullable Rfc8460ResultType resultType;
  private final @Nullable String reasonCode;
  private final String message;

  Assessment(
      Verdict verdict,
      @Nullable Rfc8460ResultType resultType,
      @Nullable String reasonCode,
      String message) {
    this.verdict = Objects.requireNonNull(verdict, "verdict");
    this.resultType = resultType;
    this.reasonCode = reasonCode;
    this.message = Objects.requireNonNull(message, "message");
  }

  /** Returns the verdict. */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * Returns the RFC 8460 result type, such as {@code certificate-not-trusted}; empty for outcomes
   * that TLS reporting does not count as failures, such as {@link Verdict#AUTHENTICATED}, {@link
   * Verdict#OPPORTUNISTIC} and transient connection failures (RFC 8460 section 4.3.4).
   */
  public Optional<Rfc8460ResultType> resultType() {
    return Optional.ofNullable(resultType);
  }

  /**
   * Returns a short, stable code for the RFC 8460 {@code failure-reason-code} field, such as {@code
   * dane-no-match} or {@code tlsa-lookup-failed}; empty when nothing went wrong.
   */
  public Optional<String> reasonCode() {
    return Optional.ofNullable(reasonCode);
  }

  /** Returns an explanation of the outcome, naming the host, address or record involved. */
  public String message() {
    return message;
  }

  /** Returns a one-line hint for the operator of the destination on what to change. */
  public String fixHint() {
    return FixHints.hint(verdict, reasonCode);
  }

  @Override
  public String toString() {
    return verdict
        + (resultType == null ? "" : " (" + resultType + ")")
        + (reasonCode == null ? "" : " [" + reasonCode + "]")
        + ": "
        + message;
  }
}
