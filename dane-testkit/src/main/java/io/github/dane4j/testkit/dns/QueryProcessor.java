package io.github.dane4j.testkit.dns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns the bytes of one query into the bytes of its reply: parses the query, logs it, applies the
 * behaviours, runs the {@link Responder} and encodes the response within the transport's size
 * limit. Thread-safe; the transports call it from their own threads.
 */
final class QueryProcessor {

  /** Largest DNS message over TCP, bounded by the 2-byte length prefix (RFC 1035 4.2.2). */
  static final int MAX_TCP_MESSAGE = 0xFFFF;

  /** UDP limit for clients without EDNS0, and the floor for those with it (RFC 6891 6.2.5). */
  static final int MIN_UDP_PAYLOAD = 512;

  private static final System.Logger LOG = System.getLogger(QueryProcessor.class.getName());

  // RFC 1035 section 4.1.1: the header is 12 bytes; QDCOUNT is at offset 4, ANCOUNT at 6.
  private static final int HEADER_LENGTH = 12;

  private static final Name MISMATCH_LABEL = Name.fromConstantString("mismatched-question");

  /** Bytes to send, if any, and how long to wait first. */
  static final class Outcome {
    static final Outcome NOTHING = new Outcome(null, Duration.ZERO);

    private final byte @Nullable [] payload;
    private final Duration delay;

    Outcome(byte @Nullable [] payload, Duration delay) {
      this.payload = payload;
      this.delay = delay;
    }

    /** Returns the DNS message without the TCP length prefix, or null to send nothing. */
    byte @Nullable [] payload() {
      return payload;
    }

    Duration delay() {
      return delay;
    }
  }

  private final Responder responder;
  private final List<Behaviour> behaviours;
  private final QueryLog log;

  QueryProcessor(Responder responder, List<Behaviour> behaviours, QueryLog log) {
    this.responder = responder;
    this.behaviours = List.copyOf(behaviours);
    this.log = log;
  }

  Outcome process(byte[] request, Transport transport) {
    Message query;
    try {
      query = new Message(request);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Malformed query over {0}: {1}", transport, e.getMessage());
      return formatError(request, transport);
    }
    Header header = query.getHeader();
    if (header.getFlag(Flags.QR)) {
      // Never answer a response: that is how reflection loops start.
      return Outcome.NOTHING;
    }
    int limit = sizeLimit(query, transport);
    if (header.getOpcode() != Opcode.QUERY) {
      return encode(Responder.emptyResponse(query, Rcode.NOTIMP), limit);
    }
    Record question = query.getQuestion();
    if (question == null || header.getCount(Section.QUESTION) != 1) {
      return encode(Responder.emptyResponse(query, Rcode.FORMERR), limit);
    }

    ObservedQuery observed =
        new ObservedQuery(
            question.getName(),
            question.getType(),
            Responder.isDnssecOk(query),
            header.getFlag(Flags.CD),
            transport);
    log.add(observed);
    LOG.log(Level.TRACE, "Query {0}", observed);

    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() != 0) {
      return encode(Responder.emptyResponse(query, Rcode.BADVERS), limit);
    }
    if (question.getDClass() != DClass.IN) {
      return encode(Responder.emptyResponse(query, Rcode.REFUSED), limit);
    }

