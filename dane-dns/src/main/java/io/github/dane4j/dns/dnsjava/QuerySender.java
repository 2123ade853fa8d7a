package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;

/**
 * Sends one query through the fetcher's resolver (the validator, or the trusted resolver) and
 * classifies what comes back. Shared by the lookups of one fetcher.
 *
 * @param resolver the validating resolver, or the upstream resolver in trusted-resolver mode
 * @param validation how the DNSSEC status is established
 * @param authenticity what the answers say about how their status was established
 * @param settings the fetcher's settings
 * @param executor runs the continuations
 * @param clock the time source for capping TTLs at signature expiry
 */
record QuerySender(
    Resolver resolver,
    Validation validation,
    AuthenticitySource authenticity,
    DnsFetcherSettings settings,
    Executor executor,
    Clock clock) {

  /**
   * Sends a query for {@code name} and {@code type} and returns its classified outcome; the stage
   * never completes exceptionally.
   *
   * <p>The query has RD set and, to a trusted resolver, AD too (RFC 6840 section 5.7); CD is never
   * set, because a validator skips validation for a query with CD (RFC 4035 section 3.2.2).
   */
  CompletableFuture<QueryOutcome> send(Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    if (validation == Validation.TRUSTED_RESOLVER) {
      query.getHeader().setFlag(Flags.AD);
    }
    LookupContext context = new LookupContext(executor);
    CompletableFuture<QueryOutcome> outcome;
    try {
      outcome =
          resolver
              .sendAsync(query, context)
              .handle(
                  (response, error) -> QueryOutcome.classify(response, error, validation, context))
              .toCompletableFuture();
    } catch (RuntimeException e) {
      // A resolver that throws instead of returning a failed stage still yields a failed query.
      outcome =
          CompletableFuture.completedFuture(QueryOutcome.classify(null, e, validation, context));
    }
    return outcome;
  }
}
