package io.github.dane4j.core.internal;

import io.github.dane4j.core.CertificateUsage;
import io.github.dane4j.core.DaneProfile;
import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.FailureReason;
import io.github.dane4j.core.MatchingType;
import io.github.dane4j.core.RecordCheck;
import io.github.dane4j.core.Selector;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.VerificationResult;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The verification algorithm behind {@link DaneVerifier} (RFC 6698 section 2.1.1, RFC 7671 sections
 * 5 and 9, RFC 7672 section 3).
 *
 * <p>It selects the usable records, finds which certificate each one matches at a depth its usage
 * allows, and then tries the matches from the leaf upwards: end-entity matches at depth 0 first,
 * then trust-anchor matches by increasing depth. The first match that passes every later check
 * authenticates the chain. When none does, the result reports the most specific failure.
 */
public final class ChainVerifier {
  private static final int MAX_NAMES_SHOWN = 10;

  private final DaneVerifier settings;
  private final SuccessFactory successFactory;

  /**
   * Creates successful results whose message is built only when it is read. {@link
   * VerificationResult} has no public factory for that, so its package passes one in.
   */
  @FunctionalInterface
  public interface SuccessFactory {
    /** Creates a result as {@link VerificationResult#authenticated} does. */
    VerificationResult authenticated(
        TlsaRecord matchedRecord,
        int matchDepth,
        X509Certificate matchedCertificate,
        List<RecordCheck> recordChecks,
        List<X509Certificate> chain,
        List<String> referenceNames,
        Instant verifiedAt,
        Supplier<String> message);
  }

  /** Creates a verifier run with the settings of {@code settings}. */
  public ChainVerifier(DaneVerifier settings, SuccessFactory successFactory) {
    this.settings = settings;
    this.successFactory = successFactory;
  }

  /**
   * Verifies {@code chain} against {@code records} at {@code at}. Expected outcomes, including an
   * empty or over-long chain, are results; nothing is thrown for them.
   */
  public VerificationResult verify(
      List<X509Certificate> chain,
      List<TlsaRecord> records,
      List<String> referenceNames,
      Instant at) {
    RecordSelection selection =
        RecordSelection.select(records, settings.profile(), settings.digestPreference());
    Context context = new Context(chain, selection, referenceNames, at);

    if (chain.isEmpty()) {
      return context.fail(FailureReason.INVALID_CHAIN, "the server presented no certificate");
    }
    if (chain.size() > settings.maxChainLength()) {
      return context.fail(
          FailureReason.INVALID_CHAIN,
          "the server presented "
              + chain.size()
              + " certificates, more than the maximum of "
              + settings.maxChainLength());
    }
    // Digests are computed when a record needs them. The leaf is encoded now because nearly every
    // record needs it. Another certificate that cannot be encoded fails the verification only when
    // a record or the failure message needs its encoding.
    List<CertificateDigests> presented = new ArrayList<>(chain.size());
    for (int depth = 0; depth < chain.size(); depth++) {
      presented.add(CertificateDigests.of(chain.get(depth), depth));
    }
    try {
      presented.get(0).encode();
    } catch (CertificateEncodingException e) {
      return context.failUnencodable(0);
    }
    if (selection.usable().isEmpty()) {
      return context.fail(
          FailureReason.NO_USABLE_RECORDS,
          null,
          -1,
          new boolean[records.size()],
          "the TLSA RRset holds no usable record, so TLS is required but cannot authenticate"
              + " the server",
          presented,
          Map.of());
    }
    try {
      return new Run(context, presented).execute();
    } catch (CertificateDigests.UnencodableCertificateException e) {
      return context.failUnencodable(e.depth());
    }
  }

  /** Classifies {@code records} as {@link RecordSelection} does, with no record matched. */
  public List<RecordCheck> checkRecords(List<TlsaRecord> records) {
    RecordSelection selection =
        RecordSelection.select(records, settings.profile(), settings.digestPreference());
    List<RecordCheck> checks = new ArrayList<>(records.size());
    for (RecordSelection.Entry entry : selection.entries()) {
      checks.add(new RecordCheck(entry.record(), entry.unusableReason(), false));
    }
    return checks;
  }

