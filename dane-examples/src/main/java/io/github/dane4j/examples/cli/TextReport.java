package io.github.dane4j.examples.cli;

import io.github.dane4j.core.RecordCheck;
import io.github.dane4j.core.UnusableReason;
import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.smtp.AddressReport;
import io.github.dane4j.smtp.Assessment;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.HostPolicy;
import io.github.dane4j.smtp.HostReport;
import io.github.dane4j.smtp.MxLookup;
import io.github.dane4j.smtp.SmtpConnectionResult;
import io.github.dane4j.smtp.TlsMode;
import io.github.dane4j.smtp.TlsProvider;
import io.github.dane4j.smtp.TlsaLookup;
import io.github.dane4j.smtp.TranscriptEntry;
import io.github.dane4j.smtp.Verdict;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Prints verification results as text for people. For each MX host and address it prints the
 * verdict, the TLSA records with the matching one marked, and the presented chain with names,
 * validity dates and SPKI SHA-256 per depth. Failures get a fix hint.
 */
final class TextReport {
  private final PrintWriter out;
  private final boolean verbose;
  private final Instant now;

  TextReport(PrintWriter out, boolean verbose, Instant now) {
    this.out = out;
    this.verbose = verbose;
    this.now = now;
  }

  /** Prints a domain report, then the status line and warnings. */
  void print(DomainReport report, ReportStatus status) {
    out.println("Domain " + report.domain() + ": " + report.verdict());
    printAssessment("  ", report.assessment());
    printMx("  ", report.mx());
    for (HostReport host : report.hosts()) {
      printHost("  ", host);
    }
    printStatus(status);
  }

  /** Prints a host report, then the status line and warnings. */
  void print(HostReport report, ReportStatus status) {
    printHost("", report);
    printStatus(status);
  }

  private void printStatus(ReportStatus status) {
    for (String warning : status.warnings()) {
      out.println("Warning: " + warning);
    }
    out.println(
        "Status: "
            + ExitCodes.statusWord(status.exitCode())
            + " (exit code "
            + status.exitCode()
            + ")");
  }

  private void printMx(String indent, MxLookup mx) {
    StringBuilder line = new StringBuilder(indent + "MX lookup: ");
    line.append(word(mx.kind())).append(", DNSSEC ").append(word(mx.status()));
    if (mx.implicitMx()) {
      line.append(" (no MX records: the domain is its own mail host)");
    }
    List<String> exchanges = new ArrayList<>();
    for (MxRecord record : mx.records()) {
      exchanges.add(record.preference() + " " + record.exchange());
    }
    if (!exchanges.isEmpty()) {
      line.append(": ").append(String.join(", ", exchanges));
    }
    out.println(line);
    if (verbose && mx.namesFollowed().size() > 1) {
      out.println(indent + "  names followed: " + String.join(" -> ", mx.namesFollowed()));
    }
    if (verbose && !mx.reason().isEmpty()) {
      out.println(indent + "  DNS: " + mx.reason());
    }
  }

  private void printHost(String indent, HostReport host) {
    String preference =
        host.preference().isPresent() ? " (preference " + host.preference().getAsInt() + ")" : "";
    out.println(indent + "MX host " + host.host() + preference + ": " + host.verdict());
    String inner = indent + "  ";
    printAssessment(inner, host.assessment());
    HostPolicy policy = host.policy();
    out.println(
        inner
            + "policy: "
            + policy.tlsPolicy()
            + policy.tlsaBaseDomain().map(base -> ", TLSA base domain " + base).orElse("")
            + (policy.referenceNames().isEmpty()
                ? ""
                : ", reference names " + String.join(", ", policy.referenceNames())));
    if (verbose) {
      printDnsDetails(inner, policy);
    }
    TlsaLookup chosen = chosenLookup(policy);
    for (AddressReport address : host.addresses()) {
      printAddress(inner, address, chosen);
    }
  }

