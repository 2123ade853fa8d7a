package io.github.dane4j.testkit.dns;

import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * Hook that scripts how the test DNS server replies to each query. The server calls its behaviours
 * in the order they were added and uses the first reply that is not {@link Reply#normal()}.
 *
 * <p>The server calls behaviours from its transport threads, so an implementation must be
 * thread-safe and must not block. A behaviour that throws makes the server answer SERVFAIL.
 */
@FunctionalInterface
public interface Behaviour {

  /**
   * Chooses the reply to one query.
   *
   * @param query the query as received
   * @return the reply to send; {@link Reply#normal()} to let the next behaviour or the zones decide
   */
  Reply replyTo(ObservedQuery query);

  /**
   * Returns a behaviour that sends {@code reply} to every query for {@code name}, whatever its
   * type.
   *
   * @param name an absolute domain name, for example {@code "mx.example.test."}
   * @throws IllegalArgumentException if {@code name} is not a valid absolute domain name
   * @throws NullPointerException if an argument is null
   */
  static Behaviour forName(String name, Reply reply) {
    Name parsed = Names.parseAbsolute(name, "behaviour name");
    Objects.requireNonNull(reply, "reply");
    return query -> query.name().equals(parsed) ? reply : Reply.normal();
  }

  /**
   * Returns a behaviour that sends {@code reply} to every query of {@code type}, for example
   * SERVFAIL for TLSA queries while address queries work.
   *
   * @param type a {@link org.xbill.DNS.Type} number
   * @throws IllegalArgumentException if {@code type} is not a 16-bit number
   * @throws NullPointerException if {@code reply} is null
   */
  static Behaviour forType(int type, Reply reply) {
    Names.checkType(type);
    Objects.requireNonNull(reply, "reply");
    return query -> query.type() == type ? reply : Reply.normal();
  }

  /**
   * Returns a behaviour that sends {@code reply} to queries for {@code name} of {@code type} only.
   *
   * @param name an absolute domain name
   * @param type a {@link org.xbill.DNS.Type} number
   * @throws IllegalArgumentException if {@code name} or {@code type} is invalid
   * @throws NullPointerException if an argument is null
   */
  static Behaviour forQuery(String name, int type, Reply reply) {
    Name parsed = Names.parseAbsolute(name, "behaviour name");
    Names.checkType(type);
    Objects.requireNonNull(reply, "reply");
    return query -> query.name().equals(parsed) && query.type() == type ? reply : Reply.normal();
  }
}