  /** The inputs of one verification, and how to turn an outcome into a result. */
  private record Context(
      List<X509Certificate> chain,
      RecordSelection selection,
      List<String> referenceNames,
      Instant at) {

    /** Fails before any certificate was read, so the message lists no digests. */
    VerificationResult fail(FailureReason reason, String headline) {
      return fail(
          reason, null, -1, new boolean[selection.entries().size()], headline, List.of(), Map.of());
    }

    VerificationResult failUnencodable(int depth) {
      return fail(
          FailureReason.INVALID_CHAIN,
          "the presented certificate at depth " + depth + " cannot be encoded as DER");
    }

    /**
     * Fails with a message that lists the digests of every presented certificate. When one of them
     * cannot be encoded, the result is {@code INVALID_CHAIN} instead.
     *
     * @param matchedRecord the record that matched before a later check failed, or null
     * @param matched whether each record matched, by position in the RRset
     * @param notes what became of each usable record, by position in the RRset
     */
    VerificationResult fail(
        FailureReason reason,
        @Nullable TlsaRecord matchedRecord,
        int matchDepth,
        boolean[] matched,
        String headline,
        List<CertificateDigests> presented,
        Map<Integer, String> notes) {
      for (int depth = 0; depth < presented.size(); depth++) {
        try {
          presented.get(depth).encodeAll();
        } catch (CertificateEncodingException e) {
          return failUnencodable(depth);
        }
      }
      return VerificationResult.failed(
          reason,
          matchedRecord,
          matchDepth,
          recordChecks(matched),
          chain,
          referenceNames,
          at,
          DiagnosticMessage.failure(
              reason, headline, referenceNames, presented, selection.entries(), notes));
    }

    /** Returns one check per record, in RRset order. */
    List<RecordCheck> recordChecks(boolean[] matched) {
      List<RecordSelection.Entry> entries = selection.entries();
      RecordCheck[] checks = new RecordCheck[entries.size()];
      for (int i = 0; i < checks.length; i++) {
        RecordSelection.Entry entry = entries.get(i);
        checks[i] = new RecordCheck(entry.record(), entry.unusableReason(), matched[entry.index()]);
      }
      return List.of(checks);
    }
  }

  /** How a record came to match, which decides the checks that follow the match. */
  private enum MatchKind {
    /** DANE-EE(3) matched the leaf. */
    DANE_EE,
    /** PKIX-EE(1) matched the leaf. */
    PKIX_EE,
    /**
     * DANE-TA(2) matched a presented certificate at depth 1 or more: the certificate is the anchor
     * for a Cert selector, its key for an SPKI selector.
     */
    DANE_TA_PRESENTED,
    /** DANE-TA(2) Cert/Full: the record's certificate issued a presented one. */
    DANE_TA_RECORD_CERTIFICATE,
    /** DANE-TA(2) SPKI/Full: the record's key signed a presented certificate. */
    DANE_TA_RECORD_KEY,
    /** PKIX-TA(0) matched a certificate of the PKIX-validated path at depth 1 or more. */
    PKIX_TA;

    boolean endEntity() {
      return this == DANE_EE || this == PKIX_EE;
    }
  }

  /**
   * One match to try.
   *
   * @param certificate the anchor for trust-anchor kinds (for a bare key: the certificate it
   *     signed), else the leaf
   */
  private record Match(
      RecordSelection.Entry entry, MatchKind kind, int depth, X509Certificate certificate) {}

  /** The outcome of the checks after a match. */
  private record Verdict(@Nullable FailureReason failure, String detail) {
    static final Verdict PASSED = new Verdict(null, "");
  }

  /** The order in which matches are tried: end-entity first, then by depth, then RRset order. */
  private static final Comparator<Match> MATCH_ORDER =
      Comparator.comparing((Match match) -> !match.kind().endEntity())
          .thenComparingInt(Match::depth)
          .thenComparingInt(match -> match.entry().index());

