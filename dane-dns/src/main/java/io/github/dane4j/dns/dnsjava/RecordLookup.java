package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.dns.dnsjava.ResponseReader.AliasHop;
import io.github.dane4j.dns.dnsjava.ResponseReader.AnswerChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One lookup of the records of one type at one name, following CNAME and DNAME aliases.
 *
 * <p>The resolver normally returns the whole alias chain with the data in one response, and the
 * DNSSEC status covers that response as a whole, so any insecure link makes it insecure (RFC 7672
 * section 2.1.3). When a response ends at an alias without data and without a negative answer for
 * the target, the lookup queries the target itself and combines the statuses: the answer is secure
 * only when every response was.
 *
 * @param <T> the record type of the answer
 */
final class RecordLookup<T> {
  private final QuerySender sender;
  private final Name queryName;
  private final int type;
  private final Function<Record, T> converter;
  private final List<Name> namesFollowed = new ArrayList<>();
  private int aliasHops;
  private boolean insecure;
  private long ttlSeconds = Long.MAX_VALUE;

  private RecordLookup(
      QuerySender sender, Name queryName, int type, Function<Record, T> converter) {
    this.sender = sender;
    this.queryName = queryName;
    this.type = type;
    this.converter = converter;
    this.namesFollowed.add(queryName);
  }

  /**
   * Starts a lookup; the stage completes with an answer, never exceptionally.
   *
   * @param converter turns one record of {@code type} into the answer's record type; an {@link
   *     IllegalArgumentException} from it makes the lookup a failure
   */
  static <T> CompletableFuture<DnsAnswer<T>> start(
      QuerySender sender, Name queryName, int type, Function<Record, T> converter) {
    return new RecordLookup<>(sender, queryName, type, converter).step(queryName);
  }

  private CompletableFuture<DnsAnswer<T>> step(Name name) {
    return sender.send(name, type).thenCompose(outcome -> next(name, outcome));
  }

  private CompletableFuture<DnsAnswer<T>> next(Name name, QueryOutcome outcome) {
    Message response = outcome.response();
    if (response == null && outcome.status() == DnssecStatus.BOGUS) {
      // dnsjava 3.6.4 reports a CNAME loop as BOGUS (a failed NODATA proof), so name the loop.
      return CnameChainLookup.aliasProblem(sender, name)
          .thenApply(problem -> failure(outcome, problem.orElse(outcome.reason())));
    }
    if (response == null) {
      return done(failure(outcome, outcome.reason()));
    }
    if (outcome.status() == DnssecStatus.INSECURE) {
      insecure = true;
    }

    AnswerChain chain = ResponseReader.readAnswer(response, name, type, sender.clock().instant());
    for (AliasHop hop : chain.hops()) {
      if (namesFollowed.contains(hop.target())) {
        return done(failure(outcome, CnameChainLookup.loopReason(hop.owner(), hop.target())));
      }
      namesFollowed.add(hop.target());
      aliasHops++;
      if (aliasHops > sender.settings().maxAliasHops()) {
        return done(
            failure(
                outcome,
                "CNAME chain from "
                    + queryName
                    + " is longer than the limit of "
                    + sender.settings().maxAliasHops()
                    + " aliases"));
      }
    }
    ttlSeconds = Math.min(ttlSeconds, chain.ttlSeconds());

    if (!chain.data().isEmpty()) {
      return done(records(outcome, chain.data()));
    }
    long negativeTtl = ResponseReader.negativeTtl(response);
    if (negativeTtl >= 0) {
      ttlSeconds = Math.min(ttlSeconds, negativeTtl);
    }
    if (outcome.rcode() == Rcode.NXDOMAIN) {
      return done(negative(AnswerKind.NXDOMAIN, outcome, negativeTtl));
    }
    if (chain.hops().isEmpty() || negativeTtl >= 0) {
      return done(negative(AnswerKind.NODATA, outcome, negativeTtl));
    }
    // The response stopped at an alias without proving that its target has no data; ask for the
    // target directly.
    return step(chain.finalName());
  }

  private DnsAnswer<T> records(QueryOutcome outcome, List<Record> data) {
    List<T> converted = new ArrayList<>(data.size());
    for (Record record : data) {
      try {
        converted.add(converter.apply(record));
      } catch (IllegalArgumentException e) {
        return failure(
            outcome,
            "Invalid "
                + Type.string(type)
                + " record at "
                + record.getName()
                + ": "
                + e.getMessage());
      }
    }
    return answer(AnswerKind.RECORDS, status(), converted, ttl(), outcome, "");
  }

  private DnsAnswer<T> negative(AnswerKind kind, QueryOutcome outcome, long negativeTtl) {
    Duration ttl = negativeTtl >= 0 ? ttl() : Duration.ZERO;
    return answer(kind, status(), List.of(), ttl, outcome, outcome.reason());
  }

  private DnsAnswer<T> failure(QueryOutcome outcome, String reason) {
    DnssecStatus status =
        outcome.status() == DnssecStatus.SECURE || outcome.status() == DnssecStatus.INSECURE
            ? DnssecStatus.INDETERMINATE
            : outcome.status();
    return answer(AnswerKind.FAILURE, status, List.of(), Duration.ZERO, outcome, reason);
  }

  private DnssecStatus status() {
    return insecure ? DnssecStatus.INSECURE : DnssecStatus.SECURE;
  }

  private Duration ttl() {
    return ttlSeconds == Long.MAX_VALUE ? Duration.ZERO : Duration.ofSeconds(ttlSeconds);
  }

  private DnsAnswer<T> answer(
      AnswerKind kind,
      DnssecStatus status,
      List<T> records,
      Duration ttl,
      QueryOutcome outcome,
      String reason) {
    return new DnsAnswer<>(
        Names.toText(queryName),
        kind,
        status,
        records,
        namesFollowed.stream().map(Names::toText).toList(),
        ttl,
        outcome.rcode(),
        outcome.extendedError(),
        reason,
        sender.authenticity());
  }

  private static <A> CompletableFuture<A> done(A answer) {
    return CompletableFuture.completedFuture(answer);
  }
}
