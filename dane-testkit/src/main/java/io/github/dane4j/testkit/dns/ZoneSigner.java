package io.github.dane4j.testkit.dns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Turns a {@link ZoneSpec} into {@link ZoneContents}: adds the SOA, NS, delegation and DNSKEY
 * records, builds the NSEC or NSEC3 chain and signs every authoritative RRset with {@link
 * DNSSEC#sign}, applying the requested {@link Breakage}s.
 */
final class ZoneSigner {

  /** SOA MINIMUM and TTL of NSEC/NSEC3 records (RFC 4034 section 4, RFC 5155 section 3). */
  private static final long NEGATIVE_TTL = 300;

  /** Breakages that change individual signatures, as opposed to the zone's keys. */
  private static final Set<Breakage> SIGNATURE_FAULTS =
      EnumSet.of(
          Breakage.EXPIRED_SIGNATURES,
          Breakage.NOT_YET_VALID_SIGNATURES,
          Breakage.WRONG_KEY,
          Breakage.MISSING_SIGNATURES);

  private static final Duration BROKEN_WINDOW = Duration.ofDays(30);

  /**
   * The signed result.
   *
   * @param dnskeys the DNSKEY records the zone publishes; empty when unsigned
   * @param parentDs the DS records its parent publishes and trust anchors use; empty when unsigned
   */
  record SignedZone(ZoneContents contents, List<DNSKEYRecord> dnskeys, List<DSRecord> parentDs) {}

  private final ZoneSpec spec;
  private final Name origin;
  private final TreeMap<Name, Map<Integer, RRset>> nodes = new TreeMap<>();
  private final Set<Name> cuts = new TreeSet<>();
  private @Nullable SigningKey zoneKey;
  private @Nullable DNSKEYRecord publishedKey;
  private @Nullable SigningKey unpublishedKey;

  private ZoneSigner(ZoneSpec spec) {
    this.spec = spec;
    this.origin = spec.origin();
  }

  static SignedZone sign(ZoneSpec spec) {
    return new ZoneSigner(spec).run();
  }

  private SignedZone run() {
    for (Record record : spec.records()) {
      add(record);
    }
    addApexDefaults();
    for (TestZone child : spec.delegations()) {
      addDelegation(child);
    }
    findCuts();
    checkStructure();

    List<DSRecord> parentDs = List.of();
    if (spec.signed()) {
      parentDs = createKeys();
    }
    NavigableSet<Name> existing = existingNames();
    TreeMap<Name, RRset> nsecByOwner = new TreeMap<>();
    TreeMap<String, RRset> nsec3ByHash = new TreeMap<>();
    if (spec.signed()) {
      Nsec3Parameters nsec3 = spec.nsec3();
      if (nsec3 == null) {
        buildNsecChain(nsecByOwner);
      } else {
        add(nsec3.toParamRecord(origin, spec.defaultTtl()));
        buildNsec3Chain(nsec3, existing, nsec3ByHash);
      }
      signAll(nsec3ByHash);
    }
    ZoneContents contents =
        new ZoneContents(origin, nodes, existing, cuts, nsecByOwner, spec.nsec3(), nsec3ByHash);
    List<DNSKEYRecord> dnskeys = publishedKey == null ? List.of() : List.of(publishedKey);
    return new SignedZone(contents, dnskeys, parentDs);
  }

  private void add(Record record) {
    nodes
        .computeIfAbsent(record.getName(), name -> new TreeMap<>())
        .computeIfAbsent(record.getRRsetType(), type -> new RRset())
        .addRR(record);
  }

  private void addApexDefaults() {
    Name nameServer = Names.parse("ns1", origin, "name server");
    Name hostmaster = Names.parse("hostmaster", origin, "SOA mailbox");
    if (!node(origin).containsKey(Type.SOA)) {
      add(
          new SOARecord(
              origin,
              DClass.IN,
              spec.defaultTtl(),
              nameServer,
              hostmaster,
              1,
              3600,
              900,
              604800,
              NEGATIVE_TTL));
    }
    if (!node(origin).containsKey(Type.NS)) {
      add(new NSRecord(origin, DClass.IN, spec.defaultTtl(), nameServer));
      if (!node(nameServer).containsKey(Type.A) && !node(nameServer).containsKey(Type.AAAA)) {
        add(new ARecord(nameServer, DClass.IN, spec.defaultTtl(), TestZone.LOOPBACK));
      }
    }
  }

  /** Adds the parent side of a delegation: NS, glue below the cut and DS if the child is signed. */
  private void addDelegation(TestZone child) {
    ZoneContents childContents = child.contents();
    Name cut = child.origin();
    RRset childNs = childContents.rrset(cut, Type.NS);
    if (childNs == null) {
      throw new IllegalStateException("Child zone " + cut + " has no NS RRset");
    }
    for (Record ns : childNs.rrs(false)) {
      add(ns);
      Name target = ((NSRecord) ns).getTarget();
      if (target.subdomain(cut)) {
        for (int type : new int[] {Type.A, Type.AAAA}) {
          RRset glue = childContents.rrset(target, type);
          if (glue != null) {
            glue.rrs(false).forEach(this::add);
          }
        }
      }
    }
    child.parentDsRecords().forEach(this::add);
  }

  private void findCuts() {
    for (Map.Entry<Name, Map<Integer, RRset>> entry : nodes.entrySet()) {
      if (!entry.getKey().equals(origin) && entry.getValue().containsKey(Type.NS)) {
        cuts.add(entry.getKey());
      }
    }
  }

  /** Rejects data that a zone cannot hold: occluded records and CNAMEs that share a name. */
  private void checkStructure() {
    for (Map.Entry<Name, Map<Integer, RRset>> entry : nodes.entrySet()) {
      Name name = entry.getKey();
      Set<Integer> types = entry.getValue().keySet();
      Name cut = cutAbove(name);
      if (cut != null) {
        boolean glue = isNameServerOf(cut, name);
        for (int type : types) {
          if (!glue || (type != Type.A && type != Type.AAAA)) {
            throw new IllegalArgumentException(
                "Invalid record "
                    + name
                    + " "
                    + Type.string(type)
                    + " in zone "
                    + origin
                    + ": it is below the delegation point "
                    + cut
                    + ", where only addresses of its name servers (glue) belong; add it to the"
                    + " child zone instead");
          }
        }
      }
      if (cuts.contains(name)) {
        for (int type : types) {
          if (type != Type.NS && type != Type.DS) {
            throw new IllegalArgumentException(
                "Invalid record "
                    + name
                    + " "
                    + Type.string(type)
                    + " in zone "
                    + origin
                    + ": a delegation point contains only NS and DS in the parent zone");
          }
        }
      }
      RRset cname = entry.getValue().get(Type.CNAME);
      if (cname != null && (types.size() > 1 || cname.size() > 1)) {
        throw new IllegalArgumentException(
            "Invalid CNAME at "
                + name
                + " in zone "
                + origin
                + ": a CNAME must be the only record at its name (RFC 1034 section 3.6.2), found "
                + types.stream().map(Type::string).toList()
                + " with "
                + cname.size()
                + " CNAME record(s)");
      }
    }
  }

  private boolean isNameServerOf(Name cut, Name host) {
    RRset ns = node(cut).get(Type.NS);
    return ns != null
        && ns.rrs(false).stream().anyMatch(record -> ((NSRecord) record).getTarget().equals(host));
  }

  /** Returns the closest delegation point strictly above {@code name}, or null. */
  private @Nullable Name cutAbove(Name name) {
    for (int strip = 1; strip < name.labels() - origin.labels(); strip++) {
      Name ancestor = new Name(name, strip);
      if (cuts.contains(ancestor)) {
        return ancestor;
      }
    }
    return null;
  }

  /** Creates the zone key, adds the DNSKEY RRset and returns the DS records for the parent. */
  private List<DSRecord> createKeys() {
    SigningKey key = SigningKey.generate(origin, spec.algorithm(), spec.defaultTtl());
    zoneKey = key;
    DNSKEYRecord published = key.dnskey();
    if (spec.zoneBreakages().contains(Breakage.UNSUPPORTED_ALGORITHM)) {
      published =
          new DNSKEYRecord(
              origin,
              DClass.IN,
              spec.defaultTtl(),
              published.getFlags(),
              published.getProtocol(),
              TestZone.UNSUPPORTED_ALGORITHM_NUMBER,
              published.getKey());
    }
    publishedKey = published;
    add(published);

    DNSKEYRecord dsTarget = published;
    if (spec.zoneBreakages().contains(Breakage.DS_WITHOUT_MATCHING_DNSKEY)) {
      dsTarget = unpublishedKey().dnskey();
    }
    return List.of(
        new DSRecord(origin, DClass.IN, spec.defaultTtl(), DNSSEC.Digest.SHA256, dsTarget));
  }

  private SigningKey unpublishedKey() {
    SigningKey key = unpublishedKey;
    if (key == null) {
      key = SigningKey.generate(origin, spec.algorithm(), spec.defaultTtl());
      unpublishedKey = key;
    }
    return key;
  }

  /** Returns the names that own data plus the empty non-terminals between them and the apex. */
  private NavigableSet<Name> existingNames() {
    TreeSet<Name> names = new TreeSet<>();
    for (Name name : nodes.keySet()) {
      names.add(name);
      for (int strip = 1; strip < name.labels() - origin.labels(); strip++) {
        names.add(new Name(name, strip));
      }
    }
    return names;
  }

  /** Returns whether {@code name} is authoritative data of this zone, not glue below a cut. */
  private boolean isAuthoritative(Name name) {
    return cutAbove(name) == null;
  }

  private boolean isSecureCut(Name name) {
    return cuts.contains(name) && node(name).containsKey(Type.DS);
  }

  private void buildNsecChain(Map<Name, RRset> nsecByOwner) {
    List<Name> owners = new ArrayList<>();
    for (Name name : nodes.keySet()) {
      if (isAuthoritative(name)) {
        owners.add(name);
      }
    }
    for (int i = 0; i < owners.size(); i++) {
      Name owner = owners.get(i);
      Name next = owners.get((i + 1) % owners.size());
      Set<Integer> types = new TreeSet<>(node(owner).keySet());
      types.add(Type.NSEC);
      types.add(Type.RRSIG);
      NSECRecord nsec = new NSECRecord(owner, DClass.IN, NEGATIVE_TTL, next, toArray(types));
      add(nsec);
      nsecByOwner.put(owner, node(owner).get(Type.NSEC));
    }
  }

  private void buildNsec3Chain(
      Nsec3Parameters nsec3, NavigableSet<Name> existing, Map<String, RRset> nsec3ByHash) {
    TreeMap<String, Name> namesByHash = new TreeMap<>();
    for (Name name : existing) {
      if (!isAuthoritative(name)) {
        continue;
      }
      if (nsec3.optOut() && cuts.contains(name) && !isSecureCut(name)) {
        continue;
      }
      if (!nodes.containsKey(name) && !hasChainedDescendant(nsec3, name)) {
        // An empty non-terminal that leads only to opted-out delegations stays out as well
        // (RFC 5155 section 7.1).
        continue;
      }
      namesByHash.put(nsec3.hashLabel(name), name);
    }
    List<Map.Entry<String, Name>> chain = new ArrayList<>(namesByHash.entrySet());
    int flags = nsec3.optOut() ? NSEC3Record.Flags.OPT_OUT : 0;
    for (int i = 0; i < chain.size(); i++) {
      Name name = chain.get(i).getValue();
      Name owner = Names.parse(chain.get(i).getKey(), origin, "NSEC3 owner");
      byte[] next = nsec3.hash(chain.get((i + 1) % chain.size()).getValue());
      Set<Integer> types = new TreeSet<>(node(name).keySet());
      if (!types.isEmpty() && !(cuts.contains(name) && !isSecureCut(name))) {
        types.add(Type.RRSIG);
      }
      NSEC3Record record =
          new NSEC3Record(
              owner,
              DClass.IN,
              NEGATIVE_TTL,
              NSEC3Record.SHA1_DIGEST_ID,
              flags,
              nsec3.iterations(),
              nsec3.salt(),
              next,
              toArray(types));
      nsec3ByHash.put(chain.get(i).getKey(), new RRset(record));
    }
  }

  /** Returns whether an empty non-terminal has a descendant that the NSEC3 chain includes. */
  private boolean hasChainedDescendant(Nsec3Parameters nsec3, Name emptyNonTerminal) {
    for (Name name : nodes.keySet()) {
      if (name.subdomain(emptyNonTerminal)
          && !name.equals(emptyNonTerminal)
          && isAuthoritative(name)
          && !(nsec3.optOut() && cuts.contains(name) && !isSecureCut(name))) {
        return true;
      }
    }
    return false;
  }

  private void signAll(Map<String, RRset> nsec3ByHash) {
    for (Map.Entry<Name, Map<Integer, RRset>> entry : nodes.entrySet()) {
      Name name = entry.getKey();
      if (!isAuthoritative(name)) {
        continue;
      }
      for (RRset rrset : entry.getValue().values()) {
        boolean parentSideOfCut =
            cuts.contains(name) && rrset.getType() != Type.DS && rrset.getType() != Type.NSEC;
        if (!parentSideOfCut) {
          addSignatures(rrset);
        }
      }
    }
    for (RRset rrset : nsec3ByHash.values()) {
      addSignatures(rrset);
    }
  }

  private void addSignatures(RRset rrset) {
    Set<Breakage> faults = EnumSet.noneOf(Breakage.class);
    for (Breakage breakage : spec.zoneBreakages()) {
      if (SIGNATURE_FAULTS.contains(breakage)) {
        faults.add(breakage);
      }
    }
    faults.addAll(
        spec.rrsetBreakages()
            .getOrDefault(new RRsetKey(rrset.getName(), rrset.getType()), Set.of()));
    if (faults.contains(Breakage.MISSING_SIGNATURES)) {
      return;
    }

    SigningKey key = faults.contains(Breakage.WRONG_KEY) ? unpublishedKey() : requireZoneKey();
    Instant inception = spec.inception();
    Instant expiration = spec.expiration();
    if (faults.contains(Breakage.EXPIRED_SIGNATURES)) {
      expiration = spec.inception().minusSeconds(1);
      inception = expiration.minus(BROKEN_WINDOW);
    } else if (faults.contains(Breakage.NOT_YET_VALID_SIGNATURES)) {
      inception = spec.expiration().plusSeconds(1);
      expiration = inception.plus(BROKEN_WINDOW);
    }

    RRSIGRecord signature;
    try {
      signature = DNSSEC.sign(rrset, key.dnskey(), key.privateKey(), inception, expiration);
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException(
          "Failed to sign " + rrset.getName() + " " + Type.string(rrset.getType()), e);
    }

    boolean zoneUnsupported = spec.zoneBreakages().contains(Breakage.UNSUPPORTED_ALGORITHM);
    if (zoneUnsupported || faults.contains(Breakage.UNSUPPORTED_ALGORITHM)) {
      int footprint = signature.getFootprint();
      if (zoneUnsupported && !faults.contains(Breakage.WRONG_KEY) && publishedKey != null) {
        footprint = publishedKey.getFootprint();
      }
      signature =
          new RRSIGRecord(
              signature.getName(),
              signature.getDClass(),
              signature.getTTL(),
              signature.getTypeCovered(),
              TestZone.UNSUPPORTED_ALGORITHM_NUMBER,
              signature.getOrigTTL(),
              signature.getExpire(),
              signature.getTimeSigned(),
              footprint,
              signature.getSigner(),
              signature.getSignature());
    }
    rrset.addRR(signature);
  }

  private SigningKey requireZoneKey() {
    SigningKey key = zoneKey;
    if (key == null) {
      throw new IllegalStateException("Zone " + origin + " has no signing key");
    }
    return key;
  }

  private Map<Integer, RRset> node(Name name) {
    Map<Integer, RRset> node = nodes.get(name);
    return node == null ? new HashMap<>() : node;
  }

  private static int[] toArray(Set<Integer> types) {
    return types.stream().mapToInt(Integer::intValue).toArray();
  }
}
