package io.github.dane4j.dns.dnsjava;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * The in-process DNSSEC validator of the dnsjava provider: a {@link Resolver} that sends each query
 * to the upstream resolver with the CD bit and validates the response from the trust anchors down
 * (RFC 4033 to 4035, RFC 5155, RFC 6840).
 *
 * <p>It reports its verdict the way a validating resolver does, which {@link QueryOutcome} reads: a
 * secure response comes back with the AD bit, an insecure one without it, and a bogus one as
 * SERVFAIL with an extended DNS error (RFC 8914) and the reason in a TXT record of class {@value
 * ValidatingResolver#VALIDATION_REASON_QCLASS}. A failed upstream query, the DS and DNSKEY queries
 * of validation included, fails the returned stage.
 *
 * <p>Threads: each step continues in the completion of the query it waited for, which runs on the
 * executor passed to {@link #sendAsync(Message, Executor)}; no step runs on {@code
 * CompletableFuture}'s default executor.
 *
 * <p>Limits: see {@link ValidationLimits}. Keys: see {@link KeyCache}. Concurrent lookups share
 * their DS and DNSKEY queries: see {@link InFlightQueries}.
 */
final class DnssecValidator implements Resolver {
  private static final int MAX_TXT_STRING = 255;

  private final Resolver upstream;
  private final Map<Name, List<Record>> anchors;
  private final KeyCache cache = new KeyCache();
  private final InFlightQueries queries = new InFlightQueries();
  private final Clock clock;
  private final int udpPayloadSize;

  /**
   * Creates the validator.
   *
   * @param upstream sends the queries, the DS and DNSKEY queries of validation included
   * @param anchors the trust anchors: DS or DNSKEY records, by owner name
   * @param clock the time against which signature validity periods are checked
   * @param udpPayloadSize the EDNS0 payload size advertised in the OPT record of a SERVFAIL
   */
  DnssecValidator(
      Resolver upstream, Map<Name, List<Record>> anchors, Clock clock, int udpPayloadSize) {
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("No trust anchor for the validator");
    }
    this.upstream = upstream;
    this.anchors = Map.copyOf(anchors);
    this.clock = clock;
    this.udpPayloadSize = udpPayloadSize;
  }

  /** Returns the queries shared between lookups, for tests. */
  InFlightQueries inFlightQueries() {
    return queries;
  }

  /** Returns the key cache, for tests. */
  KeyCache keyCache() {
    return cache;
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    Record question = query.getQuestion();
    if (question == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("The query has no question"));
    }
    Message upstreamQuery = query.clone();
    // The validator checks the data itself, so the upstream must not filter bogus data out (RFC
    // 4035 section 4.9.2).
    upstreamQuery.getHeader().setFlag(Flags.CD);
    ChainOfTrust chain =
        new ChainOfTrust(
            upstream, executor, anchors, cache, queries, clock.instant(), new ValidationLimits());
    return upstream
        .sendAsync(upstreamQuery, executor)
        .thenCompose(
            response ->
                new AnswerValidation(chain)
                    .validate(question.getName(), question.getType(), response)
                    .thenApply(verdict -> result(query, response, verdict)));
  }

  private Message result(Message query, Message response, Verdict verdict) {
    if (verdict.isBogus()) {
      return servfail(query, verdict);
    }
    Message result = response.clone();
    result.getHeader().setID(query.getHeader().getID());
    if (verdict.isSecure()) {
      result.getHeader().setFlag(Flags.AD);
    } else {
      result.getHeader().unsetFlag(Flags.AD);
    }
    result.getHeader().unsetFlag(Flags.CD);
    return result;
  }

  private Message servfail(Message query, Verdict verdict) {
    Message result = new Message(query.getHeader().getID());
    result.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      result.getHeader().setFlag(Flags.RD);
    }
    result.getHeader().setRcode(Rcode.SERVFAIL);
    Record question = query.getQuestion();
    if (question != null) {
      result.addRecord(question, Section.QUESTION);
    }
    List<EDNSOption> options =
        List.of(new ExtendedErrorCodeOption(verdict.extendedError(), verdict.reason()));
    result.addRecord(
        new OPTRecord(udpPayloadSize, 0, 0, ExtendedFlags.DO, options), Section.ADDITIONAL);
    result.addRecord(
        new TXTRecord(
            Name.root, ValidatingResolver.VALIDATION_REASON_QCLASS, 0, chunks(verdict.reason())),
        Section.ADDITIONAL);
    return result;
  }

  private static List<String> chunks(String text) {
    List<String> chunks = new ArrayList<>();
    for (int start = 0; start < text.length(); start += MAX_TXT_STRING) {
      chunks.add(text.substring(start, Math.min(text.length(), start + MAX_TXT_STRING)));
    }
    return chunks.isEmpty() ? List.of("") : chunks;
  }

  // The fetcher configures its upstream directly; these apply to it for completeness.

  @Override
  public void setPort(int port) {
    upstream.setPort(port);
  }

  @Override
  public void setTCP(boolean flag) {
    upstream.setTCP(flag);
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    upstream.setIgnoreTruncation(flag);
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    upstream.setEDNS(version, payloadSize, flags, options);
  }

  @Override
  public void setTSIGKey(TSIG key) {
    upstream.setTSIGKey(key);
  }

  @Override
  public void setTimeout(Duration timeout) {
    upstream.setTimeout(timeout);
  }

  @Override
  public Duration getTimeout() {
    return upstream.getTimeout();
  }
}
