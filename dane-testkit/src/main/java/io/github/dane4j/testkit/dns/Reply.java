package io.github.dane4j.testkit.dns;

import java.time.Duration;
import java.util.Objects;
import org.xbill.DNS.Rcode;

/**
 * The reply of the test DNS server to one query: the normal response or a scripted misbehaviour. A
 * {@link Behaviour} chooses a reply for each query.
 *
 * <p>Instances are immutable. Every reply can be sent late with {@link #after(Duration)}; the
 * server schedules the late reply on a timer thread, so a delayed query never holds up others.
 */
public final class Reply {

  /** Maximum delay that {@link #after(Duration)} accepts. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);

  /** The kind of reply, read by the server when it builds the response. */
  enum Kind {
    NORMAL,
    RCODE,
    NONE,
    MISMATCHED_ID,
    MISMATCHED_QUESTION,
    GARBAGE,
    TRUNCATED,
    ANSWER_TTL
  }

  private static final Reply NORMAL = new Reply(Kind.NORMAL, Rcode.NOERROR, Duration.ZERO);

  private final Kind kind;
  private final int rcode;
  private final Duration delay;
  private final long answerTtl;

  private Reply(Kind kind, int rcode, Duration delay) {
    this(kind, rcode, delay, 0);
  }

  private Reply(Kind kind, int rcode, Duration delay, long answerTtl) {
    this.kind = kind;
    this.rcode = rcode;
    this.delay = delay;
    this.answerTtl = answerTtl;
  }

  /** Returns the reply that a well-behaved recursive resolver would send. */
  public static Reply normal() {
    return NORMAL;
  }

  /** Returns an empty response with RCODE SERVFAIL, as a resolver sends when it cannot resolve. */
  public static Reply servfail() {
    return rcode(Rcode.SERVFAIL);
  }

  /** Returns an empty response with RCODE REFUSED. */
  public static Reply refused() {
    return rcode(Rcode.REFUSED);
  }

  /**
   * Returns an empty response (question only) with the given RCODE.
   *
   * @param rcode a 4-bit RCODE from {@link org.xbill.DNS.Rcode}, 0 to 15
   * @throws IllegalArgumentException if {@code rcode} does not fit the 4-bit header field
   */
  public static Reply rcode(int rcode) {
    if (rcode < 0 || rcode > 15) {
      throw new IllegalArgumentException(
          "Invalid RCODE "
              + rcode
              + ": the RCODE header field is 4 bits wide, so use 0 to 15 (RFC 1035 section 4.1.1)");
    }
    return new Reply(Kind.RCODE, rcode, Duration.ZERO);
  }

  /** Returns a reply that sends nothing, so the client times out. */
  public static Reply none() {
    return new Reply(Kind.NONE, Rcode.NOERROR, Duration.ZERO);
  }

  /** Returns the normal answer with a message ID that differs from the query's ID. */
  public static Reply mismatchedId() {
    return new Reply(Kind.MISMATCHED_ID, Rcode.NOERROR, Duration.ZERO);
  }

  /**
   * Returns the normal answer with a question section that names another domain, as a spoofed or
   * misrouted response would (RFC 5452 section 9.1).
   */
  public static Reply mismatchedQuestion() {
    return new Reply(Kind.MISMATCHED_QUESTION, Rcode.NOERROR, Duration.ZERO);
  }

  /**
   * Returns a reply of bytes that do not parse as a DNS message. The first two bytes repeat the
   * query's ID, so that a client does not discard the reply as belonging to another query.
   */
  public static Reply garbage() {
    return new Reply(Kind.GARBAGE, Rcode.NOERROR, Duration.ZERO);
  }

  /**
   * Returns an empty response with the TC bit set, even over TCP. A client that follows RFC 7766
   * retries a truncated UDP answer over TCP.
   */
  public static Reply truncated() {
    return new Reply(Kind.TRUNCATED, Rcode.NOERROR, Duration.ZERO);
  }

  /**
   * Returns the normal answer with the TTL field of every answer-section record set to {@code ttl}
   * in the sent bytes. Any unsigned 32-bit value is allowed, also those above 2^31 - 1 that RFC
   * 2181 section 8 says a receiver treats as zero and that dnsjava refuses when a record is built.
   * Signatures stay valid, because validation uses the RRSIG's original TTL field (RFC 4035 section
   * 5.3.2).
   *
   * @param ttl the TTL in seconds, 0 to 2^32 - 1
   * @throws IllegalArgumentException if {@code ttl} does not fit the unsigned 32-bit field
   */
  public static Reply answerTtl(long ttl) {
    if (ttl < 0 || ttl > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "Invalid TTL "
              + ttl
              + ": the TTL field is an unsigned 32-bit number, so use 0 to 4294967295"
              + " (RFC 1035 section 3.2.1)");
    }
    return new Reply(Kind.ANSWER_TTL, Rcode.NOERROR, Duration.ZERO, ttl);
  }

  /**
   * Returns the normal answer, sent after {@code delay}.
   *
   * @throws NullPointerException if {@code delay} is null
   * @throws IllegalArgumentException if {@code delay} is negative or longer than {@link #MAX_DELAY}
   */
  public static Reply delayed(Duration delay) {
    return NORMAL.after(delay);
  }

  /**
   * Returns this reply, sent after {@code delay}.
   *
   * @throws NullPointerException if {@code delay} is null
   * @throws IllegalArgumentException if {@code delay} is negative or longer than {@link #MAX_DELAY}
   */
  public Reply after(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "Invalid reply delay " + delay + ": use a duration from zero to " + MAX_DELAY);
    }
    return new Reply(kind, rcode, delay, answerTtl);
  }

  Kind kind() {
    return kind;
  }

  int rcode() {
    return rcode;
  }

  long answerTtl() {
    return answerTtl;
  }

  /** Returns the time to wait before sending; zero for an immediate reply. */
  public Duration delay() {
    return delay;
  }

  /** Returns whether this is the normal answer sent without delay. */
  public boolean isNormal() {
    return kind == Kind.NORMAL && delay.isZero();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Reply that
        && kind == that.kind
        && rcode == that.rcode
        && delay.equals(that.delay)
        && answerTtl == that.answerTtl;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, rcode, delay, answerTtl);
  }

  @Override
  public String toString() {
    String base =
        kind == Kind.RCODE ? Rcode.string(rcode) : kind.name().toLowerCase(java.util.Locale.ROOT);
    return delay.isZero() ? base : base + " after " + delay;
  }
}