    Reply reply = chooseReply(observed);
    return switch (reply.kind()) {
      case NORMAL -> delayed(encode(responder.respond(query), limit), reply);
      case RCODE -> delayed(encode(Responder.emptyResponse(query, reply.rcode()), limit), reply);
      case NONE -> Outcome.NOTHING;
      case MISMATCHED_ID -> delayed(withOtherId(encode(responder.respond(query), limit)), reply);
      case MISMATCHED_QUESTION ->
          delayed(encode(withOtherQuestion(responder.respond(query), question), limit), reply);
      case GARBAGE -> delayed(new Outcome(garbage(header.getID()), Duration.ZERO), reply);
      case ANSWER_TTL ->
          delayed(withAnswerTtl(encode(responder.respond(query), limit), reply.answerTtl()), reply);
      case TRUNCATED -> {
        Message truncated = Responder.emptyResponse(query, Rcode.NOERROR);
        truncated.getHeader().setFlag(Flags.TC);
        yield delayed(encode(truncated, limit), reply);
      }
    };
  }

  private Reply chooseReply(ObservedQuery query) {
    for (Behaviour behaviour : behaviours) {
      Reply reply;
      try {
        reply = behaviour.replyTo(query);
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "Behaviour failed for " + query + "; answering SERVFAIL", e);
        return Reply.servfail();
      }
      if (reply == null) {
        LOG.log(Level.DEBUG, "Behaviour returned null for {0}; answering SERVFAIL", query);
        return Reply.servfail();
      }
      if (!reply.isNormal()) {
        return reply;
      }
    }
    return Reply.normal();
  }

  /** Returns the UDP payload size the client accepts, or the TCP maximum (RFC 6891 6.2.3). */
  static int sizeLimit(Message query, Transport transport) {
    if (transport == Transport.TCP) {
      return MAX_TCP_MESSAGE;
    }
    OPTRecord opt = query.getOPT();
    if (opt == null) {
      return MIN_UDP_PAYLOAD;
    }
    return Math.min(
        Math.max(opt.getPayloadSize(), MIN_UDP_PAYLOAD), Responder.ADVERTISED_PAYLOAD_SIZE);
  }

  /**
   * Encodes {@code response}; when it does not fit {@code limit}, sends the header, question and
   * OPT record with the TC bit instead, so the client retries over TCP (RFC 2181 section 9).
   */
  static Outcome encode(Message response, int limit) {
    byte[] wire = response.toWire();
    if (wire.length <= limit) {
      return new Outcome(wire, Duration.ZERO);
    }
    Message truncated = response.clone();
    truncated.removeAllRecords(Section.ANSWER);
    truncated.removeAllRecords(Section.AUTHORITY);
    truncated.getHeader().setFlag(Flags.TC);
    return new Outcome(truncated.toWire(), Duration.ZERO);
  }

  private static Outcome delayed(Outcome outcome, Reply reply) {
    return new Outcome(outcome.payload(), reply.delay());
  }

  /** Rewrites the TTL field of every answer-section record in the encoded response. */
  private static Outcome withAnswerTtl(Outcome outcome, long ttl) {
    byte[] payload = outcome.payload();
    if (payload == null) {
      return outcome;
    }
    byte[] changed = payload.clone();
    WireWalker walker = new WireWalker(changed);
    int questions = walker.u16At(4);
    int answers = walker.u16At(6);
    walker.position = HEADER_LENGTH;
    for (int i = 0; i < questions; i++) {
      walker.skipName();
      walker.position += 4; // type, class
    }
    for (int i = 0; i < answers; i++) {
      walker.skipName();
      walker.position += 4; // type, class
      for (int shift = 24; shift >= 0; shift -= 8) {
        changed[walker.position++] = (byte) (ttl >>> shift);
      }
      int rdataLength = walker.u16At(walker.position);
      walker.position += 2 + rdataLength;
    }
    return new Outcome(changed, outcome.delay());
  }

  /** A read position in an encoded message that the server itself produced. */
  private static final class WireWalker {
    private final byte[] wire;
    int position;

    WireWalker(byte[] wire) {
      this.wire = wire;
    }

    int u16At(int offset) {
      return ((wire[offset] & 0xFF) << 8) | (wire[offset + 1] & 0xFF);
    }

    /** Moves past a domain name: labels up to the root label, or up to a compression pointer. */
    void skipName() {
      while (true) {
        int length = wire[position] & 0xFF;
        if (length == 0) {
          position++;
          return;
        }
        if ((length & 0xC0) == 0xC0) {
          position += 2;
          return;
        }
        position += 1 + length;
      }
    }
  }

  private static Outcome withOtherId(Outcome outcome) {
    byte[] payload = outcome.payload();
    if (payload == null) {
      return outcome;
    }
    byte[] changed = payload.clone();
    changed[0] = (byte) ~changed[0];
    return new Outcome(changed, outcome.delay());
  }

  private static Message withOtherQuestion(Message response, Record question) {
    Name other;
    try {
      other = Name.concatenate(MISMATCH_LABEL, question.getName());
    } catch (NameTooLongException e) {
      other = Name.fromConstantString("mismatched-question.");
    }
    response.removeAllRecords(Section.QUESTION);
    response.addRecord(
        Record.newRecord(other, question.getType(), question.getDClass()), Section.QUESTION);
    return response;
  }

  /** Returns the query ID followed by bytes that claim 65535 records of every section. */
  private static byte[] garbage(int id) {
    byte[] text = "not a DNS message".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[12 + text.length];
    bytes[0] = (byte) (id >>> 8);
    bytes[1] = (byte) id;
    for (int i = 2; i < 12; i++) {
      bytes[i] = (byte) 0xFF;
    }
    System.arraycopy(text, 0, bytes, 12, text.length);
    return bytes;
  }

  /** Answers FORMERR when at least a header arrived (RFC 1035 4.1.1); otherwise stays silent. */
  private static Outcome formatError(byte[] request, Transport transport) {
    if (request.length < Header.LENGTH || (request[2] & 0x80) != 0) {
      return Outcome.NOTHING;
    }
    Message response = new Message(((request[0] & 0xFF) << 8) | (request[1] & 0xFF));
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(Rcode.FORMERR);
    return encode(response, transport == Transport.TCP ? MAX_TCP_MESSAGE : MIN_UDP_PAYLOAD);
  }
}
