package io.github.dane4j.dns.dnsjava;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs the continuations of lookups when the settings name none.
 *
 * <p>That is {@link ForkJoinPool#commonPool()} where its parallelism is 2 or more. Where it is 1
 * (machines with one or two CPUs), {@code CompletableFuture}'s async methods do not use the common
 * pool even when it is passed explicitly: the JDK then starts a new thread for every task. A lookup
 * in trusted-resolver mode has one such task, and a domain check makes five or more lookups. On
 * those machines this class therefore returns a shared pool of daemon threads, which keeps idle
 * threads for {@link #KEEP_ALIVE} and reuses them.
 */
final class ContinuationExecutor {
  /** How long an idle thread of the shared pool waits for the next task before it ends. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

  private ContinuationExecutor() {}

  /** Returns the common pool, or the shared pool where the common pool's parallelism is 1. */
  static Executor defaultExecutor() {
    return ForkJoinPool.getCommonPoolParallelism() > 1 ? ForkJoinPool.commonPool() : shared();
  }

  /** Returns the shared pool of reused daemon threads, created on first use. */
  static Executor shared() {
    return Shared.POOL;
  }

  /** Holds the shared pool, so that it is created only when a fetcher needs it. */
  private static final class Shared {
    static final ThreadPoolExecutor POOL = create();

    private static ThreadPoolExecutor create() {
      AtomicInteger count = new AtomicInteger();
      // As in Executors.newCachedThreadPool, a task never waits in a queue, so a continuation that
      // blocks cannot hold up the others. Idle threads end after KEEP_ALIVE, so the pool shrinks
      // again when lookups stop.
      return new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          KEEP_ALIVE.toMillis(),
          TimeUnit.MILLISECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread thread = new Thread(task, "dane4j-dns-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
    }
  }
}
