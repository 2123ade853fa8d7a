package io.github.dane4j.testkit.dns;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * The finished data of one zone, signatures and denial-of-existence records included, indexed for
 * the lookups that a server needs. Instances are immutable once built, so the server's threads read
 * them without locks.
 */
final class ZoneContents {

  private final Name origin;
  private final NavigableMap<Name, Map<Integer, RRset>> nodes;
  private final NavigableSet<Name> existingNames;
  private final Set<Name> cuts;
  private final NavigableMap<Name, RRset> nsecByOwner;
  private final @Nullable Nsec3Parameters nsec3Parameters;
  private final NavigableMap<String, RRset> nsec3ByHash;

  /**
   * Creates the index. The caller hands over the collections and must not change them afterwards.
   *
   * @param nodes RRsets (with their RRSIG records) by owner name in canonical order, then by type
   * @param existingNames names with data plus every empty non-terminal between them and the apex
   * @param cuts delegation points: names below the apex that own an NS RRset
   * @param nsecByOwner NSEC RRsets by owner name; empty when the zone is unsigned or uses NSEC3
   * @param nsec3ByHash NSEC3 RRsets by upper-case base32hex hash label; empty unless NSEC3 is used
   */
  ZoneContents(
      Name origin,
      NavigableMap<Name, Map<Integer, RRset>> nodes,
      NavigableSet<Name> existingNames,
      Set<Name> cuts,
      NavigableMap<Name, RRset> nsecByOwner,
      @Nullable Nsec3Parameters nsec3Parameters,
      NavigableMap<String, RRset> nsec3ByHash) {
    this.origin = origin;
    this.nodes = Collections.unmodifiableNavigableMap(nodes);
    this.existingNames = Collections.unmodifiableNavigableSet(existingNames);
    this.cuts = Set.copyOf(cuts);
    this.nsecByOwner = Collections.unmodifiableNavigableMap(nsecByOwner);
    this.nsec3Parameters = nsec3Parameters;
    this.nsec3ByHash = Collections.unmodifiableNavigableMap(nsec3ByHash);
  }

  Name origin() {
    return origin;
  }

  NavigableMap<Name, Map<Integer, RRset>> nodes() {
    return nodes;
  }

  /** Returns the RRsets owned by {@code name}, by type; empty for a name without data. */
  Map<Integer, RRset> node(Name name) {
    Map<Integer, RRset> node = nodes.get(name);
    return node == null ? Map.of() : node;
  }

  @Nullable RRset rrset(Name name, int type) {
    return node(name).get(type);
  }

  RRset soa() {
    RRset soa = rrset(origin, Type.SOA);
    if (soa == null) {
      throw new IllegalStateException("Zone " + origin + " has no SOA record");
    }
    return soa;
  }

  /** Returns whether {@code name} owns data or is an empty non-terminal of this zone. */
  boolean exists(Name name) {
    return existingNames.contains(name);
  }

  boolean isCut(Name name) {
    return cuts.contains(name);
  }

  boolean usesNsec3() {
    return nsec3Parameters != null;
  }

  /** Returns the NSEC RRset owned by {@code name}, or null. */
  @Nullable RRset nsecAt(Name name) {
    return nsecByOwner.get(name);
  }

  /**
   * Returns the NSEC RRset whose owner is the last one at or before {@code name} in canonical
   * order; for a name that owns no NSEC record, that RRset covers it. Returns null for a zone
   * without an NSEC chain.
   */
  @Nullable RRset nsecCovering(Name name) {
    Map.Entry<Name, RRset> floor = nsecByOwner.floorEntry(name);
    if (floor != null) {
      return floor.getValue();
    }
    Map.Entry<Name, RRset> last = nsecByOwner.lastEntry();
    return last == null ? null : last.getValue();
  }

  /** Returns the NSEC3 RRset whose hashed owner matches {@code name}, or null. */
  @Nullable RRset nsec3Matching(Name name) {
    if (nsec3Parameters == null) {
      return null;
    }
    return nsec3ByHash.get(nsec3Parameters.hashLabel(name));
  }

  /**
   * Returns the NSEC3 RRset whose hash interval contains the hash of {@code name}: the last hash
   * below it, or the highest hash when the interval wraps around. Returns null without NSEC3.
   */
  @Nullable RRset nsec3Covering(Name name) {
    if (nsec3Parameters == null || nsec3ByHash.isEmpty()) {
      return null;
    }
    Map.Entry<String, RRset> lower = nsec3ByHash.lowerEntry(nsec3Parameters.hashLabel(name));
    return lower != null ? lower.getValue() : nsec3ByHash.lastEntry().getValue();
  }

  /** Returns all NSEC3 RRsets in hash order; empty without NSEC3. */
  NavigableMap<String, RRset> nsec3Chain() {
    return nsec3ByHash;
  }
}
