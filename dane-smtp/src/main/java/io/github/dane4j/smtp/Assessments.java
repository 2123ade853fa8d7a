package io.github.dane4j.smtp;

import io.github.dane4j.core.Rfc8460ResultType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns connection results and host outcomes into verdicts (RFC 7672 section 2.2). */
final class Assessments {
  private Assessments() {}

  /**
   * Assesses one connection under the host's policy and decides whether an MTA would send the mail
   * over it.
   */
  static AddressReport address(HostPolicy policy, SmtpConnectionResult connection) {
    Assessment base = underPolicy(policy, connection);
    boolean accepted = accepted(policy.tlsPolicy(), base, connection);
    boolean audited = policy.auditOnly() && auditable(connection);

    if (policy.daneRequired() && policy.tlsPolicy() != TlsPolicy.DANE_AUTHENTICATION) {
      // Only audit-only mode connects to such a host; it reports the miss and goes on.
      Assessment required =
          new Assessment(
              Verdict.DANE_FAILURE,
              Rfc8460ResultType.DANE_REQUIRED,
              policy.tlsPolicy() == TlsPolicy.OPPORTUNISTIC
                  ? ReasonCodes.DANE_REQUIRED_NO_TLSA
                  : ReasonCodes.DANE_REQUIRED_NO_USABLE_TLSA,
              "The destination is DANE-mandatory but "
                  + policy.host()
                  + " has no usable secure TLSA records (audit-only mode connected anyway: "
                  + base.message()
                  + ")");
      return new AddressReport(required, policy.auditOnly() && accepted, connection);
    }
    return new AddressReport(base, accepted || audited, connection);
  }

  private static Assessment underPolicy(HostPolicy hostPolicy, SmtpConnectionResult connection) {
    TlsPolicy policy = hostPolicy.tlsPolicy();
    String where = describe(connection.address()) + ": ";
    Optional<FailureKind> failure = connection.failure();
    Optional<Rfc8460ResultType> type = connection.resultType();
    String code = connection.failureReasonCode().orElse(null);
    if (failure.isEmpty()) {
      if (policy == TlsPolicy.DANE_AUTHENTICATION && connection.daneAuthenticated()) {
        return new Assessment(Verdict.AUTHENTICATED, null, null, where + connection.message());
      }
      if (policy.tlsRequired()) {
        return new Assessment(
            Verdict.UNAUTHENTICATED_TLS,
            Rfc8460ResultType.TLSA_INVALID,
            ReasonCodes.TLSA_NO_USABLE_RECORDS,
            where + "TLS without authentication: " + connection.message());
      }
      // The other messages contain the connection's message, which starts with any retry note.
      // This one does not, so it adds the note itself.
      String note = connection.retryNote().map(text -> text + " ").orElse("");
      return new Assessment(
          Verdict.OPPORTUNISTIC,
          null,
          null,
          where
              + note
              + "opportunistic TLS ("
              + connection.tlsProtocol().orElse("?")
              + ", "
              + connection.cipherSuite().orElse("?")
              + "), and "
              + hostPolicy.reason());
    }

    FailureKind kind = failure.get();
    if (policy.tlsRequired() && type.isPresent()) {
      // RFC 7672 section 2.2: with secure TLSA records, a missing STARTTLS or a failed handshake
      // or certificate check rules out this server. It never falls back to cleartext.
      return new Assessment(Verdict.DANE_FAILURE, type.get(), code, where + connection.message());
    }
    if (!policy.tlsRequired()
        && (kind == FailureKind.NO_STARTTLS || kind == FailureKind.STARTTLS_REFUSED)) {
      return new Assessment(
          Verdict.NO_STARTTLS,
          Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
          code,
          where + connection.message() + "; DANE does not apply, so cleartext is permitted");
    }
    return new Assessment(
        Verdict.CONNECTION_FAILURE, type.orElse(null), code, where + connection.message());
  }

  private static boolean accepted(
      TlsPolicy policy, Assessment assessment, SmtpConnectionResult connection) {
    return switch (assessment.verdict()) {
      case AUTHENTICATED, UNAUTHENTICATED_TLS, OPPORTUNISTIC -> connection.succeeded();
      case NO_STARTTLS -> !policy.tlsRequired();
      default -> false;
    };
  }

  /**
   * Returns whether audit-only mode delivers despite this outcome: it tolerates a chain that DANE
   * did not authenticate, not a missing STARTTLS or a failed handshake (RFC 7672 section 9.1).
   */
  private static boolean auditable(SmtpConnectionResult connection) {
    return connection.failure().orElse(null) == FailureKind.DANE_VERIFICATION_FAILED;
  }

  /** Returns an address and port as {@code 192.0.2.1:25} or {@code [2001:db8::1]:25}. */
  static String describe(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String text = ip.getHostAddress();
    return (ip instanceof Inet6Address ? "[" + text + "]" : text) + ":" + address.getPort();
  }

  /** Assesses a host from its addresses; the worst address decides. */
  static Assessment host(HostPolicy policy, List<AddressReport> addresses) {
    Optional<Assessment> unreachable = policy.unreachableAssessment();
    if (unreachable.isPresent()) {
      return unreachable.get();
    }
    Optional<AddressReport> worst =
        addresses.stream().max(Comparator.comparing(AddressReport::verdict));
    if (worst.isEmpty()) {
      return new Assessment(
          Verdict.CONNECTION_FAILURE,
          null,
          ReasonCodes.NO_ADDRESS_RECORDS,
          "No address of " + policy.host() + " was checked");
    }
    Assessment assessment = worst.get().assessment();
    String summary =
        addresses.size() == 1
            ? assessment.message()
            : "worst of " + addresses.size() + " addresses: " + assessment.message();
    return new Assessment(
        assessment.verdict(),
        assessment.resultType().orElse(null),
        assessment.reasonCode().orElse(null),
        policy.host() + ": " + summary);
  }

  /**
   * Assesses a domain from its hosts; the worst host decides, capped at {@link
   * Verdict#OPPORTUNISTIC} for an insecure MX RRset.
   */
  static Assessment domain(MxLookup mx, boolean mxSecure, List<HostReport> hosts) {
    Optional<HostReport> worst = hosts.stream().max(Comparator.comparing(HostReport::verdict));
    if (worst.isEmpty()) {
      return new Assessment(
          Verdict.CONNECTION_FAILURE,
          null,
          ReasonCodes.NO_HOSTS_CHECKED,
          "No mail host of " + mx.domain() + " could be checked");
    }
    Assessment assessment = worst.get().assessment();
    if (!mxSecure && Verdict.OPPORTUNISTIC.isWorseThan(assessment.verdict())) {
      return new Assessment(
          Verdict.OPPORTUNISTIC,
          null,
          ReasonCodes.MX_INSECURE,
          "The MX RRset of "
              + mx.domain()
              + " is "
              + mx.status().name().toLowerCase(Locale.ROOT)
              + ", so DANE on its hosts does not make delivery to the domain secure ("
              + assessment.message()
              + ")");
    }
    return assessment;
  }
}