  private void printDnsDetails(String indent, HostPolicy policy) {
    for (CnameHop hop : policy.cnameChain()) {
      out.println(
          indent
              + "CNAME "
              + hop.owner()
              + " -> "
              + hop.target()
              + " (DNSSEC "
              + word(hop.status())
              + (hop.synthesizedFromDname() ? ", from DNAME" : "")
              + ")");
    }
    if (!policy.addresses().isEmpty()) {
      List<String> addresses = new ArrayList<>();
      policy.addresses().forEach(address -> addresses.add(address.getHostAddress()));
      out.println(
          indent
              + "addresses: "
              + String.join(", ", addresses)
              + policy.addressStatus().map(status -> " (DNSSEC " + word(status) + ")").orElse(""));
    }
    if (!policy.candidateBaseDomains().isEmpty()) {
      out.println(
          indent
              + "candidate TLSA base domains: "
              + String.join(", ", policy.candidateBaseDomains()));
    }
    for (TlsaLookup lookup : policy.tlsaLookups()) {
      out.println(
          indent
              + "TLSA lookup "
              + lookup.ownerName()
              + ": "
              + word(lookup.kind())
              + ", DNSSEC "
              + word(lookup.status())
              + (lookup.namesFollowed().size() > 1
                  ? " via " + String.join(" -> ", lookup.namesFollowed())
                  : "")
              + (lookup.reason().isEmpty() ? "" : " (" + lookup.reason() + ")"));
    }
    if (!policy.reason().isEmpty()) {
      out.println(indent + "decision: " + policy.reason());
    }
  }

  private void printAddress(String indent, AddressReport address, @Nullable TlsaLookup lookup) {
    out.println(
        indent
            + "address "
            + address.address().getAddress().getHostAddress()
            + " port "
            + address.address().getPort()
            + ": "
            + address.verdict());
    String inner = indent + "  ";
    SmtpConnectionResult connection = address.connection();
    VerificationResult result = connection.verificationResult().orElse(null);
    // The records are printed under each address, with their header, because each address
    // presents its own chain and so gets its own match results.
    List<RecordCheck> checks =
        result != null ? result.recordChecks() : lookup != null ? lookup.records() : List.of();
    if (!checks.isEmpty()) {
      out.println(
          inner
              + "TLSA records"
              + (lookup == null
                  ? ""
                  : " at " + lookup.ownerName() + " (DNSSEC " + word(lookup.status()) + ")")
              + ":");
      printRecordChecks(out, inner, checks, result);
    }
    StringBuilder tls = new StringBuilder(inner);
    if (connection.target().tlsMode() == TlsMode.IMPLICIT_TLS) {
      tls.append("implicit TLS");
    } else if (!ehloAnswered(connection)) {
      // The conversation ended before an EHLO reply, so the server had no chance to offer STARTTLS.
      tls.append("no EHLO reply");
    } else {
      tls.append(connection.starttlsOffered() ? "STARTTLS offered" : "STARTTLS not offered");
    }
    connection.tlsProtocol().ifPresent(protocol -> tls.append(", ").append(protocol));
    connection.cipherSuite().ifPresent(suite -> tls.append(" ").append(suite));
    connection.namedGroup().ifPresent(group -> tls.append(" ").append(group));
    if (connection.tlsEstablished() || !connection.presentedChain().isEmpty()) {
      tls.append(connection.tlsProvider() == TlsProvider.CONSCRYPT ? " (Conscrypt)" : " (SunJSSE)");
    }
    out.println(tls);
    List<X509Certificate> chain = connection.presentedChain();
    for (int depth = 0; depth < chain.size(); depth++) {
      List<String> lines = CertificateFiles.describe(chain.get(depth), now);
      out.println(inner + "depth " + depth + ": " + lines.get(0));
      out.println(inner + "         " + lines.get(1));
    }
    if (address.verdict() != Verdict.AUTHENTICATED) {
      printAssessment(inner, address.assessment(), true);
    }
    if (verbose) {
      for (TranscriptEntry entry : connection.transcript()) {
        out.println(inner + "| " + entry + (entry.tls() ? "  [TLS]" : ""));
      }
    }
  }

