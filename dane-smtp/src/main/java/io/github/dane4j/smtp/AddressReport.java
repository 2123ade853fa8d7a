package io.github.dane4j.smtp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The check of one address of an MX host: the connection as the connector saw it (STARTTLS, TLS
 * details, the presented chain, the DANE decision, the transcript) and the verdict under the host's
 * {@link HostPolicy}.
 *
 * <p>Instances are immutable.
 */
public final class AddressReport {
  private final Assessment assessment;
  private final boolean accepted;
  private final SmtpConnectionResult connection;

  AddressReport(Assessment assessment, boolean accepted, SmtpConnectionResult connection) {
    this.assessment = Objects.requireNonNull(assessment, "assessment");
    this.accepted = accepted;
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /** Returns the IP address and port connected to. */
  public InetSocketAddress address() {
    return connection.address();
  }

  /** Returns the verdict. */
  public Verdict verdict() {
    return assessment.verdict();
  }

  /** Returns the verdict with its RFC 8460 result type, reason code, message and fix hint. */
  public Assessment assessment() {
    return assessment;
  }

  /**
   * Returns whether an MTA would send the mail over this connection under the host's policy: over
   * authenticated TLS, over TLS where authentication is impossible or not required, in cleartext
   * where DANE does not apply and STARTTLS is missing, or in audit-only mode despite a failed
   * certificate check.
   */
  public boolean accepted() {
    return accepted;
  }

  /** Returns what the connector observed on the connection. */
  public SmtpConnectionResult connection() {
    return connection;
  }

  @Override
  public String toString() {
    return address() + ": " + assessment;
  }
}
