package io.github.dane4j.dns.dnsjava;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DNSSEC.DNSSECException;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The chain of trust for one query of {@link DnssecValidator}: from the closest trust anchor down
 * to a zone, one DS and one DNSKEY query per delegation (RFC 4035 section 5), with the proven zones
 * kept in the {@link KeyCache}.
 *
 * <p>Every step runs in the completion of the previous query, on the thread that completed it; no
 * step is handed to another executor.
 */
final class ChainOfTrust {
  /**
   * The DNSKEY RRset of a zone, or why there is none to trust.
   *
   * @param zone the deepest zone reached: the zone asked for, or an ancestor when the name asked
   *     for is no zone apex or does not exist
   * @param verdict secure when {@code keys} are verified; insecure or bogus otherwise
   * @param keys the verified DNSKEY RRset, or null unless secure
   */
  record ZoneKeys(Name zone, Verdict verdict, @Nullable RRset keys) {
    static ZoneKeys secure(Name zone, RRset keys) {
      return new ZoneKeys(zone, Verdict.secure(), keys);
    }

    static ZoneKeys of(Name zone, Verdict verdict) {
      return new ZoneKeys(zone, verdict, null);
    }
  }

  /**
   * The NSEC and NSEC3 records of a response that verified with a zone's keys.
   *
   * @param nsecs the NSEC records
   * @param nsec3s the NSEC3 records
   * @param failure a bogus verdict when a signed denial RRset failed to verify, else null
   * @param ttl the lowest TTL among them, capped at their signatures' expiry
   */
  record Proofs(
      List<NSECRecord> nsecs, List<NSEC3Record> nsec3s, @Nullable Verdict failure, Duration ttl) {
    boolean isEmpty() {
      return nsecs.isEmpty() && nsec3s.isEmpty();
    }
  }

  private final Resolver upstream;
  private final Executor executor;
  private final Map<Name, List<Record>> anchors;
  private final KeyCache cache;
  private final InFlightQueries queries;
  private final Instant now;
  private final ValidationLimits limits;

  ChainOfTrust(
      Resolver upstream,
      Executor executor,
      Map<Name, List<Record>> anchors,
      KeyCache cache,
      InFlightQueries queries,
      Instant now,
      ValidationLimits limits) {
    this.upstream = upstream;
    this.executor = executor;
    this.anchors = anchors;
    this.cache = cache;
    this.queries = queries;
    this.now = now;
    this.limits = limits;
  }

  Instant now() {
    return now;
  }

  ValidationLimits limits() {
    return limits;
  }

  /**
   * Finds the keys of the deepest zone at or above {@code target}, walking down from the closest
   * trust anchor or cached zone. The result is insecure when a proven insecure delegation, or no
   * trust anchor, lies above {@code target}.
   */
  CompletableFuture<ZoneKeys> keysFor(Name target) {
    Name anchor = closestAnchor(target);
    if (anchor == null) {
      return done(ZoneKeys.of(target, Verdict.insecure("No trust anchor at or above " + target)));
    }
    KeyCache.Entry cached = cache.closest(target, now);
    CompletableFuture<ZoneKeys> walk;
    if (cached != null && cached.zone().subdomain(anchor)) {
      RRset keys = cached.keys();
      Verdict bogus = cached.bogus();
      if (bogus != null) {
        return done(ZoneKeys.of(cached.zone(), bogus));
      }
      if (keys == null) {
        return done(ZoneKeys.of(cached.zone(), insecureDelegation(cached.zone())));
      }
      walk = descend(cached.zone(), keys, cached.zone(), target);
    } else {
      walk =
          anchorKeys(anchor)
              .thenCompose(
                  zone -> {
                    RRset keys = zone.keys();
                    return keys == null ? done(zone) : descend(anchor, keys, anchor, target);
                  });
    }
    return walk.thenApply(this::rememberBogus);
  }

  /**
   * Caches a bogus zone briefly (RFC 4035 section 4.7), unless a budget of this query ran out: that
   * failure belongs to the query, not to the zone.
   */
  private ZoneKeys rememberBogus(ZoneKeys zone) {
    if (zone.verdict().isBogus() && !limits.exhausted()) {
      cache.putBogus(zone.zone(), zone.verdict(), now);
    }
    return zone;
  }

