package io.github.dane4j.testkit.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * An immutable DNS zone for the {@link TestDnsServer}, built in code and, unless built {@link
 * Builder#unsigned()}, signed when {@link Builder#build()} runs.
 *
 * <p>Signing generates a fresh key with the JDK's {@code KeyPairGenerator} and signs every
 * authoritative RRset with {@link DNSSEC#sign}. One key (DNSKEY flags 257) signs everything,
 * including the DNSKEY RRset. The zone gets an NSEC chain (RFC 4034) or an NSEC3 chain (RFC 5155)
 * for authenticated denial of existence.
 *
 * <p>A zone gets an SOA record and an NS record naming {@code ns1.<origin>} (with the address
 * 127.0.0.1) unless the builder was given its own. Parent zones are built after their children
 * because {@link Builder#delegate(TestZone)} copies the child's NS, glue and DS records.
 *
 * <pre>{@code
 * TestZone child = TestZone.builder("example.test.")
 *     .mx("@", 10, "mx.example.test.")
 *     .a("mx", "192.0.2.25")
 *     .tlsa("_25._tcp.mx", 3, 1, 1, "0123456789abcdef")
 *     .build();
 * TestZone parent = TestZone.builder("test.").delegate(child).build();
 * }</pre>
 */
public final class TestZone {

  /**
   * Algorithm number that {@link Breakage#UNSUPPORTED_ALGORITHM} writes into keys and signatures.
   * It is unassigned in the IANA DNSSEC algorithm registry, so no validator implements it.
   */
  public static final int UNSUPPORTED_ALGORITHM_NUMBER = 100;

  /** Default TTL of records, in seconds. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final Name origin;
  private final ZoneContents contents;
  private final List<TestZone> delegatedZones;
  private final List<DNSKEYRecord> dnskeys;
  private final List<DSRecord> parentDsRecords;
  private final boolean signed;

  private TestZone(ZoneSpec spec, ZoneSigner.SignedZone signedZone) {
    this.origin = spec.origin();
    this.contents = signedZone.contents();
    this.delegatedZones = List.copyOf(spec.delegations());
    this.dnskeys = signedZone.dnskeys();
    this.parentDsRecords = signedZone.parentDs();
    this.signed = spec.signed();
  }

  /**
   * Starts building a zone.
   *
   * @param origin the absolute apex name, for example {@code "example.test."}
   * @throws IllegalArgumentException if {@code origin} is not a valid absolute name
   * @throws NullPointerException if {@code origin} is null
   */
  public static Builder builder(String origin) {
    return new Builder(Names.parseAbsolute(origin, "zone origin"));
  }

  /** Returns the apex name. */
  public Name origin() {
    return origin;
  }

  /** Returns whether the zone is signed. A zone with a {@link Breakage} still counts as signed. */
  public boolean isSigned() {
    return signed;
  }

  /** Returns the zones delegated from this one with {@link Builder#delegate(TestZone)}. */
  public List<TestZone> delegatedZones() {
    return delegatedZones;
  }

  /** Returns the DNSKEY records at the apex; empty for an unsigned zone. */
  public List<DNSKEYRecord> dnskeys() {
    return dnskeys;
  }

  /**
   * Returns the DS records that a parent publishes for this zone and that a trust anchor for it
   * contains (SHA-256 digests, RFC 4509); empty for an unsigned zone. With {@link
   * Breakage#DS_WITHOUT_MATCHING_DNSKEY} they match no key in {@link #dnskeys()}.
   */
  public List<DSRecord> parentDsRecords() {
    return parentDsRecords;
  }

  /**
   * Returns every record of the zone in canonical order, with RRSIG, NSEC and NSEC3 records; meant
   * for debugging and for assertions on the signed data.
   */
  public List<Record> records() {
    List<Record> records = new ArrayList<>();
    for (Map<Integer, RRset> node : contents.nodes().values()) {
      for (RRset rrset : node.values()) {
        records.addAll(rrset.rrs(false));
        records.addAll(rrset.sigs());
      }
    }
    for (RRset rrset : contents.nsec3Chain().values()) {
      records.addAll(rrset.rrs(false));
      records.addAll(rrset.sigs());
    }
    return List.copyOf(records);
  }

  ZoneContents contents() {
    return contents;
  }

  @Override
  public String toString() {
    return "TestZone[" + origin + (signed ? ", signed" : ", unsigned") + "]";
  }

  /**
   * Builder of a {@link TestZone}. Owner names given as strings are absolute when they end in a dot
   * and relative to the origin otherwise; {@code "@"} is the origin itself. A name whose first
   * label is {@code *} is a wildcard (RFC 4592). Not thread-safe.
   */
  public static final class Builder {

    private final Name origin;
    private final List<Record> records = new ArrayList<>();
    private final List<TestZone> delegations = new ArrayList<>();
    private final Set<Breakage> zoneBreakages = EnumSet.noneOf(Breakage.class);
    private final Map<RRsetKey, Set<Breakage>> rrsetBreakages = new LinkedHashMap<>();
    private long ttl = DEFAULT_TTL.toSeconds();
    private int algorithm = DNSSEC.Algorithm.ECDSAP256SHA256;
    private @Nullable Nsec3Parameters nsec3;
    private @Nullable Instant inception;
    private @Nullable Instant expiration;

    private Builder(Name origin) {
      this.origin = origin;
    }

    /**
     * Sets the TTL of the records added after this call and of the SOA, NS, DNSKEY and DS records.
     *
     * @throws IllegalArgumentException if {@code ttl} is negative or does not fit 31 bits
     */
    public Builder ttl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Invalid TTL " + ttl + ": use 0 to " + Integer.MAX_VALUE + " seconds (RFC 2181 8)");
      }
      this.ttl = ttl.toSeconds();
      return this;
    }

    /**
     * Adds an A record.
     *
     * @param address an IPv4 address literal such as {@code "192.0.2.1"}
     * @throws IllegalArgumentException if the name or address is invalid
     */
    public Builder a(String name, String address) {
      InetAddress parsed = parseAddress(address, Address.IPv4);
      return record(new ARecord(owner(name), DClass.IN, ttl, parsed));
    }

    /**
     * Adds an AAAA record.
     *
     * @param address an IPv6 address literal such as {@code "2001:db8::1"}
     * @throws IllegalArgumentException if the name or address is invalid
     */
    public Builder aaaa(String name, String address) {
      InetAddress parsed = parseAddress(address, Address.IPv6);
      return record(new AAAARecord(owner(name), DClass.IN, ttl, parsed));
    }

    /**
     * Adds an MX record.
     *
     * @param preference the preference, 0 to 65535 (lower is preferred)
     * @param host the mail exchanger's host name
     * @throws IllegalArgumentException if a name or the preference is invalid
     */
    public Builder mx(String name, int preference, String host) {
      checkUnsigned16(preference, "MX preference");
      return record(new MXRecord(owner(name), DClass.IN, ttl, preference, target(host, "MX host")));
    }

    /**
     * Adds a TLSA record (RFC 6698 section 2).
     *
     * @param associationDataHex the certificate association data in hex; may contain spaces
     * @throws IllegalArgumentException if a field is out of range or the hex is invalid or empty
     */
    public Builder tlsa(
        String name, int usage, int selector, int matchingType, String associationDataHex) {
      Objects.requireNonNull(associationDataHex, "associationDataHex");
      byte[] data;
      try {
        data = HexFormat.of().parseHex(associationDataHex.replaceAll("\\s+", ""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid TLSA association data '" + associationDataHex + "': use hex digits", e);
      }
      return tlsa(name, usage, selector, matchingType, data);
    }

    /**
     * Adds a TLSA record (RFC 6698 section 2).
     *
     * @param associationData the certificate association data; copied
     * @throws IllegalArgumentException if a field is out of range or the data is empty; publish
     *     empty data with {@link #tlsaRaw(String, byte[])}
     */
    public Builder tlsa(
        String name, int usage, int selector, int matchingType, byte[] associationData) {
      checkUnsigned8(usage, "TLSA certificate usage");
      checkUnsigned8(selector, "TLSA selector");
      checkUnsigned8(matchingType, "TLSA matching type");
      if (associationData.length == 0) {
        throw new IllegalArgumentException(
            "Invalid TLSA association data: it is empty; use tlsaRaw to publish such a record");
      }
      return record(
          new TLSARecord(
              owner(name), DClass.IN, ttl, usage, selector, matchingType, associationData.clone()));
    }

    /**
     * Adds a TLSA record with the given RDATA bytes as they go on the wire, unchecked: the first
     * three bytes are usage, selector and matching type, the rest is association data. Use it to
     * publish data that parsers reject, such as a record with empty association data ({@code new
     * byte[] {3, 1, 1}}).
     *
     * @param rdata the RDATA; copied
     * @throws IllegalArgumentException if the name is invalid or {@code rdata} exceeds 65535 bytes
     */
    public Builder tlsaRaw(String name, byte[] rdata) {
      if (rdata.length > 0xFFFF) {
        throw new IllegalArgumentException(
            "Invalid RDATA of " + rdata.length + " bytes: RDLENGTH allows at most 65535");
      }
      return record(new RawRecord(owner(name), Type.TLSA, DClass.IN, ttl, rdata));
    }

    /**
     * Adds a CNAME record; it must be the only data at its name.
     *
     * @throws IllegalArgumentException if a name is invalid
     */
    public Builder cname(String name, String target) {
      return record(new CNAMERecord(owner(name), DClass.IN, ttl, target(target, "CNAME target")));
    }

    /**
     * Adds a DNAME record (RFC 6672) that redirects every name below {@code name}.
     *
     * @throws IllegalArgumentException if a name is invalid
     */
    public Builder dname(String name, String target) {
      return record(new DNAMERecord(owner(name), DClass.IN, ttl, target(target, "DNAME target")));
    }

    /**
     * Adds a TXT record with one character-string per argument.
     *
     * @throws IllegalArgumentException if the name is invalid or a string exceeds 255 bytes
     */
    public Builder txt(String name, String... strings) {
      List<String> list = List.of(strings);
      if (list.isEmpty()) {
        throw new IllegalArgumentException("Invalid TXT record at " + name + ": give one string");
      }
      return record(new TXTRecord(owner(name), DClass.IN, ttl, list));
    }

    /**
     * Adds a record of any type from its presentation-format RDATA, for example {@code
     * record("*.wild", Type.A, "192.0.2.7")}.
     *
     * @param type a {@link Type} number
     * @param rdata the RDATA in zone-file text; relative names in it are relative to the origin
     * @throws IllegalArgumentException if the name, type or RDATA is invalid
     */
    public Builder record(String name, int type, String rdata) {
      Names.checkType(type);
      Objects.requireNonNull(rdata, "rdata");
      Name owner = owner(name);
      try {
        return record(Record.fromString(owner, type, DClass.IN, ttl, rdata, origin));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "Invalid " + Type.string(type) + " RDATA '" + rdata + "' at " + owner + ": " + e, e);
      }
    }

    /**
     * Adds a record to every name below {@code parent} that does not exist: a wildcard at {@code
     * *.parent} (RFC 4592).
     *
     * @throws IllegalArgumentException if the name, type or RDATA is invalid
     */
    public Builder wildcard(String parent, int type, String rdata) {
      Name wildcard = Names.parse("*", owner(parent), "wildcard owner");
      return record(wildcard.toString(), type, rdata);
    }

    /**
     * Adds a record built with dnsjava. Its class must be IN and its name within the zone.
     *
     * @throws IllegalArgumentException if the record is outside the zone or not of class IN
     */
    public Builder record(Record record) {
      Objects.requireNonNull(record, "record");
      if (!record.getName().subdomain(origin)) {
        throw new IllegalArgumentException(
            "Invalid record " + record + ": its name is outside the zone " + origin);
      }
      if (record.getDClass() != DClass.IN) {
        throw new IllegalArgumentException(
            "Invalid record "
                + record
                + ": use class IN, not "
                + DClass.string(record.getDClass()));
      }
      records.add(record);
      return this;
    }

    /**
     * Delegates the child zone's apex from this zone: copies the child's NS RRset, glue addresses
     * for name servers below the cut, and its DS RRset when the child is signed. An unsigned child
     * therefore makes an insecure delegation. The server hosts the child as well.
     *
     * @throws IllegalArgumentException if the child is not strictly below this zone's origin or is
     *     already delegated
     */
    public Builder delegate(TestZone child) {
      Objects.requireNonNull(child, "child");
      if (!child.origin().subdomain(origin) || child.origin().equals(origin)) {
        throw new IllegalArgumentException(
            "Invalid delegation of " + child.origin() + ": it is not below " + origin);
      }
      for (TestZone existing : delegations) {
        if (existing.origin().equals(child.origin())) {
          throw new IllegalArgumentException(
              "Invalid delegation of " + child.origin() + ": it is already delegated");
        }
      }
      delegations.add(child);
      return this;
    }

    /** Signs the zone with ECDSA P-256 and SHA-256 (algorithm 13), the default. */
    public Builder signed() {
      return signed(DNSSEC.Algorithm.ECDSAP256SHA256);
    }

    /**
     * Signs the zone with a newly generated key of this algorithm.
     *
     * @param algorithm a {@link DNSSEC.Algorithm} number: RSASHA256, RSASHA512, ECDSAP256SHA256,
     *     ECDSAP384SHA384 or ED25519
     * @throws IllegalArgumentException if the algorithm is not one of those
     */
    public Builder signed(int algorithm) {
      if (!SigningKey.isSupported(algorithm)) {
        throw new IllegalArgumentException(
            "Unsupported signing algorithm "
                + algorithm
                + ": use RSASHA256, RSASHA512, ECDSAP256SHA256, ECDSAP384SHA384 or ED25519 from"
                + " DNSSEC.Algorithm; for an unknown number use broken(UNSUPPORTED_ALGORITHM)");
      }
      this.algorithm = algorithm;
      return this;
    }

    /** Leaves the zone unsigned: no DNSKEY, RRSIG, NSEC or NSEC3 records. */
    public Builder unsigned() {
      this.algorithm = 0;
      return this;
    }

    /** Uses NSEC records for denial of existence (RFC 4034 section 4), the default. */
    public Builder nsec() {
      this.nsec3 = null;
      return this;
    }

    /**
     * Uses NSEC3 records for denial of existence (RFC 5155) with SHA-1 hashing.
     *
     * @param iterations additional hash iterations; RFC 9276 recommends 0
     * @param saltHex the salt in hex, or {@code ""} or {@code "-"} for none (RFC 9276 recommends
     *     none)
     * @param optOut whether to leave unsigned delegations out of the chain (RFC 5155 section 6)
     * @throws IllegalArgumentException if the iterations or salt are invalid
     */
    public Builder nsec3(int iterations, String saltHex, boolean optOut) {
      Objects.requireNonNull(saltHex, "saltHex");
      byte[] salt;
      try {
        salt = saltHex.equals("-") ? new byte[0] : HexFormat.of().parseHex(saltHex);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid NSEC3 salt '" + saltHex + "': use hex digits, or '-' for none", e);
      }
      this.nsec3 = new Nsec3Parameters(iterations, salt, optOut);
      return this;
    }

    /**
     * Sets the validity period of normal signatures; the default runs from one hour before {@link
     * #build()} to 30 days after. Broken signatures are placed relative to it: expired ones end one
     * second before {@code inception}, not-yet-valid ones start one second after {@code
     * expiration}.
     *
     * @throws IllegalArgumentException if {@code inception} is not before {@code expiration}
     */
    public Builder signatureValidity(Instant inception, Instant expiration) {
      Objects.requireNonNull(inception, "inception");
      Objects.requireNonNull(expiration, "expiration");
      if (!inception.isBefore(expiration)) {
        throw new IllegalArgumentException(
            "Invalid signature validity " + inception + " to " + expiration + ": start first");
      }
      this.inception = inception;
      this.expiration = expiration;
      return this;
    }

    /**
     * Applies a fault to the whole zone.
     *
     * @throws NullPointerException if {@code breakage} is null
     */
    public Builder broken(Breakage breakage) {
      zoneBreakages.add(Objects.requireNonNull(breakage, "breakage"));
      return this;
    }

    /**
     * Applies a fault to the signatures of one RRset, for example {@code broken("_25._tcp.mx",
     * Type.TLSA, Breakage.EXPIRED_SIGNATURES)}.
     *
     * @throws IllegalArgumentException if the name is invalid or the breakage is {@link
     *     Breakage#DS_WITHOUT_MATCHING_DNSKEY}, which applies to whole zones only
     */
    public Builder broken(String name, int type, Breakage breakage) {
      Objects.requireNonNull(breakage, "breakage");
      Names.checkType(type);
      if (breakage == Breakage.DS_WITHOUT_MATCHING_DNSKEY) {
        throw new IllegalArgumentException(
            "Invalid breakage for one RRset: "
                + breakage
                + " applies to a whole zone; call broken(Breakage) on the child zone's builder");
      }
      rrsetBreakages
          .computeIfAbsent(new RRsetKey(owner(name), type), key -> EnumSet.noneOf(Breakage.class))
          .add(breakage);
      return this;
    }

    /**
     * Builds the zone, generating keys and signing it unless it is unsigned.
     *
     * @throws IllegalArgumentException if the data cannot form a zone, for example a CNAME next to
     *     other data or a record below a delegation point
     * @throws IllegalStateException if key generation or signing fails
     */
    public TestZone build() {
      if (algorithm == 0 && (!zoneBreakages.isEmpty() || !rrsetBreakages.isEmpty())) {
        throw new IllegalArgumentException(
            "Invalid zone " + origin + ": breakages need a signed zone; remove unsigned()");
      }
      Instant now = Instant.now();
      Instant start = inception != null ? inception : now.minus(Duration.ofHours(1));
      Instant end = expiration != null ? expiration : now.plus(Duration.ofDays(30));
      Map<RRsetKey, Set<Breakage>> breakagesCopy = new LinkedHashMap<>();
      rrsetBreakages.forEach((key, value) -> breakagesCopy.put(key, Set.copyOf(value)));
      ZoneSpec spec =
          new ZoneSpec(
              origin,
              ttl,
              List.copyOf(records),
              List.copyOf(delegations),
              algorithm,
              algorithm == 0 ? null : nsec3,
              start,
              end,
              Set.copyOf(zoneBreakages),
              Map.copyOf(breakagesCopy));
      return new TestZone(spec, ZoneSigner.sign(spec));
    }

    private Name owner(String name) {
      Name parsed = Names.parse(name, origin, "owner name");
      if (!parsed.subdomain(origin)) {
        throw new IllegalArgumentException(
            "Invalid owner name '" + name + "': it is outside the zone " + origin);
      }
      return parsed;
    }

    private Name target(String name, String what) {
      return Names.parse(name, origin, what);
    }

    private static InetAddress parseAddress(String address, int family) {
      Objects.requireNonNull(address, "address");
      try {
        return Address.getByAddress(address, family);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(
            "Invalid IPv"
                + (family == Address.IPv4 ? "4" : "6")
                + " address '"
                + address
                + "': use a literal address",
            e);
      }
    }

    private static void checkUnsigned8(int value, String what) {
      if (value < 0 || value > 0xFF) {
        throw new IllegalArgumentException("Invalid " + what + " " + value + ": use 0 to 255");
      }
    }

    private static void checkUnsigned16(int value, String what) {
      if (value < 0 || value > 0xFFFF) {
        throw new IllegalArgumentException("Invalid " + what + " " + value + ": use 0 to 65535");
      }
    }
  }
}
