package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.dns.dnsjava.ResponseReader.AnswerChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Follows the CNAME chain of a name with one query of type CNAME per hop, so that each hop gets the
 * DNSSEC status of its own record. A combined answer cannot say which part of a chain is insecure
 * (RFC 7672 section 2.1.3).
 *
 * <p>A hop after an insecure one is reported insecure whatever its own status, and the answer as a
 * whole is insecure when any hop, or the response that ends the chain, is insecure.
 */
final class CnameChainLookup {
  private final QuerySender sender;
  private final Name start;
  private final List<Name> namesFollowed = new ArrayList<>();
  private final List<CnameHop> hops = new ArrayList<>();
  private boolean insecure;
  private long ttlSeconds = Long.MAX_VALUE;
  private @Nullable String aliasProblem;

  private CnameChainLookup(QuerySender sender, Name start) {
    this.sender = sender;
    this.start = start;
    this.namesFollowed.add(start);
  }

  /** Starts following the chain; the stage completes with an answer, never exceptionally. */
  static CompletableFuture<DnsAnswer<CnameHop>> start(QuerySender sender, Name start) {
    return new CnameChainLookup(sender, start).step(start);
  }

  /**
   * Follows the chain hop by hop to explain a failed lookup of {@code start}: the stage completes
   * with the reason when the chain loops or exceeds the alias limit, else with empty. Each hop is
   * its own CNAME query, so a validator that cannot prove the end of a looping chain still
   * validates every hop.
   */
  static CompletableFuture<Optional<String>> aliasProblem(QuerySender sender, Name start) {
    CnameChainLookup lookup = new CnameChainLookup(sender, start);
    return lookup.step(start).thenApply(answer -> Optional.ofNullable(lookup.aliasProblem));
  }

  /** Returns the failure reason for a CNAME at {@code owner} whose target was already followed. */
  static String loopReason(Name owner, Name target) {
    return "CNAME loop at "
        + Names.toText(owner)
        + ": its CNAME target "
        + Names.toText(target)
        + " was already followed";
  }

  private CompletableFuture<DnsAnswer<CnameHop>> step(Name name) {
    return sender.send(name, Type.CNAME).thenCompose(outcome -> next(name, outcome));
  }

  private CompletableFuture<DnsAnswer<CnameHop>> next(Name name, QueryOutcome outcome) {
    Message response = outcome.response();
    if (response == null) {
      return done(failure(outcome, outcome.reason()));
    }
    boolean hopInsecure = insecure || outcome.status() == DnssecStatus.INSECURE;

    AnswerChain chain =
        ResponseReader.readAnswer(response, name, Type.CNAME, sender.clock().instant());
    if (chain.data().isEmpty()) {
      // The chain ends here: the name exists without a CNAME, or does not exist.
      insecure = hopInsecure;
      long negativeTtl = ResponseReader.negativeTtl(response);
      ttlSeconds = Math.min(ttlSeconds, Math.max(0, negativeTtl));
      return done(end(outcome));
    }

    CNAMERecord cname = (CNAMERecord) chain.data().get(0);
    Name target = cname.getTarget();
    DnssecStatus hopStatus = hopInsecure ? DnssecStatus.INSECURE : DnssecStatus.SECURE;
    hops.add(
        new CnameHop(Names.toText(name), Names.toText(target), hopStatus, chain.dataFromDname()));
    insecure = hopInsecure;
    ttlSeconds = Math.min(ttlSeconds, chain.ttlSeconds());
    if (namesFollowed.contains(target)) {
      String loop = loopReason(name, target);
      aliasProblem = loop;
      return done(failure(outcome, loop));
    }
    namesFollowed.add(target);
    if (hops.size() > sender.settings().maxAliasHops()) {
      String tooLong =
          "CNAME chain from "
              + Names.toText(start)
              + " is longer than the limit of "
              + sender.settings().maxAliasHops()
              + " aliases";
      aliasProblem = tooLong;
      return done(failure(outcome, tooLong));
    }
    return step(target);
  }

  private DnsAnswer<CnameHop> end(QueryOutcome outcome) {
    DnssecStatus status = insecure ? DnssecStatus.INSECURE : DnssecStatus.SECURE;
    Duration ttl = ttlSeconds == Long.MAX_VALUE ? Duration.ZERO : Duration.ofSeconds(ttlSeconds);
    AnswerKind kind;
    if (!hops.isEmpty()) {
      kind = AnswerKind.RECORDS;
    } else if (outcome.rcode() == Rcode.NXDOMAIN) {
      kind = AnswerKind.NXDOMAIN;
    } else {
      kind = AnswerKind.NODATA;
    }
    return answer(kind, status, List.copyOf(hops), ttl, outcome, outcome.reason());
  }

  private DnsAnswer<CnameHop> failure(QueryOutcome outcome, String reason) {
    DnssecStatus status =
        outcome.status() == DnssecStatus.SECURE || outcome.status() == DnssecStatus.INSECURE
            ? DnssecStatus.INDETERMINATE
            : outcome.status();
    return answer(AnswerKind.FAILURE, status, List.of(), Duration.ZERO, outcome, reason);
  }

  private DnsAnswer<CnameHop> answer(
      AnswerKind kind,
      DnssecStatus status,
      List<CnameHop> records,
      Duration ttl,
      QueryOutcome outcome,
      String reason) {
    return new DnsAnswer<>(
        Names.toText(start),
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