  /**
   * Finds the keys of {@code signer}, which signed data or a denial at {@code owner}. The trust
   * point comes from the owner: the closest trust anchor at or above it. When there is one, the
   * signer must lie at or below that anchor and be {@code owner} or one of its ancestors; any other
   * signer is bogus, so a signer above every anchor cannot turn forged data insecure (RFC 4035
   * section 5.3.1 and 4.3). Only an owner with no anchor at or above it is insecure.
   */
  CompletableFuture<ZoneKeys> keysForSigner(Name owner, Name signer) {
    Name anchor = closestAnchor(owner);
    if (anchor == null) {
      return done(ZoneKeys.of(owner, Verdict.insecure("No trust anchor at or above " + owner)));
    }
    if (!owner.subdomain(signer) || !signer.subdomain(anchor)) {
      return done(
          ZoneKeys.of(
              signer,
              Verdict.bogus(
                  "The signer "
                      + signer
                      + " of data at "
                      + owner
                      + " is not at or below the trust anchor "
                      + anchor
                      + " above it",
                  ExtendedErrorCodeOption.DNSSEC_BOGUS)));
    }
    return keysFor(signer);
  }

  /**
   * Returns the verdict for data at {@code owner} that carries no usable signature: insecure when
   * an insecure delegation is proven above it, bogus otherwise (RFC 4035 section 5.2 and 5.5).
   */
  CompletableFuture<Verdict> unsignedData(Name owner, String description) {
    return keysFor(owner)
        .thenApply(
            zone ->
                zone.verdict().isSecure()
                    ? Verdict.bogus(
                        description + " in the signed zone " + zone.zone(),
                        ExtendedErrorCodeOption.RRSIGS_MISSING)
                    : zone.verdict());
  }

  /**
   * Collects the NSEC and NSEC3 RRsets of the authority section that {@code zone} signed, each
   * verified with {@code keys}. Unsigned ones and those of other signers are left out, so they
   * cannot take part in a proof.
   */
  Proofs proofs(Message response, Name zone, RRset keys) {
    List<NSECRecord> nsecs = new ArrayList<>();
    List<NSEC3Record> nsec3s = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (RRset set : response.getSectionRRsets(Section.AUTHORITY)) {
      if ((set.getType() != Type.NSEC && set.getType() != Type.NSEC3)
          || set.size() == 0
          || !signedBy(set, zone)) {
        continue;
      }
      Signatures.Checked checked = Signatures.verify(set, zone, keys, now, limits);
      if (!checked.verdict().isSecure()) {
        return new Proofs(List.of(), List.of(), checked.verdict(), Duration.ZERO);
      }
      ttl = Math.min(ttl, usableTtl(set));
      for (Record record : set.rrs(false)) {
        if (record instanceof NSECRecord nsec) {
          nsecs.add(nsec);
        } else if (record instanceof NSEC3Record nsec3) {
          nsec3s.add(nsec3);
        }
      }
    }
    return new Proofs(nsecs, nsec3s, null, Duration.ofSeconds(ttl == Long.MAX_VALUE ? 0 : ttl));
  }

  // The walk down from a secure zone.

  /**
   * Walks from the secure {@code zone}, whose names down to {@code checked} are known not to be
   * delegations, towards {@code target}, one label at a time.
   */
  private CompletableFuture<ZoneKeys> descend(Name zone, RRset keys, Name checked, Name target) {
    if (checked.equals(target)) {
      return done(ZoneKeys.secure(zone, keys));
    }
    Name next = DenialOfExistence.ancestorWithLabels(target, checked.labels());
    if (!limits.takeKeyQuery()) {
      return done(ZoneKeys.of(zone, tooManyQueries()));
    }
    return shared(
        next,
        Type.DS,
        response -> afterDs(zone, keys, next, target, response),
        () -> keysFor(target));
  }

