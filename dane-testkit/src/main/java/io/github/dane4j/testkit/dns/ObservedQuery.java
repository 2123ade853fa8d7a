package io.github.dane4j.testkit.dns;

import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One query received by the test DNS server, as stored in its query log and passed to a {@link
 * Behaviour}.
 *
 * @param name the question name
 * @param type the question type, a {@link org.xbill.DNS.Type} number
 * @param dnssecOk whether the query carried an EDNS0 OPT record with the DO bit (RFC 3225)
 * @param checkingDisabled whether the query had the CD bit set (RFC 4035 section 3.2.2)
 * @param transport the transport the query arrived on
 */
public record ObservedQuery(
    Name name, int type, boolean dnssecOk, boolean checkingDisabled, Transport transport) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code name} or {@code transport} is null
   */
  public ObservedQuery {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
  }

  @Override
  public String toString() {
    return name
        + " "
        + Type.string(type)
        + (dnssecOk ? " DO" : "")
        + (checkingDisabled ? " CD" : "")
        + " over "
        + transport;
  }
}