  /** The state of one verification after the chain and the records have been read. */
  private final class Run {
    private final Context context;
    private final List<CertificateDigests> presented;
    private final X509Certificate leaf;
    private final Map<Integer, String> notes = new HashMap<>();
    // Created when a match first needs path validation, which a DANE-EE match never does.
    private @Nullable PathState pathState;
    private @Nullable List<String> normalizedNames;

    Run(Context context, List<CertificateDigests> presented) {
      this.context = context;
      this.presented = presented;
      this.leaf = context.chain().get(0);
    }

    VerificationResult execute() {
      List<Match> matches = new ArrayList<>();
      for (RecordSelection.Entry entry : context.selection().usable()) {
        findMatches(entry, matches);
      }
      if (matches.size() > 1) {
        matches.sort(MATCH_ORDER);
      }
      boolean[] matched = new boolean[context.selection().entries().size()];
      for (Match match : matches) {
        matched[match.entry().index()] = true;
      }

      @Nullable Match bestFailedMatch = null;
      Verdict bestFailure = new Verdict(FailureReason.NO_MATCH, "");
      for (Match match : matches) {
        Verdict verdict = check(match);
        FailureReason failure = verdict.failure();
        if (failure == null) {
          return succeed(match, matched);
        }
        addNote(
            match.entry(),
            "matched the certificate at depth "
                + match.depth()
                + " "
                + DanePathValidator.subject(match.certificate())
                + ", then failed: "
                + verdict.detail());
        if (rank(failure) > rank(bestFailure.failure())) {
          bestFailure = verdict;
          bestFailedMatch = match;
        }
      }
      return fail(bestFailure, bestFailedMatch, matched);
    }

    private void findMatches(RecordSelection.Entry entry, List<Match> matches) {
      TlsaRecord record = entry.record();
      CertificateUsage usage = record.knownUsage().orElseThrow();
      switch (usage) {
        case DANE_EE -> matchLeaf(entry, MatchKind.DANE_EE, matches);
        case PKIX_EE -> matchLeaf(entry, MatchKind.PKIX_EE, matches);
        case DANE_TA -> matchDaneTrustAnchor(entry, matches);
        case PKIX_TA -> matchPkixTrustAnchor(entry, matches);
      }
    }

    private void matchLeaf(RecordSelection.Entry entry, MatchKind kind, List<Match> matches) {
      if (presented.get(0).matches(entry.record())) {
        matches.add(new Match(entry, kind, 0, leaf));
        return;
      }
      List<Integer> higher = presentedDepthsMatching(entry.record(), 1);
      notes.put(
          entry.index(),
          higher.isEmpty()
              ? "usable, matches no presented certificate"
              : "usable, matches only the certificate at depth "
                  + higher.get(0)
                  + ", but an end-entity usage matches only the leaf (depth 0)");
    }

    /**
     * Finds DANE-TA(2) matches: presented certificates at depth 1 or more, never the leaf (as
     * OpenSSL does), or else an anchor that only a Full(0) record carries (RFC 7671 section 5.2.2
     * for "2 0 0", section 5.2.3 for "2 1 0").
     */
    private void matchDaneTrustAnchor(RecordSelection.Entry entry, List<Match> matches) {
      TlsaRecord record = entry.record();
      int matchCount = matches.size();
      for (int depth = 1; depth < presented.size(); depth++) {
        X509Certificate anchor = context.chain().get(depth);
        // A copy of the leaf further up the chain is still the leaf.
        if (presented.get(depth).matches(record) && !anchor.equals(leaf)) {
          matches.add(new Match(entry, MatchKind.DANE_TA_PRESENTED, depth, anchor));
        }
      }
      if (matches.size() == matchCount && record.matchingType() == MatchingType.FULL.code()) {
        matchRecordAnchor(entry, matches);
      }
      if (matches.size() == matchCount && !notes.containsKey(entry.index())) {
        notes.put(
            entry.index(),
            presented.get(0).matches(record)
                ? "usable, matches only the leaf, but DANE-TA(2) must match a certificate at depth"
                    + " 1 or more"
                : "usable, matches no presented certificate");
      }
    }

