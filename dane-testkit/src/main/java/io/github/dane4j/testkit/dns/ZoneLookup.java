package io.github.dane4j.testkit.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Looks up one name and type in one zone the way an authoritative server does (RFC 1034 section
 * 4.3.2) and adds the DNSSEC proofs of RFC 4035 section 3.1.3 (NSEC) and RFC 5155 section 7.2
 * (NSEC3). The caller strips DNSSEC records for clients that did not set the DO bit.
 */
final class ZoneLookup {

  private final ZoneContents zone;

  private ZoneLookup(ZoneContents zone) {
    this.zone = zone;
  }

  /**
   * Looks up {@code qname}, which must be at or below the zone's origin. A DS query for a
   * delegation point is answered from this (the parent) side of the cut.
   */
  static ZoneAnswer lookup(ZoneContents zone, Name qname, int qtype) {
    return new ZoneLookup(zone).find(qname, qtype);
  }

  private ZoneAnswer find(Name qname, int qtype) {
    Name origin = zone.origin();
    int depth = qname.labels() - origin.labels();
    for (int strip = depth; strip >= 1; strip--) {
      Name ancestor = new Name(qname, strip);
      if (!ancestor.equals(origin) && zone.isCut(ancestor)) {
        return referral();
      }
      RRset dname = zone.rrset(ancestor, Type.DNAME);
      if (dname != null) {
        return substitute(dname, qname);
      }
    }

    if (!qname.equals(origin) && zone.isCut(qname)) {
      if (qtype != Type.DS) {
        return referral();
      }
      RRset ds = zone.rrset(qname, Type.DS);
      return ds != null ? answer(List.of(ds), List.of()) : noData(qname);
    }

    if (zone.exists(qname)) {
      Map<Integer, RRset> node = zone.node(qname);
      if (qtype == Type.ANY && !node.isEmpty()) {
        return answer(List.copyOf(node.values()), List.of());
      }
      RRset rrset = node.get(qtype);
      if (rrset != null) {
        return answer(List.of(rrset), List.of());
      }
      RRset cname = node.get(Type.CNAME);
      if (cname != null) {
        return alias(List.of(cname), List.of(), ((CNAMERecord) cname.first()).getTarget());
      }
      return noData(qname);
    }

    Name closest = closestEncloser(qname);
    Name wildcard = wildcardAt(closest);
    if (wildcard != null && zone.exists(wildcard)) {
      return expandWildcard(qname, qtype, closest, wildcard);
    }
    return nameError(qname, closest, wildcard);
  }

  private ZoneAnswer expandWildcard(Name qname, int qtype, Name closest, Name wildcard) {
    Map<Integer, RRset> node = zone.node(wildcard);
    List<RRset> proof = new ArrayList<>();
    if (zone.usesNsec3()) {
      addIfPresent(proof, zone.nsec3Covering(nextCloser(qname, closest)));
    } else {
      addIfPresent(proof, zone.nsecCovering(qname));
    }

    RRset rrset = node.get(qtype);
    if (rrset != null) {
      return answer(List.of(rename(rrset, qname)), proof);
    }
    RRset cname = node.get(Type.CNAME);
    if (cname != null && qtype != Type.CNAME) {
      Name target = ((CNAMERecord) cname.first()).getTarget();
      return alias(List.of(rename(cname, qname)), proof, target);
    }

    // Wildcard no-data response (RFC 4035 section 3.1.3.4, RFC 5155 section 7.2.5).
    List<RRset> authority = new ArrayList<>();
    authority.add(zone.soa());
    if (zone.usesNsec3()) {
      addIfPresent(authority, zone.nsec3Matching(closest));
      addAllNew(authority, proof);
      addIfPresent(authority, zone.nsec3Matching(wildcard));
    } else {
      addAllNew(authority, proof);
      RRset atWildcard = zone.nsecAt(wildcard);
      addIfPresent(authority, atWildcard != null ? atWildcard : zone.nsecCovering(wildcard));
    }
    return new ZoneAnswer(ZoneAnswer.Kind.NODATA, List.of(), authority, null);
  }

