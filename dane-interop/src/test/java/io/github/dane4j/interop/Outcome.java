package io.github.dane4j.interop;

/**
 * The outcome of a DANE check of one mail domain, in the terms of {@code interop/scenarios.tsv}, so
 * that dane4j's result and the expected one compare as values.
 *
 * @param verdict authenticated, dane-failed, no-dane or dns-failed
 * @param resultType the RFC 8460 result type of a failure, or "-"
 * @param record usage, selector and matching type of the matched record, such as "3 1 1", or "-"
 * @param depth the chain depth of the matched certificate (0 for the leaf), or "-"
 */
record Outcome(String verdict, String resultType, String record, String depth) {

  static final String NONE = "-";

  static Outcome of(String verdict, String resultType, String record, String depth) {
    return new Outcome(verdict, resultType, record, depth);
  }

  static Outcome authenticated(int usage, int selector, int matchingType, int depth) {
    return new Outcome(
        "authenticated", NONE, usage + " " + selector + " " + matchingType, String.valueOf(depth));
  }

  static Outcome daneFailed(String resultType) {
    return new Outcome("dane-failed", resultType, NONE, NONE);
  }

  static Outcome noDane() {
    return new Outcome("no-dane", NONE, NONE, NONE);
  }

  /** RFC 7672 section 2.1.1: a lookup failure defers delivery; RFC 8460 calls it dnssec-invalid. */
  static Outcome dnsFailed() {
    return new Outcome("dns-failed", "dnssec-invalid", NONE, NONE);
  }
}