    private void matchRecordAnchor(RecordSelection.Entry entry, List<Match> matches) {
      DanePathValidator pathValidator = pathState().validator;
      X509Certificate recordCertificate = entry.fullCertificate();
      if (recordCertificate != null) {
        // "2 0 0" not presented: the anchor sits one above the top-most certificate it issued.
        for (int depth = context.chain().size() - 1; depth >= 0; depth--) {
          X509Certificate candidate = context.chain().get(depth);
          if (!candidate.equals(recordCertificate)
              && pathValidator.issuedBy(candidate, recordCertificate)) {
            matches.add(
                new Match(
                    entry, MatchKind.DANE_TA_RECORD_CERTIFICATE, depth + 1, recordCertificate));
            return;
          }
        }
        return;
      }
      if (entry.record().selector() != Selector.SPKI.code()) {
        return;
      }
      var key = entry.fullKey();
      if (key == null) {
        notes.put(
            entry.index(),
            "usable, matches no presented certificate, and its key algorithm cannot be decoded,"
                + " so it cannot serve as a trust anchor that the server did not send");
        return;
      }
      // "2 1 0" not presented: the depth is that of the top-most certificate the key signed, as
      // OpenSSL reports it. A certificate with this very key is the anchor itself, not a
      // certificate it signed, which keeps a self-signed leaf from matching.
      for (int depth = context.chain().size() - 1; depth >= 0; depth--) {
        CertificateDigests signed = presented.get(depth);
        if (!signed.matches(entry.record()) && pathValidator.verifies(signed.certificate(), key)) {
          matches.add(new Match(entry, MatchKind.DANE_TA_RECORD_KEY, depth, signed.certificate()));
          return;
        }
      }
    }

    /**
     * Finds PKIX-TA(0) matches among the certificates of the PKIX-validated path at depth 1 or
     * more, including the trust-store anchor one above the path's top (RFC 7671 section 5.4).
     */
    private void matchPkixTrustAnchor(RecordSelection.Entry entry, List<Match> matches) {
      DanePathValidator.Outcome outcome = pkixOutcome();
      int matchCount = matches.size();
      if (outcome.valid()) {
        List<X509Certificate> path = new ArrayList<>(outcome.path());
        var anchor = outcome.anchor();
        if (anchor != null && anchor.getTrustedCert() != null) {
          path.add(anchor.getTrustedCert());
        }
        for (int depth = 1; depth < path.size(); depth++) {
          CertificateDigests digests = digestsOf(path.get(depth));
          if (digests != null && digests.matches(entry.record())) {
            matches.add(new Match(entry, MatchKind.PKIX_TA, depth, path.get(depth)));
          }
        }
      } else {
        for (int depth : presentedDepthsMatching(entry.record(), 1)) {
          matches.add(new Match(entry, MatchKind.PKIX_TA, depth, context.chain().get(depth)));
        }
      }
      if (matches.size() == matchCount) {
        notes.put(
            entry.index(),
            outcome.valid()
                ? "usable, matches no certificate above the leaf on the PKIX-validated path"
                : "usable, matches no presented certificate above the leaf");
      }
    }

