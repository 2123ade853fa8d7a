package io.github.dane4j.dns.dnsjava;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Checks the NSEC (RFC 4035 section 5.4, RFC 6840 section 4) or NSEC3 (RFC 5155 section 8) records
 * of a response, already verified as signed by {@code zone}, against what they must prove.
 *
 * <p>Only the proof logic lives here; the caller verifies the signatures first.
 */
final class DenialOfExistence {
  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);
  private static final Name ASTERISK = Name.fromConstantString("*");

  /** The result of checking denial records against what they must prove about a name. */
  enum Proof {
    /** The denial is proven. */
    PROVEN,
    /**
     * The denial cannot be proven secure, and the zone shows why: an opt-out NSEC3 record covers
     * the name (RFC 5155 section 6), or the NSEC3 iterations exceed {@link
     * ValidationLimits#MAX_NSEC3_ITERATIONS} (RFC 9276 section 3.2).
     */
    INSECURE,
    /** The records do not prove the denial. */
    FAILED
  }

  /** The meaning of a proven DS denial at a name, for the walk down the chain of trust. */
  enum DsAbsence {
    /**
     * The name is a delegation without DS: the zone below it is insecure (RFC 4035 section 5.2).
     */
    INSECURE_DELEGATION,
    /** The name exists but is no delegation, or is an empty non-terminal. */
    NO_DELEGATION,
    /** The name does not exist. */
    NAME_MISSING,
    /** The NSEC3 iterations are too high to check; nothing below the name can be secure. */
    INSECURE_ITERATIONS,
    /** The records prove none of the above. */
    FAILED
  }

  private final Name zone;
  private final List<NSECRecord> nsecs;
  private final List<List<NSEC3Record>> nsec3Groups;
  private final ValidationLimits limits;

  /** The NSEC3 records of the parameter group being checked: one of {@link #nsec3Groups}. */
  private List<NSEC3Record> nsec3s = List.of();

  private final Map<Name, byte[]> hashes = new HashMap<>();
  private String failure = "";

  DenialOfExistence(
      Name zone, List<NSECRecord> nsecs, List<NSEC3Record> nsec3s, ValidationLimits limits) {
    this.zone = zone;
    this.nsecs = nsecs;
    this.nsec3Groups = parameterGroups(usableNsec3s(zone, nsec3s));
    this.limits = limits;
  }

  /** Returns why the last check failed, for the bogus verdict. */
  String failure() {
    return failure;
  }

  /** Proves that {@code name} exists without an RRset of {@code type} (NODATA). */
  Proof noData(Name name, int type) {
    return eachGroup(() -> noDataInGroup(name, type), Proof.FAILED);
  }

  /** Proves that {@code name} does not exist, nor a wildcard that would match it (NXDOMAIN). */
  Proof nameError(Name name) {
    return eachGroup(() -> nameErrorInGroup(name), Proof.FAILED);
  }

  /**
   * Proves that the answer at {@code owner}, expanded from a wildcard whose RRSIG has {@code
   * signatureLabels} labels, could not come from the name itself: the next closer name does not
   * exist (RFC 4035 section 5.3.4, RFC 5155 section 8.8).
   */
  Proof wildcardAnswer(Name owner, int signatureLabels) {
    return eachGroup(() -> wildcardAnswerInGroup(owner, signatureLabels), Proof.FAILED);
  }

  /** Classifies the denial of the DS RRset at {@code name}, a name strictly below the zone. */
  DsAbsence dsAbsence(Name name, boolean nameError) {
    return eachGroup(() -> dsAbsenceInGroup(name, nameError), DsAbsence.FAILED);
  }

  /**
   * Runs {@code check} with the NSEC3 records of each parameter group in turn, until one gives
   * another result than {@code failed}. Records of different salts or iterations never take part in
   * the same proof (RFC 5155 section 8.2).
   */
  private <T> T eachGroup(Supplier<T> check, T failed) {
    if (nsec3Groups.isEmpty()) {
      nsec3s = List.of();
      return check.get();
    }
    T result = failed;
    for (List<NSEC3Record> group : nsec3Groups) {
      nsec3s = group;
      hashes.clear();
      result = check.get();
      if (result != failed) {
        return result;
      }
    }
    return result;
  }

  private Proof noDataInGroup(Name name, int type) {
    if (!nsecs.isEmpty()) {
      return nsecNoData(name, type) ? Proof.PROVEN : fail("no NSEC proves NODATA for " + name);
    }
    return nsec3NoData(name, type);
  }

  private Proof nameErrorInGroup(Name name) {
    if (!nsecs.isEmpty()) {
      return nsecNameError(name)
          ? Proof.PROVEN
          : fail("no NSEC proves that " + name + " is absent");
    }
    return nsec3NameError(name);
  }

  private Proof wildcardAnswerInGroup(Name owner, int signatureLabels) {
    Name nextCloser = ancestorWithLabels(owner, signatureLabels + 1);
    if (!nsecs.isEmpty()) {
      NSECRecord covering = nsecCovering(nextCloser);
      return covering != null
          ? Proof.PROVEN
          : fail("no NSEC proves that " + nextCloser + " is absent behind a wildcard");
    }
    if (nsec3s.isEmpty()) {
      return fail("no usable NSEC3 record for the wildcard answer at " + owner);
    }
    if (tooManyIterations()) {
      return Proof.INSECURE;
    }
    NSEC3Record covering = nsec3Covering(nextCloser);
    if (covering == null) {
      return fail("no NSEC3 covers the next closer name " + nextCloser);
    }
    return isOptOut(covering) ? Proof.INSECURE : Proof.PROVEN;
  }

  private DsAbsence dsAbsenceInGroup(Name name, boolean nameError) {
    if (nameError) {
      return switch (nameErrorInGroup(name)) {
        case PROVEN -> DsAbsence.NAME_MISSING;
        case INSECURE ->
            !nsec3s.isEmpty() && tooManyIterations()
                ? DsAbsence.INSECURE_ITERATIONS
                : DsAbsence.INSECURE_DELEGATION;
        case FAILED -> DsAbsence.FAILED;
      };
    }
    if (!nsecs.isEmpty()) {
      return nsecDsAbsence(name);
    }
    return nsec3DsAbsence(name);
  }

  // NSEC (RFC 4035 section 5.4)

  private boolean nsecNoData(Name name, int type) {
    NSECRecord match = nsecAt(name);
    if (match != null) {
      return nsecDeniesType(match, type);
    }
    NSECRecord covering = nsecCovering(name);
    if (covering == null) {
      return false;
    }
    if (covering.getNext().subdomain(name)) {
      return true; // an empty non-terminal: a name below it exists (RFC 4035 section 3.1.3.2)
    }
    // A wildcard NODATA: the name is absent and the wildcard at its closest encloser lacks the type
    // (RFC 4035 section 3.1.3.4).
    Name encloser = nsecClosestEncloser(name, covering);
    NSECRecord wildcard = nsecAt(wildcardAt(encloser));
    return wildcard != null && nsecDeniesType(wildcard, type);
  }

  private boolean nsecDeniesType(NSECRecord nsec, int type) {
    if (nsec.hasType(type) || nsec.hasType(Type.CNAME)) {
      return false;
    }
    boolean delegation = nsec.hasType(Type.NS) && !nsec.hasType(Type.SOA);
    if (type == Type.DS) {
      // The DS RRset is denied by the parent side of a cut, never by the child apex (RFC 6840
      // section 4.4).
      return !nsec.hasType(Type.SOA);
    }
    // The parent side of a delegation proves nothing about the child's data (RFC 6840 section 4.4).
    return !delegation;
  }

  private boolean nsecNameError(Name name) {
    NSECRecord covering = nsecCovering(name);
    if (covering == null || covering.getNext().subdomain(name)) {
      return false;
    }
    Name encloser = nsecClosestEncloser(name, covering);
    Name wildcard = wildcardAt(encloser);
    return nsecAt(wildcard) == null && nsecCovering(wildcard) != null;
  }

  private DsAbsence nsecDsAbsence(Name name) {
    NSECRecord match = nsecAt(name);
    if (match != null) {
      if (match.hasType(Type.DS) || match.hasType(Type.SOA)) {
        failure = "the NSEC record at " + name + " does not deny its DS RRset";
        return DsAbsence.FAILED;
      }
      return match.hasType(Type.NS) ? DsAbsence.INSECURE_DELEGATION : DsAbsence.NO_DELEGATION;
    }
    if (nsecNoData(name, Type.DS)) {
      return DsAbsence.NO_DELEGATION; // an empty non-terminal, or a wildcard match
    }
    failure = "no NSEC proves the absence of a DS RRset at " + name;
    return DsAbsence.FAILED;
  }

  private @Nullable NSECRecord nsecAt(Name name) {
    for (NSECRecord nsec : nsecs) {
      if (nsec.getName().equals(name)) {
        return nsec;
      }
    }
    return null;
  }

  /**
   * Returns an NSEC record whose span contains {@code name} in canonical order, or null. An NSEC
   * from the parent side of a delegation or at a DNAME above the name cannot deny it (RFC 6840
   * section 4.1).
   */
  private @Nullable NSECRecord nsecCovering(Name name) {
    if (!name.subdomain(zone)) {
      return null;
    }
    for (NSECRecord nsec : nsecs) {
      Name owner = nsec.getName();
      Name next = nsec.getNext();
      boolean after = owner.compareTo(name) < 0;
      boolean before = name.compareTo(next) < 0;
      boolean last = next.compareTo(owner) <= 0; // the last NSEC of the zone points to the apex
      if (!(after && (before || last))) {
        continue;
      }
      if (name.subdomain(owner)
          && (nsec.hasType(Type.DNAME) || (nsec.hasType(Type.NS) && !nsec.hasType(Type.SOA)))) {
        continue;
      }
      return nsec;
    }
    return null;
  }

  /**
   * Returns the closest encloser of a name that {@code covering} proves absent: the longest
   * ancestor shared with the NSEC's owner or next name (RFC 4035 section 5.4).
   */
  private Name nsecClosestEncloser(Name name, NSECRecord covering) {
    Name fromOwner = commonAncestor(name, covering.getName());
    Name fromNext = commonAncestor(name, covering.getNext());
    Name longer = fromOwner.labels() >= fromNext.labels() ? fromOwner : fromNext;
    return longer.subdomain(zone) ? longer : zone;
  }

  // NSEC3 (RFC 5155 section 8)

  private Proof nsec3NoData(Name name, int type) {
    if (nsec3s.isEmpty()) {
      return fail("no usable NSEC or NSEC3 record for " + name);
    }
    if (tooManyIterations()) {
      return Proof.INSECURE;
    }
    NSEC3Record match = nsec3Matching(name);
    if (match != null) {
      // RFC 5155 section 8.5, and 8.6 for a DS query that matches.
      return nsec3DeniesType(match, type)
          ? Proof.PROVEN
          : fail("the NSEC3 record for " + name + " lists the type or CNAME");
    }
    Encloser encloser = closestEncloser(name);
    if (encloser == null) {
      return fail("no NSEC3 closest encloser proof for " + name);
    }
    if (type == Type.DS && isOptOut(encloser.covering())) {
      return Proof.INSECURE; // RFC 5155 section 8.6
    }
    // A wildcard NODATA (RFC 5155 section 8.7).
    NSEC3Record wildcard = nsec3Matching(wildcardAt(encloser.name()));
    if (wildcard != null && nsec3DeniesType(wildcard, type)) {
      return Proof.PROVEN;
    }
    return fail("no NSEC3 record matches " + name + " or a wildcard at its closest encloser");
  }

  private boolean nsec3DeniesType(NSEC3Record nsec3, int type) {
    if (nsec3.hasType(type) || nsec3.hasType(Type.CNAME)) {
      return false;
    }
    boolean delegation = nsec3.hasType(Type.NS) && !nsec3.hasType(Type.SOA);
    return type == Type.DS ? !nsec3.hasType(Type.SOA) : !delegation;
  }

  private Proof nsec3NameError(Name name) {
    if (nsec3s.isEmpty()) {
      return fail("no usable NSEC or NSEC3 record for " + name);
    }
    if (tooManyIterations()) {
      return Proof.INSECURE;
    }
    Encloser encloser = closestEncloser(name);
    if (encloser == null) {
      return fail("no NSEC3 closest encloser proof for " + name);
    }
    NSEC3Record wildcard = nsec3Covering(wildcardAt(encloser.name()));
    if (wildcard == null) {
      return fail("no NSEC3 record denies the wildcard at " + encloser.name());
    }
    // An opt-out span may hide an unsigned delegation at the next closer name (RFC 5155 section
    // 6), so the name error is not proven secure.
    return isOptOut(encloser.covering()) ? Proof.INSECURE : Proof.PROVEN;
  }

  private DsAbsence nsec3DsAbsence(Name name) {
    if (nsec3s.isEmpty()) {
      failure = "no usable NSEC or NSEC3 record for the DS RRset at " + name;
      return DsAbsence.FAILED;
    }
    if (tooManyIterations()) {
      return DsAbsence.INSECURE_ITERATIONS;
    }
    NSEC3Record match = nsec3Matching(name);
    if (match != null) {
      if (match.hasType(Type.DS) || match.hasType(Type.SOA)) {
        failure = "the NSEC3 record for " + name + " does not deny its DS RRset";
        return DsAbsence.FAILED;
      }
      return match.hasType(Type.NS) ? DsAbsence.INSECURE_DELEGATION : DsAbsence.NO_DELEGATION;
    }
    Encloser encloser = closestEncloser(name);
    if (encloser != null && isOptOut(encloser.covering())) {
      return DsAbsence.INSECURE_DELEGATION; // RFC 5155 section 8.6
    }
    if (encloser != null) {
      NSEC3Record wildcard = nsec3Matching(wildcardAt(encloser.name()));
      if (wildcard != null && nsec3DeniesType(wildcard, Type.DS)) {
        return DsAbsence.NO_DELEGATION;
      }
    }
    failure = "no NSEC3 record proves the absence of a DS RRset at " + name;
    return DsAbsence.FAILED;
  }

  /**
   * The closest encloser proof of RFC 5155 section 8.3.
   *
   * @param name the closest encloser
   * @param covering the NSEC3 record that covers the next closer name
   */
  private record Encloser(Name name, NSEC3Record covering) {}

  /**
   * Finds the closest encloser of {@code name}, which must not exist itself: the deepest ancestor
   * with a matching NSEC3 record, whose next closer name is covered by another one. Returns null
   * when the records prove no such pair, or when the encloser is a delegation or a DNAME, below
   * which the zone contains no names (RFC 5155 section 8.3).
   */
  private @Nullable Encloser closestEncloser(Name name) {
    if (!name.subdomain(zone) || name.equals(zone)) {
      return null;
    }
    Name nextCloser = name;
    for (int labels = name.labels() - 1; labels >= zone.labels(); labels--) {
      Name candidate = new Name(name, name.labels() - labels);
      NSEC3Record match = nsec3Matching(candidate);
      if (match != null) {
        if (match.hasType(Type.DNAME) || (match.hasType(Type.NS) && !match.hasType(Type.SOA))) {
          failure = "the closest encloser " + candidate + " is a delegation or DNAME";
          return null;
        }
        NSEC3Record covering = nsec3Covering(nextCloser);
        return covering == null ? null : new Encloser(candidate, covering);
      }
      nextCloser = candidate;
    }
    return null;
  }

  private @Nullable NSEC3Record nsec3Matching(Name name) {
    byte[] hash = hash(name);
    if (hash == null) {
      return null;
    }
    for (NSEC3Record nsec3 : nsec3s) {
      if (Arrays.equals(ownerHash(nsec3), hash)) {
        return nsec3;
      }
    }
    return null;
  }

  private @Nullable NSEC3Record nsec3Covering(Name name) {
    byte[] hash = hash(name);
    if (hash == null) {
      return null;
    }
    for (NSEC3Record nsec3 : nsec3s) {
      byte[] owner = ownerHash(nsec3);
      byte[] next = nsec3.getNext();
      int ownerToHash = Arrays.compareUnsigned(owner, hash);
      int hashToNext = Arrays.compareUnsigned(hash, next);
      boolean wraps = Arrays.compareUnsigned(next, owner) <= 0;
      boolean covers =
          wraps ? ownerToHash < 0 || hashToNext < 0 : ownerToHash < 0 && hashToNext < 0;
      if (covers) {
        return nsec3;
      }
    }
    return null;
  }

  /**
   * Returns the NSEC3 hash of {@code name} with the parameters of the response's records, or null
   * when the hash budget is spent.
   */
  private byte @Nullable [] hash(Name name) {
    byte[] known = hashes.get(name);
    if (known != null) {
      return known;
    }
    if (!limits.takeHash()) {
      failure = "more than " + ValidationLimits.MAX_NSEC3_HASHES + " NSEC3 hashes for one query";
      return null;
    }
    try {
      byte[] hash = nsec3s.get(0).hashName(name);
      hashes.put(name, hash);
      return hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  private boolean tooManyIterations() {
    return nsec3s.get(0).getIterations() > ValidationLimits.MAX_NSEC3_ITERATIONS;
  }

  private static boolean isOptOut(NSEC3Record nsec3) {
    return (nsec3.getFlags() & NSEC3Record.Flags.OPT_OUT) != 0;
  }

  /**
   * Keeps the NSEC3 records that a validator may use (RFC 5155 section 8.1 and 8.2): SHA-1 hashes,
   * no flags besides opt-out and an owner directly below the zone apex.
   */
  private static List<NSEC3Record> usableNsec3s(Name zone, List<NSEC3Record> records) {
    List<NSEC3Record> usable = new ArrayList<>();
    for (NSEC3Record nsec3 : records) {
      if (nsec3.getHashAlgorithm() != NSEC3Record.Digest.SHA1
          || (nsec3.getFlags() & ~NSEC3Record.Flags.OPT_OUT) != 0
          || nsec3.getName().labels() != zone.labels() + 1
          || !nsec3.getName().subdomain(zone)
          || ownerHash(nsec3).length != nsec3.getNext().length) {
        continue;
      }
      usable.add(nsec3);
    }
    return usable;
  }

  /**
   * Splits NSEC3 records into groups of equal salt and iterations, in the order of first
   * appearance. When some group has at most {@link ValidationLimits#MAX_NSEC3_ITERATIONS}
   * iterations, the groups above the limit are dropped, so that an old high-iteration record
   * replayed next to current ones cannot make a denial insecure (RFC 9276 section 3.2).
   */
  private static List<List<NSEC3Record>> parameterGroups(List<NSEC3Record> records) {
    List<List<NSEC3Record>> groups = new ArrayList<>();
    for (NSEC3Record nsec3 : records) {
      List<NSEC3Record> group = null;
      for (List<NSEC3Record> candidate : groups) {
        NSEC3Record first = candidate.get(0);
        if (first.getIterations() == nsec3.getIterations()
            && Arrays.equals(first.getSalt(), nsec3.getSalt())) {
          group = candidate;
          break;
        }
      }
      if (group == null) {
        group = new ArrayList<>();
        groups.add(group);
      }
      group.add(nsec3);
    }
    List<List<NSEC3Record>> checkable = new ArrayList<>();
    for (List<NSEC3Record> group : groups) {
      if (group.get(0).getIterations() <= ValidationLimits.MAX_NSEC3_ITERATIONS) {
        checkable.add(List.copyOf(group));
      }
    }
    if (!checkable.isEmpty()) {
      return List.copyOf(checkable);
    }
    return groups.isEmpty() ? List.of() : List.of(List.copyOf(groups.get(0)));
  }

  private static byte[] ownerHash(NSEC3Record nsec3) {
    byte[] hash = BASE32HEX.fromString(nsec3.getName().getLabelString(0));
    return hash == null ? new byte[0] : hash;
  }

  private Proof fail(String reason) {
    if (failure.isEmpty()) {
      failure = reason;
    }
    return Proof.FAILED;
  }

  /**
   * Returns the wildcard name at {@code encloser}. When {@code *.encloser} would be too long, no
   * wildcard can exist there; the encloser itself is returned, which exists, so every proof that
   * needs the wildcard to be absent fails closed.
   */
  private static Name wildcardAt(Name encloser) {
    try {
      return Name.concatenate(ASTERISK, encloser);
    } catch (NameTooLongException e) {
      return encloser;
    }
  }

  /** Returns the ancestor of {@code name} with {@code labels} labels, not counting the root. */
  static Name ancestorWithLabels(Name name, int labels) {
    int strip = name.labels() - 1 - labels;
    return strip <= 0 ? name : new Name(name, strip);
  }

  private static Name commonAncestor(Name a, Name b) {
    int max = Math.min(a.labels(), b.labels());
    int shared = 1; // the root
    while (shared < max) {
      Name left = new Name(a, a.labels() - shared - 1);
      Name right = new Name(b, b.labels() - shared - 1);
      if (!left.equals(right)) {
        break;
      }
      shared++;
    }
    return new Name(a, a.labels() - shared);
  }
}
