package io.github.dane4j.examples.cli;

import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.smtp.AddressReport;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.HostPolicy;
import io.github.dane4j.smtp.HostReport;
import io.github.dane4j.smtp.TlsaLookup;
import io.github.dane4j.smtp.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The exit code of a report in the monitoring-plugin convention, and the warnings behind it.
 *
 * @param exitCode one of {@link ExitCodes}
 * @param warnings the reasons for a warning that the verdicts alone do not show
 */
record ReportStatus(int exitCode, List<String> warnings) {
  ReportStatus {
    warnings = List.copyOf(warnings);
  }

  /** Returns the status of a domain: the worst of its hosts, and of its MX lookup. */
  static ReportStatus of(DomainReport report, Instant now, int expiryWarningDays) {
    List<String> warnings = new ArrayList<>();
    int exitCode = ExitCodes.OK;
    if (report.mx().kind() == AnswerKind.RECORDS && report.mx().status() != DnssecStatus.SECURE) {
      exitCode = ExitCodes.WARNING;
      warnings.add(
          "the MX RRset of "
              + report.domain()
              + " is "
              + TextReport.word(report.mx().status())
              + ", so DANE cannot protect delivery to the domain (RFC 7672 section 2.2.1);"
              + " sign the zone");
    }
    boolean mxBogus = report.mx().status() == DnssecStatus.BOGUS;
    exitCode = ExitCodes.worst(exitCode, codeOf(report.verdict(), mxBogus));
    for (HostReport host : report.hosts()) {
      ReportStatus hostStatus = of(host, now, expiryWarningDays);
      exitCode = ExitCodes.worst(exitCode, hostStatus.exitCode());
      warnings.addAll(hostStatus.warnings());
    }
    return new ReportStatus(exitCode, warnings);
  }

  /** Returns the status of one host: its verdict, plus roll-over and expiry warnings. */
  static ReportStatus of(HostReport report, Instant now, int expiryWarningDays) {
    List<String> warnings = new ArrayList<>();
    int exitCode = codeOf(report.verdict(), bogus(report.policy()));
    if (report.verdict() == Verdict.AUTHENTICATED && report.policy().tlsaRecords().size() == 1) {
      exitCode = ExitCodes.worst(exitCode, ExitCodes.WARNING);
      warnings.add(
          report.host()
              + " publishes a single TLSA record, so a key or certificate change breaks DANE"
              + " until DNS catches up; publish 3 1 1 plus 2 0 1, or a record for the next key");
    }
    for (AddressReport address : report.addresses()) {
      VerificationResult result = address.connection().verificationResult().orElse(null);
      if (result == null) {
        continue;
      }
      for (String line : ExpiryCheck.expiringTrustAnchorPath(result, now, expiryWarningDays)) {
        exitCode = ExitCodes.worst(exitCode, ExitCodes.WARNING);
        warnings.add(report.host() + " " + address.address() + ": " + line);
      }
    }
    return new ReportStatus(exitCode, warnings);
  }

  /**
   * Maps a verdict onto an exit code. A lookup failure is critical when DNSSEC validation failed
   * (bogus data is a misconfiguration or an attack), and unknown otherwise (SERVFAIL, timeout).
   */
  static int codeOf(Verdict verdict, boolean bogus) {
    return switch (verdict) {
      case AUTHENTICATED -> ExitCodes.OK;
      case UNAUTHENTICATED_TLS, OPPORTUNISTIC, NO_STARTTLS -> ExitCodes.WARNING;
      case CONNECTION_FAILURE, DANE_FAILURE -> ExitCodes.CRITICAL;
      case LOOKUP_FAILURE -> bogus ? ExitCodes.CRITICAL : ExitCodes.UNKNOWN;
    };
  }

  /** Returns whether any lookup behind a host's policy returned bogus data. */
  static boolean bogus(HostPolicy policy) {
    if (policy.addressStatus().filter(status -> status == DnssecStatus.BOGUS).isPresent()) {
      return true;
    }
    for (CnameHop hop : policy.cnameChain()) {
      if (hop.status() == DnssecStatus.BOGUS) {
        return true;
      }
    }
    for (TlsaLookup lookup : policy.tlsaLookups()) {
      if (lookup.status() == DnssecStatus.BOGUS) {
        return true;
      }
    }
    return false;
  }
}