    private Verdict check(Match match) {
      return switch (match.kind()) {
        case DANE_EE ->
            settings.profile() == DaneProfile.GENERIC && settings.eeNameChecks()
                ? checkNames()
                : Verdict.PASSED;
        case PKIX_EE, PKIX_TA -> {
          DanePathValidator.Outcome outcome = pkixOutcome();
          yield outcome.valid() ? checkNames() : toVerdict(outcome);
        }
        case DANE_TA_PRESENTED, DANE_TA_RECORD_CERTIFICATE -> {
          PathState state = pathState();
          DanePathValidator.Outcome outcome =
              match.entry().record().selector() == Selector.CERT.code()
                  ? state.certificateAnchorOutcomes.computeIfAbsent(
                      match.certificate(), state.validator::validateToCertificate)
                  : state.keyAnchorOutcomes.computeIfAbsent(
                      match.certificate(),
                      anchor ->
                          state.validator.validateToKey(
                              anchor.getPublicKey(), anchor.getSubjectX500Principal()));
          yield outcome.valid() ? checkNames() : toVerdict(outcome);
        }
        case DANE_TA_RECORD_KEY -> {
          var key = match.entry().fullKey();
          if (key == null) {
            throw new IllegalStateException("A bare-key match without a decoded key");
          }
          DanePathValidator.Outcome outcome =
              pathState()
                  .validator
                  .validateToKey(key, match.certificate().getIssuerX500Principal());
          yield outcome.valid() ? checkNames() : toVerdict(outcome);
        }
      };
    }

    private Verdict checkNames() {
      List<String> names = normalizedNames();
      if (HostnameMatcher.matchesAny(leaf, names, settings.multiLabelWildcards())) {
        return Verdict.PASSED;
      }
      List<String> presentedNames = HostnameMatcher.presentedNames(leaf);
      return new Verdict(
          FailureReason.HOST_MISMATCH,
          "no name of the leaf "
              + describeNames(presentedNames)
              + " matches a reference name "
              + names);
    }

    /**
     * Lists the leaf's names for a message, at most {@value #MAX_NAMES_SHOWN} of them and each cut
     * to 100 characters, because the server chooses how many names its certificate carries.
     */
    private String describeNames(List<String> presentedNames) {
      if (presentedNames.isEmpty()) {
        return "(none)";
      }
      List<String> shown = new ArrayList<>();
      for (String name :
          presentedNames.subList(0, Math.min(presentedNames.size(), MAX_NAMES_SHOWN))) {
        shown.add(name.length() > 100 ? name.substring(0, 100) + "..." : name);
      }
      int hidden = presentedNames.size() - shown.size();
      return shown + (hidden > 0 ? " and " + hidden + " more" : "");
    }

    /** Returns the reference names in comparison form, converting them on first use. */
    private List<String> normalizedNames() {
      List<String> names = normalizedNames;
      if (names == null) {
        names = HostnameMatcher.normalizeReferenceNames(context.referenceNames());
        normalizedNames = names;
      }
      return names;
    }

    private Verdict toVerdict(DanePathValidator.Outcome outcome) {
      return new Verdict(outcome.failure(), outcome.detail());
    }

    private DanePathValidator.Outcome pkixOutcome() {
      PathState state = pathState();
      DanePathValidator.Outcome outcome = state.pkixOutcome;
      if (outcome == null) {
        outcome = state.validator.validateToTrustAnchors(settings.pkixTrustAnchors());
        state.pkixOutcome = outcome;
      }
      return outcome;
    }

    private PathState pathState() {
      PathState state = pathState;
      if (state == null) {
        state =
            new PathState(
                new DanePathValidator(
                    context.chain(),
                    recordCertificates(),
                    context.at(),
                    settings.maxChainLength()));
        pathState = state;
      }
      return state;
    }

    private VerificationResult succeed(Match match, boolean[] matched) {
      TlsaRecord record = match.entry().record();
      int depth = match.depth();
      MatchKind kind = match.kind();
      X509Certificate certificate = match.certificate();
      return successFactory.authenticated(
          record,
          depth,
          certificate,
          context.recordChecks(matched),
          context.chain(),
          context.referenceNames(),
          context.at(),
          () -> successMessage(record, depth, kind, certificate));
    }

    private VerificationResult fail(Verdict verdict, @Nullable Match match, boolean[] matched) {
      FailureReason reason = verdict.failure();
      if (reason == null) {
        throw new IllegalStateException("A failed verification without a failure reason");
      }
      if (match == null) {
        return context.fail(
            reason,
            null,
            -1,
            matched,
            "no usable TLSA record matches a presented certificate at a depth its usage allows",
            presented,
            notes);
      }
      TlsaRecord record = match.entry().record();
      String headline =
          "TLSA record "
              + record.usage()
              + " "
              + record.selector()
              + " "
              + record.matchingType()
              + " matched at depth "
              + match.depth()
              + ", but "
              + verdict.detail();
      return context.fail(reason, record, match.depth(), matched, headline, presented, notes);
    }

