package io.github.dane4j.examples.cli;

import io.github.dane4j.core.DaneProfile;
import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.FailureReason;
import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.TlsaParseException;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.VerificationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dane-check chain}: verifies a PEM chain against TLSA records offline, for example to check
 * a roll-over before the new certificate or records are deployed.
 */
@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verifies a certificate chain (PEM, leaf first) against TLSA records without any network"
          + " access, for example to check a certificate or key roll-over before deployment.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:authenticated",
      "1:authenticated by DANE-TA(2), but a certificate up to the trust anchor expires within"
          + " --expiry-warning days",
      "2:not authenticated",
      "3:bad usage"
    })
final class ChainCommand extends CliCommand implements Callable<Integer> {
  /**
   * A whole zone-file line, such as {@code _25._tcp.mx.example.org. 3600 IN TLSA 3 1 1 ...}, as
   * users copy it from a zone or from {@code dane-check tlsa}. Group 1 is the record data after the
   * owner name, TTL, class and type.
   */
  private static final Pattern ZONE_FILE_LINE =
      Pattern.compile(
          "(?:\\S+\\s+)?(?:\\d+\\s+)?(?:IN\\s+)?(?:\\d+\\s+)?TLSA\\s+(.*)",
          Pattern.CASE_INSENSITIVE);

  @Option(
      names = "--chain",
      required = true,
      paramLabel = "FILE",
      description = "PEM file with the chain as the server presents it, leaf first.")
  private @Nullable Path chainFile;

