package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.ExtendedDnsError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** Reads the parts of a DNS response that a fetcher's answer is made of. */
final class ResponseReader {

  /** One alias followed in a response. */
  record AliasHop(Name owner, Name target, boolean fromDname) {}

  /**
   * The answer section of a response read from the query name on: the aliases followed, the name
   * they lead to, and the records of the query type found there.
   *
   * @param hops the CNAME records followed, in order; for a query of type CNAME the CNAME at the
   *     query name is in {@code data}, not here
   * @param finalName the query name after following {@code hops}
   * @param data the records of the query type at {@code finalName}
   * @param ttlSeconds the lowest TTL of the RRsets used, capped at the signature expiry of secure
   *     data; {@link Long#MAX_VALUE} when no RRset was used
   * @param dataFromDname for a query of type CNAME, whether the CNAME in {@code data} was
   *     synthesised from a DNAME
   */
  record AnswerChain(
      List<AliasHop> hops,
      Name finalName,
      List<Record> data,
      long ttlSeconds,
      boolean dataFromDname) {}

  private ResponseReader() {}

  /**
   * Follows the answer section of {@code response} from {@code queryName}: CNAME records owned by
   * the current name move it on, a DNAME that covers it marks the next CNAME as synthesised, and
   * records of {@code queryType} at the current name are the data.
   */
  static AnswerChain readAnswer(Message response, Name queryName, int queryType, Instant now) {
    Name current = queryName;
    DNAMERecord coveringDname = null;
    List<AliasHop> hops = new ArrayList<>();
    List<Record> data = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    boolean dataFromDname = false;

    for (RRset set : response.getSectionRRsets(Section.ANSWER)) {
      if (set.size() == 0) {
        continue; // signatures without the records they cover
      }
      int type = set.getType();
      if (type == Type.DNAME
          && current.subdomain(set.getName())
          && !current.equals(set.getName())) {
        coveringDname = (DNAMERecord) set.first();
        ttl = Math.min(ttl, usableTtl(set, now));
        continue;
      }
      if (!set.getName().equals(current)) {
        continue;
      }
      if (type == queryType) {
        data.addAll(set.rrs(false));
        dataFromDname = type == Type.CNAME && synthesisedFrom(coveringDname, current, set);
        ttl = Math.min(ttl, cnameTtl(set, coveringDname, dataFromDname, now));
      } else if (type == Type.CNAME && data.isEmpty()) {
        CNAMERecord cname = (CNAMERecord) set.first();
        boolean fromDname = synthesisedFrom(coveringDname, current, set);
        hops.add(new AliasHop(current, cname.getTarget(), fromDname));
        ttl = Math.min(ttl, cnameTtl(set, coveringDname, fromDname, now));
        current = cname.getTarget();
        coveringDname = null;
      }
    }
    return new AnswerChain(List.copyOf(hops), current, List.copyOf(data), ttl, dataFromDname);
  }

  private static boolean synthesisedFrom(@Nullable DNAMERecord dname, Name owner, RRset cnameSet) {
    if (dname == null || cnameSet.getType() != Type.CNAME) {
      return false;
    }
    try {
      return ((CNAMERecord) cnameSet.first()).getTarget().equals(owner.fromDNAME(dname));
    } catch (NameTooLongException e) {
      return false;
    }
  }

  /**
   * Returns the TTL of a CNAME RRset. A CNAME synthesised from a DNAME may carry TTL 0, because
   * dnsjava's normalisation synthesises it so when the server left it out. Such a CNAME counts with
   * the DNAME's TTL, which RFC 6672 section 3.1 gives the synthesised record.
   */
  private static long cnameTtl(
      RRset set, @Nullable DNAMERecord dname, boolean fromDname, Instant now) {
    long ttl = usableTtl(set, now);
    if (fromDname && dname != null && set.getTTL() == 0) {
      return DnsTtl.fromWire(dname.getTTL());
    }
    return ttl;
  }

  /**
   * Returns the TTL of an RRset, capped at the original TTL of its signatures and at the time left
   * until the earliest of them expires, so that no cache keeps secure data longer than its
   * signatures allow (RFC 4035 section 5.3.3). A TTL with the most significant bit set counts as
   * zero (RFC 2181 section 8).
   */
  static long usableTtl(RRset set, Instant now) {
    long ttl = DnsTtl.fromWire(set.getTTL());
    for (RRSIGRecord signature : set.sigs()) {
      ttl = Math.min(ttl, DnsTtl.fromWire(signature.getOrigTTL()));
      long left = signature.getExpire().getEpochSecond() - now.getEpochSecond();
      ttl = Math.min(ttl, Math.max(0, left));
    }
    return ttl;
  }

  /**
   * Returns how long a negative answer may be cached: the lowest of the TTL of the SOA record in
   * the authority section, its MINIMUM field (RFC 2308 section 5) and the original TTL of its
   * signatures (RFC 4035 section 5.3.3), or -1 when there is no SOA. The validator has verified the
   * SOA of a secure answer, so only its TTL field, which no signature covers, can differ from what
   * the zone signed, and the original TTL caps it. A value with the most significant bit set counts
   * as zero (RFC 2181 section 8).
   */
  static long negativeTtl(Message response) {
    for (RRset set : response.getSectionRRsets(Section.AUTHORITY)) {
      if (set.size() > 0 && set.getType() == Type.SOA) {
        SOARecord soa = (SOARecord) set.first();
        long ttl = Math.min(DnsTtl.fromWire(set.getTTL()), DnsTtl.fromWire(soa.getMinimum()));
        for (RRSIGRecord signature : set.sigs()) {
          ttl = Math.min(ttl, DnsTtl.fromWire(signature.getOrigTTL()));
        }
        return ttl;
      }
    }
    return -1;
  }

  /** Returns the first extended DNS error option (RFC 8914) of the response, or null. */
  static @Nullable ExtendedDnsError extendedError(Message response) {
    OPTRecord opt = response.getOPT();
    if (opt == null) {
      return null;
    }
    for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
      if (option instanceof ExtendedErrorCodeOption ede) {
        String text = ede.getText();
        return new ExtendedDnsError(ede.getErrorCode(), text == null ? "" : text);
      }
    }
    return null;
  }

  /**
   * Returns the text of the validation reason that the in-process validator adds to the additional
   * section (a TXT record at the root in class {@value
   * ValidatingResolver#VALIDATION_REASON_QCLASS}, as dnsjava's validator writes it), or an empty
   * string.
   */
  static String validationReason(Message response) {
    for (Record record : response.getSection(Section.ADDITIONAL)) {
      if (record instanceof TXTRecord txt
          && record.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS
          && record.getName().equals(Name.root)) {
        return String.join("", txt.getStrings());
      }
    }
    return "";
  }
}