  private CompletableFuture<ZoneKeys> afterDs(
      Name zone, RRset keys, Name next, Name target, Message response) {
    RRset ds = answerRRset(response, next, Type.DS);
    if (ds != null) {
      Signatures.Checked checked = Signatures.verify(ds, zone, keys, now, limits);
      if (!checked.verdict().isSecure()) {
        return done(ZoneKeys.of(next, checked.verdict()));
      }
      return childKeys(next, ds, target);
    }

    RRset cname = answerRRset(response, next, Type.CNAME);
    if (cname != null && signedBy(cname, zone)) {
      // An alias owner is never a delegation (RFC 2181 section 10.1).
      Signatures.Checked checked = Signatures.verify(cname, zone, keys, now, limits);
      RRSIGRecord signature = checked.signature();
      if (signature == null) {
        return done(ZoneKeys.of(next, checked.verdict()));
      }
      if (signature.getLabels() < Signatures.ownerLabels(next)) {
        return done(expandedAlias(zone, keys, next, signature, response));
      }
      return descend(zone, keys, next, target);
    }

    Proofs proofs = proofs(response, zone, keys);
    if (proofs.failure() != null) {
      return done(ZoneKeys.of(next, proofs.failure()));
    }
    if (proofs.isEmpty()) {
      return done(
          ZoneKeys.of(
              next,
              Verdict.bogus(
                  "No signed DS RRset and no NSEC or NSEC3 proof of its absence at " + next,
                  ExtendedErrorCodeOption.NSEC_MISSING)));
    }
    DenialOfExistence denial = new DenialOfExistence(zone, proofs.nsecs(), proofs.nsec3s(), limits);
    return switch (denial.dsAbsence(next, response.getRcode() == Rcode.NXDOMAIN)) {
      case INSECURE_DELEGATION -> {
        cache.putInsecure(next, proofs.ttl(), now);
        yield done(ZoneKeys.of(next, insecureDelegation(next)));
      }
      case INSECURE_ITERATIONS ->
          done(
              ZoneKeys.of(
                  next,
                  Verdict.insecure(
                      "The NSEC3 records of "
                          + zone
                          + " use more than "
                          + ValidationLimits.MAX_NSEC3_ITERATIONS
                          + " iterations (RFC 9276 section 3.2)")));
      case NO_DELEGATION -> descend(zone, keys, next, target);
      case NAME_MISSING -> done(ZoneKeys.secure(zone, keys));
      case FAILED -> done(ZoneKeys.of(next, Verdict.bogus(denial.failure())));
    };
  }

  /**
   * Checks a CNAME at {@code next} expanded from a wildcard. Only a wildcard proof that {@code
   * next} does not exist makes it valid (RFC 4035 section 5.3.4). Then no name below {@code next}
   * exists either, and {@code zone} is the deepest zone.
   */
  private ZoneKeys expandedAlias(
      Name zone, RRset keys, Name next, RRSIGRecord signature, Message response) {
    Proofs proofs = proofs(response, zone, keys);
    Verdict failure = proofs.failure();
    if (failure != null) {
      return ZoneKeys.of(next, failure);
    }
    DenialOfExistence denial = new DenialOfExistence(zone, proofs.nsecs(), proofs.nsec3s(), limits);
    return switch (denial.wildcardAnswer(next, signature.getLabels())) {
      case PROVEN -> ZoneKeys.secure(zone, keys);
      case INSECURE ->
          ZoneKeys.of(
              next,
              Verdict.insecure(
                  "The wildcard CNAME at "
                      + next
                      + " lies in an opt-out span or above the NSEC3 iteration limit"));
      case FAILED ->
          ZoneKeys.of(
              next,
              Verdict.bogus(
                  "Wildcard CNAME at " + next + " without proof: " + denial.failure(),
                  ExtendedErrorCodeOption.NSEC_MISSING));
    };
  }

  /** Fetches and verifies the DNSKEY RRset of {@code zone} against its verified DS RRset. */
  private CompletableFuture<ZoneKeys> childKeys(Name zone, RRset ds, Name target) {
    List<DSRecord> usable = usableDs(ds.rrs(false));
    if (usable.isEmpty()) {
      // RFC 4035 section 5.2: a DS RRset with no supported algorithm and digest type makes the
      // zone insecure.
      cache.putInsecure(zone, Duration.ofSeconds(usableTtl(ds)), now);
      return done(
          ZoneKeys.of(
              zone,
              Verdict.insecure(
                  "The DS RRset of " + zone + " lists no supported algorithm and digest type")));
    }
    if (!limits.takeKeyQuery()) {
      return done(ZoneKeys.of(zone, tooManyQueries()));
    }
    return shared(
        zone,
        Type.DNSKEY,
        response -> {
          RRset keys = answerRRset(response, zone, Type.DNSKEY);
          Verdict verdict = keys == null ? missingKeys(zone) : verifyWithDs(zone, keys, usable);
          if (keys == null || !verdict.isSecure()) {
            return done(ZoneKeys.of(zone, verdict));
          }
          cache.putSecure(zone, keys, Duration.ofSeconds(usableTtl(keys)), now);
          return descend(zone, keys, zone, target);
        },
        () -> keysFor(target));
  }