  /** Returns whether the server replied to the EHLO (or HELO) command before TLS. */
  private static boolean ehloAnswered(SmtpConnectionResult connection) {
    boolean ehloSent = false;
    for (TranscriptEntry entry : connection.transcript()) {
      if (entry.direction() == TranscriptEntry.Direction.CLIENT) {
        ehloSent = entry.line().startsWith("EHLO ") || entry.line().startsWith("HELO ");
      } else if (ehloSent) {
        return true;
      }
    }
    return false;
  }

  private void printAssessment(String indent, Assessment assessment) {
    printAssessment(indent, assessment, false);
  }

  /**
   * Prints the assessment's message and fix hint. A message can span lines, such as the digests of
   * a failed match; only the address level prints them all.
   */
  private void printAssessment(String indent, Assessment assessment, boolean allLines) {
    if (assessment.verdict() == Verdict.AUTHENTICATED && !verbose) {
      return;
    }
    String[] lines = UserText.clean(assessment.message()).split("\n", -1);
    out.println(
        indent
            + lines[0]
            + assessment.resultType().map(type -> " [RFC 8460 " + type.token() + "]").orElse(""));
    for (int i = 1; allLines && i < lines.length; i++) {
      out.println(indent + "  " + lines[i]);
    }
    if (assessment.verdict() != Verdict.AUTHENTICATED) {
      out.println(indent + "fix: " + fixHint(lines[0], assessment));
    }
  }

  /**
   * Returns the fix hint, or a hint about the local resolver when no DNS server answered at all:
   * then the zone was never asked, so the library's hint about the zone does not apply.
   */
  private static String fixHint(String cleanedMessage, Assessment assessment) {
    if (UserText.resolverUnreachable(cleanedMessage)) {
      return "Check the local resolver: no DNS server answered at the address given with"
          + " --resolver or --upstream (or in /etc/resolv.conf), so the zone was not checked;"
          + " start the resolver or give the address of one that runs";
    }
    return UserText.clean(assessment.fixHint());
  }

  private static @Nullable TlsaLookup chosenLookup(HostPolicy policy) {
    String base = policy.tlsaBaseDomain().orElse(null);
    for (TlsaLookup lookup : policy.tlsaLookups()) {
      if (lookup.baseDomain().equals(base)) {
        return lookup;
      }
    }
    return null;
  }

  /**
   * Prints one line per TLSA record: {@code *} marks the record that authenticated the chain,
   * {@code ~} a record that matched before a later check failed.
   */
  static void printRecordChecks(
      PrintWriter out,
      String indent,
      List<RecordCheck> checks,
      @Nullable VerificationResult result) {
    for (RecordCheck check : checks) {
      boolean authenticating =
          result != null
              && result.authenticated()
              && result.matchedRecord().filter(check.record()::equals).isPresent();
      String mark = authenticating ? "* " : check.matched() ? "~ " : "  ";
      UnusableReason unusable = check.unusableReason();
      String note;
      if (unusable != null) {
        note = "unusable: " + describe(unusable);
      } else if (authenticating && result != null) {
        note = "matched, authenticated at depth " + result.matchDepth().orElse(-1);
      } else if (check.matched() && result != null && result.authenticated()) {
        note = "also matches";
      } else if (check.matched()) {
        note = "matched, but a later check failed";
      } else {
        note = "usable, no match";
      }
      out.println(indent + mark + check.record().toPresentation() + "  (" + note + ")");
    }
  }

  /** Describes why a record is unusable, in words. */
  static String describe(UnusableReason reason) {
    return switch (reason) {
      case UNKNOWN_USAGE -> "unknown certificate usage";
      case UNKNOWN_SELECTOR -> "unknown selector";
      case UNKNOWN_MATCHING_TYPE -> "unknown matching type";
      case WRONG_DIGEST_LENGTH -> "digest length does not fit the matching type";
      case MALFORMED_FULL_DATA -> "full data is not a DER certificate or key";
      case PKIX_USAGE_NOT_SUPPORTED -> "PKIX usage, not used for SMTP (RFC 7672 section 3.1.3)";
      case WEAKER_DIGEST -> "weaker digest than another record of its group (RFC 7671 section 9)";
    };
  }

  /** Returns a lower-case word for an enum constant name, with dashes for underscores. */
  static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
