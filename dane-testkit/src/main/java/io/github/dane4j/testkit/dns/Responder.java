package io.github.dane4j.testkit.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Builds responses as a recursive resolver with every hosted zone's data would: it follows
 * delegations and CNAME/DNAME chains across zones internally and returns the whole chain with
 * signatures. It never sets AA (it is not the authority) or AD (it does not validate).
 */
final class Responder {

  /** UDP payload size this server advertises in its OPT record (RFC 6891 section 6.2.5). */
  static final int ADVERTISED_PAYLOAD_SIZE = 4096;

  /** Most CNAME and DNAME hops followed for one query, like common resolvers' limits. */
  static final int MAX_ALIAS_HOPS = 16;

  private static final Set<Integer> DNSSEC_TYPES =
      Set.of(Type.RRSIG, Type.NSEC, Type.NSEC3, Type.DNSKEY, Type.DS, Type.NSEC3PARAM);

  private final ZoneTree zones;

  Responder(ZoneTree zones) {
    this.zones = zones;
  }

  /** Returns an empty response to {@code query}: header, question and OPT record only. */
  static Message emptyResponse(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    if (query.getHeader().getFlag(Flags.CD)) {
      // RFC 4035 section 3.2.2: the CD bit is copied into the response.
      response.getHeader().setFlag(Flags.CD);
    }
    response.getHeader().setOpcode(query.getHeader().getOpcode());
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    OPTRecord queryOpt = query.getOPT();
    if (queryOpt != null) {
      int flags = isDnssecOk(query) ? ExtendedFlags.DO : 0;
      response.addRecord(
          new OPTRecord(ADVERTISED_PAYLOAD_SIZE, rcode >>> 4, 0, flags), Section.ADDITIONAL);
    }
    response.getHeader().setRcode(rcode & 0xF);
    return response;
  }

  static boolean isDnssecOk(Message query) {
    OPTRecord opt = query.getOPT();
    return opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
  }

  /** Builds the full response to a well-formed IN-class query with one question. */
  Message respond(Message query) {
    Record question = query.getQuestion();
    Name qname = question.getName();
    int qtype = question.getType();
    boolean dnssecOk = isDnssecOk(query);

    List<RRset> answer = new ArrayList<>();
    List<RRset> authority = new ArrayList<>();
    Set<Name> visited = new HashSet<>();
    Name name = qname;
    int rcode = Rcode.NOERROR;
    for (int hop = 0; ; hop++) {
      TestZone zone = zones.zoneFor(name, qtype);
      if (zone == null) {
        // The first name is outside every hosted zone, or a later name is an alias target that a
        // real resolver would look up on other servers. This server cannot do that.
        rcode = hop == 0 ? Rcode.REFUSED : Rcode.SERVFAIL;
        break;
      }
      ZoneAnswer result = ZoneLookup.lookup(zone.contents(), name, qtype);
      answer.addAll(result.answer());
      authority.addAll(result.authority());
      if (result.kind() == ZoneAnswer.Kind.ALIAS) {
        Name next = result.next();
        visited.add(name);
        if (next == null || visited.contains(next) || hop + 1 >= MAX_ALIAS_HOPS) {
          // A loop or an over-long chain: return what was found, as resolvers do.
          break;
        }
        name = next;
        continue;
      }
      rcode =
          switch (result.kind()) {
            case NXDOMAIN -> Rcode.NXDOMAIN;
            case YXDOMAIN -> Rcode.YXDOMAIN;
            case REFERRAL -> Rcode.SERVFAIL;
            default -> Rcode.NOERROR;
          };
      break;
    }

    if (rcode == Rcode.REFUSED || rcode == Rcode.SERVFAIL) {
      return emptyResponse(query, rcode);
    }
    Message response = emptyResponse(query, rcode);
    for (RRset rrset : answer) {
      addRRset(response, rrset, Section.ANSWER, dnssecOk);
    }
    for (RRset rrset : authority) {
      // RFC 4035 section 3.1: proofs go only to clients that set the DO bit.
      if (dnssecOk || !DNSSEC_TYPES.contains(rrset.getType())) {
        addRRset(response, rrset, Section.AUTHORITY, dnssecOk);
      }
    }
    return response;
  }

  private static void addRRset(Message response, RRset rrset, int section, boolean dnssecOk) {
    for (Record record : rrset.rrs(false)) {
      if (!response.findRecord(record, section)) {
        response.addRecord(record, section);
      }
    }
    if (dnssecOk) {
      for (RRSIGRecord signature : rrset.sigs()) {
        if (!response.findRecord(signature, section)) {
          response.addRecord(signature, section);
        }
      }
    }
  }
}