    private void addNote(RecordSelection.Entry entry, String note) {
      notes.merge(entry.index(), "usable, " + note, (old, added) -> old + "; " + note);
    }

    private List<Integer> presentedDepthsMatching(TlsaRecord record, int fromDepth) {
      List<Integer> depths = new ArrayList<>();
      for (int depth = fromDepth; depth < presented.size(); depth++) {
        if (presented.get(depth).matches(record)) {
          depths.add(depth);
        }
      }
      return depths;
    }

    private @Nullable CertificateDigests digestsOf(X509Certificate certificate) {
      for (CertificateDigests digests : presented) {
        if (digests.certificate().equals(certificate)) {
          return digests;
        }
      }
      Map<X509Certificate, CertificateDigests> otherDigests = pathState().otherDigests;
      CertificateDigests cached = otherDigests.get(certificate);
      if (cached == null) {
        cached = CertificateDigests.of(certificate, -1);
        try {
          cached.encodeAll();
        } catch (CertificateEncodingException e) {
          return null;
        }
        otherDigests.put(certificate, cached);
      }
      return cached;
    }

    /** Returns the certificates of usable Cert/Full trust-anchor records, for path building. */
    private List<X509Certificate> recordCertificates() {
      List<X509Certificate> certificates = new ArrayList<>();
      for (RecordSelection.Entry entry : context.selection().usable()) {
        X509Certificate certificate = entry.fullCertificate();
        boolean trustAnchorUsage =
            entry.record().usage() == CertificateUsage.DANE_TA.code()
                || entry.record().usage() == CertificateUsage.PKIX_TA.code();
        if (certificate != null && trustAnchorUsage) {
          certificates.add(certificate);
        }
      }
      return certificates;
    }
  }

  /**
   * Path validation state of one verification. The outcomes for presented anchors and the PKIX
   * outcome are computed at most once.
   */
  private static final class PathState {
    private final DanePathValidator validator;
    // An SPKI record pins only the key (RFC 7671 section 5.2.1), so a certificate matched by one
    // becomes a bare-key anchor without the certificate's constraints or validity dates.
    private final Map<X509Certificate, DanePathValidator.Outcome> certificateAnchorOutcomes =
        new HashMap<>();
    private final Map<X509Certificate, DanePathValidator.Outcome> keyAnchorOutcomes =
        new HashMap<>();
    private final Map<X509Certificate, CertificateDigests> otherDigests = new HashMap<>();
    private DanePathValidator.@Nullable Outcome pkixOutcome;

    PathState(DanePathValidator validator) {
      this.validator = validator;
    }
  }

  private static String successMessage(
      TlsaRecord record, int depth, MatchKind kind, X509Certificate certificate) {
    String matchedDescription =
        kind.endEntity()
            ? "the leaf " + DanePathValidator.subject(certificate)
            : kind == MatchKind.DANE_TA_RECORD_KEY
                ? "the trust anchor key that signed " + DanePathValidator.subject(certificate)
                : "the trust anchor " + DanePathValidator.subject(certificate);
    return DiagnosticMessage.success(record, depth, matchedDescription);
  }

  /**
   * Ranks failures so that the most specific one is reported: a match that failed a later check
   * beats no match at all, and a failure closer to success beats one further away.
   */
  private static int rank(@Nullable FailureReason failure) {
    if (failure == null) {
      return Integer.MAX_VALUE;
    }
    return switch (failure) {
      case HOST_MISMATCH -> 4;
      case EXPIRED, NOT_YET_VALID -> 3;
      case NO_PATH_TO_ANCHOR -> 2;
      case PKIX_VALIDATION_FAILED -> 1;
      case NO_MATCH, NO_USABLE_RECORDS, INVALID_CHAIN -> 0;
    };
  }
}
