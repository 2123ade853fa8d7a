package io.github.dane4j.dns.dnsjava;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * The DS and DNSKEY queries that {@link DnssecValidator} has sent and not yet finished with, so
 * that concurrent lookups in one zone share one walk down the chain of trust instead of each
 * sending the same queries (a cold cache hit by many lookups at once would otherwise multiply the
 * upstream load and time the lookups out).
 *
 * <p>The lookup that sends a query owns it and releases it once it has processed the response, by
 * which time the proven keys are in the {@link KeyCache}. A lookup that requests the same query
 * meanwhile waits for the same response and continues on its own executor with a copy. The owner
 * started the query earlier with the same timeout and retries, so the wait ends no later than a
 * query of its own would. At most {@link #MAX_ENTRIES} queries are shared; beyond that each lookup
 * sends its own. Thread-safe.
 */
final class InFlightQueries {
  /** The number of queries shared at a time. */
  static final int MAX_ENTRIES = 1000;

  private record Key(Name name, int type) {}

  /**
   * One lookup's use of a query.
   *
   * @param response the response, completed on the executor of the lookup that has the ticket
   * @param release ends the sharing of the query when the owner has processed the response; does
   *     nothing for a lookup that joined another's query
   */
  record Ticket(CompletableFuture<Message> response, Runnable release) {}

  private final Map<Key, CompletableFuture<Message>> queries = new ConcurrentHashMap<>();

  /**
   * Signals that the query is no longer needed: the owner found the answer in the {@link KeyCache},
   * put there by a lookup that released the same query just before. The lookups that receive it
   * start again from the cache.
   */
  static final class Superseded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Superseded() {
      super("The keys are cached now", null, false, false);
    }
  }

  /**
   * Returns the response to the query {@code name}/{@code type}: a copy of the one in flight, or
   * the one {@code send} starts when none is. When {@code send} returns null, the response fails
   * with {@link Superseded}.
   *
   * @param executor the executor on which a lookup that joins another's query continues
   */
  Ticket join(
      Name name, int type, Executor executor, Supplier<@Nullable CompletableFuture<Message>> send) {
    if (queries.size() >= MAX_ENTRIES) {
      return new Ticket(sent(send), () -> {});
    }
    Key key = new Key(name, type);
    CompletableFuture<Message> shared = new CompletableFuture<>();
    CompletableFuture<Message> existing = queries.putIfAbsent(key, shared);
    if (existing != null) {
      return new Ticket(existing.thenApplyAsync(Message::clone, executor), () -> {});
    }
    CompletableFuture<Message> response;
    try {
      response = sent(send);
    } catch (RuntimeException e) {
      queries.remove(key, shared);
      shared.completeExceptionally(e);
      throw e;
    }
    CompletableFuture<Message> owned =
        response.whenComplete(
            (message, error) -> {
              if (error != null) {
                shared.completeExceptionally(error);
              } else {
                shared.complete(message.clone());
              }
            });
    return new Ticket(owned, () -> queries.remove(key, shared));
  }

  private static CompletableFuture<Message> sent(
      Supplier<@Nullable CompletableFuture<Message>> send) {
    CompletableFuture<Message> response = send.get();
    return response == null ? CompletableFuture.failedFuture(new Superseded()) : response;
  }

  /** Returns the number of queries shared now, for tests. */
  int size() {
    return queries.size();
  }
}