  /** Fetches the DNSKEY RRset at a trust anchor and verifies it against the anchor's records. */
  private CompletableFuture<ZoneKeys> anchorKeys(Name anchor) {
    List<Record> records = anchors.getOrDefault(anchor, List.of());
    List<DSRecord> usableDs = usableDs(records);
    List<DNSKEYRecord> anchorKeys = new ArrayList<>();
    for (Record record : records) {
      if (record instanceof DNSKEYRecord key && Signatures.isUsableZoneKey(key)) {
        anchorKeys.add(key);
      }
    }
    if (usableDs.isEmpty() && anchorKeys.isEmpty()) {
      return done(
          ZoneKeys.of(
              anchor,
              Verdict.insecure(
                  "The trust anchor for "
                      + anchor
                      + " uses no supported algorithm and digest type")));
    }
    if (!limits.takeKeyQuery()) {
      return done(ZoneKeys.of(anchor, tooManyQueries()));
    }
    return shared(
        anchor,
        Type.DNSKEY,
        response -> {
          RRset keys = answerRRset(response, anchor, Type.DNSKEY);
          if (keys == null) {
            return done(ZoneKeys.of(anchor, missingKeys(anchor)));
          }
          Verdict verdict =
              usableDs.isEmpty()
                  ? verifyWithAnchorKeys(anchor, keys, anchorKeys)
                  : verifyWithDs(anchor, keys, usableDs);
          if (!verdict.isSecure() && !usableDs.isEmpty() && !anchorKeys.isEmpty()) {
            verdict = verifyWithAnchorKeys(anchor, keys, anchorKeys);
          }
          if (!verdict.isSecure()) {
            return done(ZoneKeys.of(anchor, verdict));
          }
          cache.putSecure(anchor, keys, Duration.ofSeconds(usableTtl(keys)), now);
          return done(ZoneKeys.secure(anchor, keys));
        },
        () -> keysFor(anchor));
  }

  /**
   * Verifies a DNSKEY RRset with the DS records of its parent (RFC 4035 section 5.2): a usable key
   * whose digest one DS record carries must have signed the RRset.
   */
  private Verdict verifyWithDs(Name zone, RRset keys, List<DSRecord> dsRecords) {
    String failure = "no DNSKEY of " + zone + " matches a DS record";
    int code = ExtendedErrorCodeOption.DNSKEY_MISSING;
    for (Record record : keys.rrs(false)) {
      if (!(record instanceof DNSKEYRecord key) || !Signatures.isUsableZoneKey(key)) {
        continue;
      }
      for (DSRecord ds : dsRecords) {
        if (ds.getFootprint() != key.getFootprint() || ds.getAlgorithm() != key.getAlgorithm()) {
          continue;
        }
        if (!limits.takeDigest()) {
          return Verdict.bogus(
              "Validation stopped: more than "
                  + ValidationLimits.MAX_DS_DIGESTS
                  + " DS digests for one query");
        }
        if (!digestMatches(zone, key, ds)) {
          continue;
        }
        Verdict signed = verifySelfSigned(zone, keys, key);
        if (signed.isSecure()) {
          return signed;
        }
        failure = signed.reason();
        code = signed.extendedError();
      }
    }
    return Verdict.bogus("The DNSKEY RRset of " + zone + " is not trusted: " + failure, code);
  }