  private ZoneAnswer noData(Name qname) {
    List<RRset> authority = new ArrayList<>();
    authority.add(zone.soa());
    if (zone.usesNsec3()) {
      RRset match = zone.nsec3Matching(qname);
      if (match != null) {
        authority.add(match);
      } else {
        // An opted-out delegation has no NSEC3 record of its own, so prove the closest provable
        // encloser instead. The covering record carries the Opt-Out flag (RFC 5155 7.2.4).
        Name closest = closestProvableEncloser(qname);
        addIfPresent(authority, zone.nsec3Matching(closest));
        addIfPresent(authority, zone.nsec3Covering(nextCloser(qname, closest)));
      }
    } else {
      RRset own = zone.nsecAt(qname);
      // An empty non-terminal owns no NSEC record; the one that covers it proves it is empty.
      addIfPresent(authority, own != null ? own : zone.nsecCovering(qname));
    }
    return new ZoneAnswer(ZoneAnswer.Kind.NODATA, List.of(), authority, null);
  }

  private ZoneAnswer nameError(Name qname, Name closest, @Nullable Name wildcard) {
    List<RRset> authority = new ArrayList<>();
    authority.add(zone.soa());
    if (zone.usesNsec3()) {
      addIfPresent(authority, zone.nsec3Matching(closest));
      addIfPresent(authority, zone.nsec3Covering(nextCloser(qname, closest)));
      if (wildcard != null) {
        addIfPresent(authority, zone.nsec3Covering(wildcard));
      }
    } else {
      addIfPresent(authority, zone.nsecCovering(qname));
      if (wildcard != null) {
        addIfPresent(authority, zone.nsecCovering(wildcard));
      }
    }
    return new ZoneAnswer(ZoneAnswer.Kind.NXDOMAIN, List.of(), authority, null);
  }

  /** Applies a DNAME (RFC 6672 section 3.1): the DNAME plus a synthesized, unsigned CNAME. */
  private ZoneAnswer substitute(RRset dname, Name qname) {
    DNAMERecord record = (DNAMERecord) dname.first();
    Name target;
    try {
      target = qname.fromDNAME(record);
    } catch (NameTooLongException e) {
      return new ZoneAnswer(ZoneAnswer.Kind.YXDOMAIN, List.of(dname), List.of(), null);
    }
    RRset synthesized =
        new RRset(new CNAMERecord(qname, record.getDClass(), dname.getTTL(), target));
    return alias(List.of(dname, synthesized), List.of(), target);
  }

  private Name closestEncloser(Name qname) {
    for (int strip = 1; strip < qname.labels() - zone.origin().labels(); strip++) {
      Name ancestor = new Name(qname, strip);
      if (zone.exists(ancestor)) {
        return ancestor;
      }
    }
    return zone.origin();
  }

  /** Returns the closest ancestor of {@code qname} that owns an NSEC3 record. */
  private Name closestProvableEncloser(Name qname) {
    for (int strip = 1; strip < qname.labels() - zone.origin().labels(); strip++) {
      Name ancestor = new Name(qname, strip);
      if (zone.nsec3Matching(ancestor) != null) {
        return ancestor;
      }
    }
    return zone.origin();
  }

  /** Returns the ancestor of {@code qname} one label longer than {@code closest}. */
  private static Name nextCloser(Name qname, Name closest) {
    return new Name(qname, qname.labels() - closest.labels() - 1);
  }

  private static @Nullable Name wildcardAt(Name closest) {
    try {
      return Name.concatenate(Name.fromConstantString("*"), closest);
    } catch (NameTooLongException e) {
      return null;
    }
  }

  /** Returns a copy of a wildcard RRset owned by {@code qname}; RRSIG labels stay unchanged. */
  private static RRset rename(RRset rrset, Name qname) {
    RRset renamed = new RRset();
    for (Record record : rrset.rrs(false)) {
      renamed.addRR(record.withName(qname));
    }
    for (RRSIGRecord signature : rrset.sigs()) {
      renamed.addRR((RRSIGRecord) signature.withName(qname));
    }
    return renamed;
  }

  private static ZoneAnswer answer(List<RRset> answer, List<RRset> authority) {
    return new ZoneAnswer(ZoneAnswer.Kind.ANSWER, answer, authority, null);
  }

  private static ZoneAnswer alias(List<RRset> answer, List<RRset> authority, Name next) {
    return new ZoneAnswer(ZoneAnswer.Kind.ALIAS, answer, authority, next);
  }

  private static ZoneAnswer referral() {
    return new ZoneAnswer(ZoneAnswer.Kind.REFERRAL, List.of(), List.of(), null);
  }

  private static void addIfPresent(List<RRset> list, @Nullable RRset rrset) {
    if (rrset != null && list.stream().noneMatch(existing -> existing.equals(rrset))) {
      list.add(rrset);
    }
  }

  private static void addAllNew(List<RRset> list, List<RRset> more) {
    for (RRset rrset : more) {
      addIfPresent(list, rrset);
    }
  }
}