  @Option(
      names = "--tlsa",
      required = true,
      paramLabel = "\"U S M HEX\"",
      description =
          "A TLSA record in presentation form, for example \"3 1 1 0123...\"; repeat for an"
              + " RRset of several records.")
  private List<String> tlsaTexts = new ArrayList<>();

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description =
          "A reference identifier for name checks: the TLSA base domain (the MX host name) first;"
              + " repeat to add the next-hop domain.")
  private List<String> names = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "smtp|generic",
      description =
          "smtp (RFC 7672: only DANE-TA(2) and DANE-EE(3) are usable, no DANE-EE name checks) or"
              + " generic (RFC 6698 and RFC 7671: all four usages). Default: smtp.")
  private DaneProfile profile = DaneProfile.SMTP;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "PEM file of PKIX root certificates for PKIX-TA(0) and PKIX-EE(1) records; generic"
              + " profile only.")
  private @Nullable Path caFile;

  @Option(
      names = "--ee-name-checks",
      negatable = true,
      description =
          "Check the names of a DANE-EE(3) match too, as OpenSSL does by default; generic profile"
              + " only. Default: off (RFC 7671 section 5.1).")
  private @Nullable Boolean eeNameChecks;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      converter = Converters.InstantConverter.class,
      description = "Verify as at this ISO-8601 instant (2026-06-01T00:00:00Z). Default: now.")
  private @Nullable Instant at;

  @Option(
      names = "--expiry-warning",
      paramLabel = "DAYS",
      description =
          "Warn (exit 1) when a DANE-TA(2) authenticated chain has a certificate that expires"
              + " within this many days. Default: ${DEFAULT-VALUE}.")
  private int expiryWarningDays = ExpiryCheck.DEFAULT_WARNING_DAYS;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: authenticated, depth, record, resultType, reasonCode and"
              + " warnings (the reasons for exit code 1 as a list of strings, else empty).")
  private boolean json;

  @Override
  public Integer call() {
    if (expiryWarningDays < 0) {
      throw new UsageException(
          "Invalid --expiry-warning " + expiryWarningDays + ": give 0 or more days");
    }
    List<X509Certificate> chain =
        CertificateFiles.read(Objects.requireNonNull(chainFile), "--chain");
    List<TlsaRecord> records = withoutDuplicates(parseRecords(tlsaTexts));
    noteDuplicateNames();
    DaneVerifier verifier = buildVerifier();
    Instant instant = at != null ? at : Instant.now();

    VerificationResult result = verify(verifier, chain, records, instant);

    List<String> expiring = ExpiryCheck.expiringTrustAnchorPath(result, instant, expiryWarningDays);
    int exitCode = ExitCodes.CRITICAL;
    if (result.authenticated()) {
      exitCode = expiring.isEmpty() ? ExitCodes.OK : ExitCodes.WARNING;
    }
    if (json) {
      out().println(toJson(result, expiring));
    } else {
      printText(out(), chain, result, instant, expiring);
    }
    return exitCode;
  }

  /**
   * Parses the {@code --tlsa} values.
   *
   * @throws UsageException naming the value and the malformed field
   */
  static List<TlsaRecord> parseRecords(List<String> texts) {
    List<TlsaRecord> records = new ArrayList<>();
    for (String text : texts) {
      Matcher zoneLine = ZONE_FILE_LINE.matcher(text.strip());
      String rdata = zoneLine.matches() ? zoneLine.group(1) : text;
      try {
        records.add(TlsaRecord.parse(rdata));
      } catch (TlsaParseException e) {
        throw new UsageException(
            "Invalid --tlsa value: "
                + e.getMessage()
                + "; quote the record as one argument: --tlsa \"3 1 1 0123...\"",
            e);
      }
    }
    return records;
  }

  /**
   * Removes records given twice, with a note on stderr: a DNS RRset contains each record once (RFC
   * 2181 section 5), so a duplicate is most likely a copy-and-paste slip.
   */
  private List<TlsaRecord> withoutDuplicates(List<TlsaRecord> records) {
    List<TlsaRecord> unique = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (TlsaRecord record : records) {
      if (seen.add(record.toPresentation())) {
        unique.add(record);
      } else {
        err()
            .println(
                spec().qualifiedName()
                    + ": note: --tlsa \""
                    + record.toPresentation()
                    + "\" is given more than once; it counts once, as in a DNS RRset");
      }
    }
    return unique;
  }

  /** Prints a note on stderr for each --name value given more than once. */
  private void noteDuplicateNames() {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      String key = name.toLowerCase(Locale.ROOT);
      if (key.endsWith(".")) {
        key = key.substring(0, key.length() - 1);
      }
      if (!seen.add(key)) {
        err()
            .println(
                spec().qualifiedName()
                    + ": note: --name "
                    + name
                    + " is given more than once; a reference name counts once");
      }
    }
  }

  /**
   * Returns the --name values with internationalized names converted to A-labels, as {@code tlsa
   * --host} does, so that a U-label such as münchen.example.org can be given as typed.
   */
  private List<String> asciiNames() {
    List<String> ascii = new ArrayList<>();
    for (String name : names) {
      boolean plainAscii = name.chars().allMatch(c -> c < 0x80);
      ascii.add(plainAscii ? name : TlsaCommand.toAsciiHost(name, "--name"));
    }
    return ascii;
  }

  /**
   * Verifies the chain. The verifier rejects a reference name that is not a host name with an
   * {@link IllegalArgumentException}, which becomes a usage error naming {@code --name}.
   */
  private VerificationResult verify(
      DaneVerifier verifier,
      List<X509Certificate> chain,
      List<TlsaRecord> records,
      Instant instant) {
    try {
      return verifier.verify(chain, records, asciiNames(), instant);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      String prefix = "Invalid reference name ";
      if (!message.startsWith(prefix)) {
        throw e;
      }
      throw new UsageException(
          "Invalid --name "
              + message.substring(prefix.length())
              + "; give a host name in A-label form, such as mx.example.org",
          e);
    }
  }

  private DaneVerifier buildVerifier() {
    DaneVerifier.Builder builder = DaneVerifier.builder().profile(profile);
    if (profile == DaneProfile.SMTP) {
      if (caFile != null) {
        throw new UsageException(
            "--ca-file applies to the generic profile only: the SMTP profile treats PKIX-TA(0) and"
                + " PKIX-EE(1) records as unusable (RFC 7672 section 3.1.3); add --profile"
                + " generic");
      }
      if (Boolean.TRUE.equals(eeNameChecks)) {
        throw new UsageException(
            "--ee-name-checks applies to the generic profile only: RFC 7672 section 3.2.1 forbids"
                + " name checks for DANE-EE(3) in SMTP; add --profile generic");
      }
      return builder.build();
    }
    Path roots = caFile;
    if (roots != null) {
      List<TrustAnchor> anchors = new ArrayList<>();
      for (X509Certificate root : CertificateFiles.read(roots, "--ca-file")) {
        anchors.add(new TrustAnchor(root, null));
      }
      builder.pkixTrustAnchors(anchors);
    }
    return builder.eeNameChecks(Boolean.TRUE.equals(eeNameChecks)).build();
  }

  private static String toJson(VerificationResult result, List<String> warnings) {
    Integer depth =
        result.authenticated() && result.matchDepth().isPresent()
            ? result.matchDepth().getAsInt()
            : null;
    return new Json()
        .add("authenticated", result.authenticated())
        .add("depth", depth)
        .add(
            "record",
            result.authenticated()
                ? result.matchedRecord().map(TlsaRecord::toPresentation).orElse(null)
                : null)
        .add("resultType", result.resultType().map(Rfc8460ResultType::token).orElse(null))
        .add("reasonCode", result.failure().map(FailureReason::reasonCode).orElse(null))
        .add("warnings", warnings)
        .toString();
  }

  private void printText(
      PrintWriter out,
      List<X509Certificate> chain,
      VerificationResult result,
      Instant instant,
      List<String> expiring) {
    out.println(
        "Chain: "
            + chain.size()
            + (chain.size() == 1 ? " certificate" : " certificates")
            + " from "
            + chainFile
            + ", verified at "
            + instant
            + " ("
            + profile.name().toLowerCase(Locale.ROOT)
            + " profile)");
    for (int depth = 0; depth < chain.size(); depth++) {
      List<String> lines = CertificateFiles.describe(chain.get(depth), instant);
      out.println("  depth " + depth + ": " + lines.get(0));
      out.println("           " + lines.get(1));
    }
    out.println("TLSA records:");
    TextReport.printRecordChecks(out, "  ", result.recordChecks(), result);
    out.println("Reference names: " + String.join(", ", names));
    if (result.authenticated()) {
      out.println(
          "Result: authenticated by "
              + result.matchedRecord().map(TlsaRecord::toPresentation).orElse("?")
              + " at depth "
              + result.matchDepth().orElse(-1));
      for (String line : expiring) {
        out.println("Warning: " + line);
      }
      return;
    }
    FailureReason reason = result.failure().orElse(FailureReason.NO_MATCH);
    out.println(
        "Result: NOT authenticated: "
            + reason.reasonCode()
            + " (RFC 8460 "
            + reason.resultType().token()
            + ")");
    for (String line : UserText.clean(result.message()).split("\n", -1)) {
      out.println("  " + line);
    }
    List<String> hints = ChainFixHints.hints(result);
    String unverifiable = CertificateFiles.unverifiableSignature(chain);
    if (unverifiable != null) {
      out.println("  " + unverifiable);
    }
    if (reason == FailureReason.PKIX_VALIDATION_FAILED) {
      // The JDK's path builder skips certificates outside their validity dates and then reports
      // only that it found no path, so the dates are checked here to name the actual problem.
      List<String> outOfDate = datesOutOfRange(chain, instant);
      for (String line : outOfDate) {
        out.println("  " + line);
      }
      hints = List.of(pkixHint(outOfDate));
    }
    for (String hint : hints) {
      out.println("Fix: " + hint);
    }
  }

  /** Describes each certificate of the chain that is expired or not yet valid at the instant. */
  private static List<String> datesOutOfRange(List<X509Certificate> chain, Instant instant) {
    List<String> lines = new ArrayList<>();
    for (int depth = 0; depth < chain.size(); depth++) {
      X509Certificate certificate = chain.get(depth);
      String which =
          (depth == 0 ? "the leaf" : "the certificate at depth " + depth)
              + " ("
              + certificate.getSubjectX500Principal().getName()
              + ")";
      Instant notAfter = certificate.getNotAfter().toInstant();
      Instant notBefore = certificate.getNotBefore().toInstant();
      if (notAfter.isBefore(instant)) {
        lines.add(which + " expired on " + notAfter);
      } else if (notBefore.isAfter(instant)) {
        lines.add(which + " is not valid before " + notBefore);
      }
    }
    return List.copyOf(lines);
  }

  /**
   * Returns the fix for a failed PKIX validation. It names the dates when a certificate is out of
   * range, and does not ask for --ca-file when the file was given.
   */
  private String pkixHint(List<String> outOfDate) {
    if (!outOfDate.isEmpty()) {
      return "renew the certificate named above and install the new chain: PKIX-TA(0) and"
          + " PKIX-EE(1) need every certificate of the path within its validity dates";
    }
    Path roots = caFile;
    if (roots != null) {
      return "no PKIX path leads from the chain to a root in "
          + roots
          + ": check that this file contains the root CA that issued the chain, and that the"
          + " chain contains the intermediate certificates; or publish DANE-TA(2) or DANE-EE(3)"
          + " records instead";
    }
    return ChainFixHints.hint(FailureReason.PKIX_VALIDATION_FAILED);
  }
}