  private Verdict verifyWithAnchorKeys(Name zone, RRset keys, List<DNSKEYRecord> anchorKeys) {
    String failure = "no DNSKEY of " + zone + " equals a trust anchor";
    int code = ExtendedErrorCodeOption.DNSKEY_MISSING;
    for (Record record : keys.rrs(false)) {
      if (!(record instanceof DNSKEYRecord key) || !Signatures.isUsableZoneKey(key)) {
        continue;
      }
      boolean anchored =
          anchorKeys.stream()
              .anyMatch(
                  anchor ->
                      Arrays.equals(anchor.rdataToWireCanonical(), key.rdataToWireCanonical()));
      if (!anchored) {
        continue;
      }
      Verdict signed = verifySelfSigned(zone, keys, key);
      if (signed.isSecure()) {
        return signed;
      }
      failure = signed.reason();
      code = signed.extendedError();
    }
    return Verdict.bogus("The DNSKEY RRset of " + zone + " is not trusted: " + failure, code);
  }

  /** Checks that {@code key} signed the DNSKEY RRset {@code keys}. */
  private Verdict verifySelfSigned(Name zone, RRset keys, DNSKEYRecord key) {
    String failure = "no RRSIG by key tag " + key.getFootprint() + " over the DNSKEY RRset";
    int code = ExtendedErrorCodeOption.RRSIGS_MISSING;
    int tried = 0;
    for (RRSIGRecord signature : keys.sigs()) {
      if (!signature.getSigner().equals(zone)
          || signature.getFootprint() != key.getFootprint()
          || signature.getAlgorithm() != key.getAlgorithm()) {
        continue;
      }
      if (++tried > ValidationLimits.MAX_SIGNATURES_PER_RRSET || !limits.takeVerification()) {
        return Verdict.bogus("Validation stopped: too many signatures over the DNSKEY RRset");
      }
      try {
        DNSSEC.verify(keys, signature, key, now);
        return Verdict.secure();
      } catch (DNSSEC.SignatureExpiredException e) {
        failure = "the signature over the DNSKEY RRset expired at " + signature.getExpire();
        code = ExtendedErrorCodeOption.SIGNATURE_EXPIRED;
      } catch (DNSSEC.SignatureNotYetValidException e) {
        failure =
            "the signature over the DNSKEY RRset is not valid before " + signature.getTimeSigned();
        code = ExtendedErrorCodeOption.SIGNATURE_NOT_YET_VALID;
      } catch (DNSSECException | RuntimeException e) {
        failure = "the signature over the DNSKEY RRset does not verify: " + e.getMessage();
        code = ExtendedErrorCodeOption.DNSSEC_BOGUS;
      }
    }
    return Verdict.bogus(failure, code);
  }

  /**
   * Keeps the DS records a validator can use: a supported algorithm and a digest of type SHA-256
   * (2) or SHA-384 (4); SHA-1 (1) only when no other usable type is present (RFC 4509 section 3).
   */
  static List<DSRecord> usableDs(List<Record> records) {
    List<DSRecord> strong = new ArrayList<>();
    List<DSRecord> sha1 = new ArrayList<>();
    for (Record record : records) {
      if (!(record instanceof DSRecord ds)
          || !Signatures.SUPPORTED_ALGORITHMS.contains(ds.getAlgorithm())) {
        continue;
      }
      switch (ds.getDigestID()) {
        case DNSSEC.Digest.SHA256, DNSSEC.Digest.SHA384 -> strong.add(ds);
        case DNSSEC.Digest.SHA1 -> sha1.add(ds);
        default -> {
          // An unsupported digest type: the record is ignored (RFC 4035 section 5.2).
        }
      }
    }
    return strong.isEmpty() ? sha1 : strong;
  }

