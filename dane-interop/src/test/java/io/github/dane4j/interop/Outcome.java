package io.github.dane4j.interop;

/**
 * The outcome of a DANE check of one mail domain, in the terms of {@code interop/scenarios.tsv}, so
 * that an actual and the expected outcome compare as values.
 *
 * @param verdict a verdict token of dane4j's report, such as authenticated or dane-failure
 * @param resultType the RFC 8460 result type of a failure, or "-"
 * @param record usage, selector and matching type of the matched record, such as "3 1 1", or "-"
 * @param depth the chain depth of the matched certificate (0 for the leaf), or "-"
 */
record Outcome(String verdict, String resultType, String record, String depth) {

  static final String NONE = "-";
  static final String AUTHENTICATED = "authenticated";

  /** Returns an outcome with a verdict only. */
  static Outcome of(String verdict) {
    return new Outcome(verdict, NONE, NONE, NONE);
  }

  /** Returns an outcome with a verdict and an RFC 8460 result type, "-" for none. */
  static Outcome of(String verdict, String resultType) {
    return new Outcome(verdict, resultType, NONE, NONE);
  }

  static Outcome authenticated(int usage, int selector, int matchingType, int depth) {
    return new Outcome(
        AUTHENTICATED, NONE, usage + " " + selector + " " + matchingType, String.valueOf(depth));
  }

  /** Returns this outcome without the RFC 8460 result type, for peers, which do not report one. */
  Outcome withoutResultType() {
    return new Outcome(verdict, NONE, record, depth);
  }
}
