package io.github.dane4j.testkit.dns;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The zones a server hosts, with the delegated children of each, found by name. */
final class ZoneTree {

  private final Map<Name, TestZone> zones;

  /**
   * Collects the given zones and every zone delegated from them.
   *
   * @throws IllegalArgumentException if two different zones share an origin, or a zone lies below
   *     another hosted zone that does not delegate it
   */
  ZoneTree(Collection<TestZone> roots) {
    Map<Name, TestZone> collected = new LinkedHashMap<>();
    Deque<TestZone> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      TestZone zone = pending.removeFirst();
      TestZone existing = collected.putIfAbsent(zone.origin(), zone);
      if (existing != null && existing != zone) {
        throw new IllegalArgumentException(
            "Invalid zone set: two different zones have the origin " + zone.origin());
      }
      if (existing == null) {
        pending.addAll(zone.delegatedZones());
      }
    }
    this.zones = Collections.unmodifiableMap(collected);
    for (TestZone zone : zones.values()) {
      TestZone parent = parentOf(zone.origin());
      if (parent != null && !parent.delegatedZones().contains(zone)) {
        throw new IllegalArgumentException(
            "Invalid zone set: "
                + zone.origin()
                + " is below the hosted zone "
                + parent.origin()
                + ", which does not delegate it; build the parent with delegate(child)");
      }
    }
  }

  Collection<TestZone> zones() {
    return zones.values();
  }

  /** Returns the deepest hosted zone strictly above {@code origin}, or null. */
  @Nullable TestZone parentOf(Name origin) {
    for (int strip = 1; strip < origin.labels(); strip++) {
      TestZone zone = zones.get(new Name(origin, strip));
      if (zone != null) {
        return zone;
      }
    }
    return null;
  }

  /**
   * Returns the zone that contains the answer for {@code qname}: the deepest hosted zone at or
   * above it, except that DS records at a zone apex come from the parent zone (RFC 4035 section
   * 3.1.4.1). Returns null when no hosted zone contains it.
   */
  @Nullable TestZone zoneFor(Name qname, int qtype) {
    for (int strip = 0; strip < qname.labels(); strip++) {
      Name candidate = strip == 0 ? qname : new Name(qname, strip);
      TestZone zone = zones.get(candidate);
      if (zone != null) {
        if (strip == 0 && qtype == Type.DS) {
          return parentOf(qname);
        }
        return zone;
      }
    }
    return null;
  }

  /** Returns the zones that have no hosted ancestor zone, in the order they were found. */
  List<TestZone> topZones() {
    return zones.values().stream().filter(zone -> parentOf(zone.origin()) == null).toList();
  }
}