  /** Returns whether {@code ds} carries the digest of {@code key} (RFC 4034 section 5.1.4). */
  private static boolean digestMatches(Name zone, DNSKEYRecord key, DSRecord ds) {
    String algorithm =
        switch (ds.getDigestID()) {
          case DNSSEC.Digest.SHA1 -> "SHA-1";
          case DNSSEC.Digest.SHA256 -> "SHA-256";
          case DNSSEC.Digest.SHA384 -> "SHA-384";
          default -> "";
        };
    if (algorithm.isEmpty()) {
      return false;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      digest.update(zone.toWireCanonical());
      digest.update(key.rdataToWireCanonical());
      return MessageDigest.isEqual(digest.digest(), ds.getDigest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  // Queries and helpers.

  /**
   * Sends the query {@code name}/{@code type}, or joins the same query of a concurrent lookup, and
   * hands the response to {@code next}. The query stays shared until {@code next} has finished and
   * put what it proved in the cache. A lookup that missed the cache just before that and finds the
   * query released sends nothing: it finds the zone {@code name} cached now and calls {@code
   * restart}, which starts from the cache again.
   */
  private <T> CompletableFuture<T> shared(
      Name name,
      int type,
      Function<Message, CompletableFuture<T>> next,
      Supplier<CompletableFuture<T>> restart) {
    InFlightQueries.Ticket ticket =
        queries.join(name, type, executor, () -> isCached(name) ? null : send(name, type));
    return ticket
        .response()
        .thenCompose(next)
        .exceptionallyCompose(
            error -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              return cause instanceof InFlightQueries.Superseded
                  ? restart.get()
                  : CompletableFuture.<T>failedFuture(error);
            })
        .whenComplete((result, error) -> ticket.release().run());
  }

  private boolean isCached(Name zone) {
    KeyCache.Entry entry = cache.closest(zone, now);
    return entry != null && entry.zone().equals(zone);
  }

  /**
   * Sends a DS or DNSKEY query with the CD bit, as a validator's own queries carry it (RFC 4035
   * section 4.9.2). A failed query fails the stage: without the keys nothing can be proven, not
   * even insecurity, so the lookup ends indeterminate.
   */
  private CompletableFuture<Message> send(Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().setFlag(Flags.CD);
    CompletionStage<Message> stage;
    try {
      stage = upstream.sendAsync(query, executor);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(indeterminate(name, type, e));
    }
    return stage
        .toCompletableFuture()
        .handle(
            (response, error) -> {
              if (error != null) {
                throw new CompletionException(indeterminate(name, type, error));
              }
              return response;
            });
  }

  private static UpstreamFailure indeterminate(Name name, int type, Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    String detail = current.getMessage() == null ? current.toString() : current.getMessage();
    if (current instanceof UpstreamFailure failure) {
      return new UpstreamFailure(
          "DNSSEC status indeterminate: " + detail, failure.rcode(), failure.extendedError());
    }
    return new UpstreamFailure(
        "DNSSEC status indeterminate: query "
            + name
            + "/"
            + Type.string(type)
            + " failed: "
            + detail,
        current);
  }

  private @Nullable Name closestAnchor(Name target) {
    for (int strip = 0; strip < target.labels(); strip++) {
      Name ancestor = strip == 0 ? target : new Name(target, strip);
      if (anchors.containsKey(ancestor)) {
        return ancestor;
      }
    }
    return null;
  }

  /** Returns the RRset of {@code type} owned by {@code name} in the answer section, or null. */
  static @Nullable RRset answerRRset(Message response, Name name, int type) {
    for (RRset set : response.getSectionRRsets(Section.ANSWER)) {
      if (set.getType() == type && set.getName().equals(name) && set.size() > 0) {
        return set;
      }
    }
    return null;
  }

  static boolean signedBy(RRset set, Name zone) {
    for (RRSIGRecord signature : set.sigs()) {
      if (signature.getSigner().equals(zone)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the TTL in seconds for which a verified RRset may be used: its TTL, capped at the
   * original TTL of its signatures (RFC 4035 section 5.3.3) and at the time left until the first of
   * them expires.
   */
  long usableTtl(RRset set) {
    long ttl = set.getTTL();
    for (RRSIGRecord signature : set.sigs()) {
      ttl = Math.min(ttl, signature.getOrigTTL());
      ttl =
          Math.min(ttl, Math.max(0, signature.getExpire().getEpochSecond() - now.getEpochSecond()));
    }
    return Math.max(0, ttl);
  }

  private static Verdict insecureDelegation(Name cut) {
    return Verdict.insecure("Insecure delegation at " + cut + ": its parent proves it has no DS");
  }

  private static Verdict missingKeys(Name zone) {
    return Verdict.bogus("No DNSKEY RRset at " + zone, ExtendedErrorCodeOption.DNSKEY_MISSING);
  }

  private static Verdict tooManyQueries() {
    return Verdict.bogus(
        "Validation stopped: more than "
            + ValidationLimits.MAX_KEY_QUERIES
            + " DS and DNSKEY queries for one query");
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
