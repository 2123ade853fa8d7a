package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The executor of lookup continuations when the settings name none. */
class ContinuationExecutorTest {
  private static final int TASKS = 100;

  @Test
  void defaultExecutor_anyParallelism_commonPoolAboveOne() {
    boolean commonPool = ContinuationExecutor.defaultExecutor() == ForkJoinPool.commonPool();

    assertThat(commonPool).isEqualTo(ForkJoinPool.getCommonPoolParallelism() > 1);
  }

  @Test
  void shared_task_runsOnDaemonThread() {
    Thread thread =
        CompletableFuture.supplyAsync(Thread::currentThread, ContinuationExecutor.shared()).join();

    assertThat(thread.isDaemon()).isTrue();
  }

  @Test
  void shared_task_runsOnNamedThread() {
    Thread thread =
        CompletableFuture.supplyAsync(Thread::currentThread, ContinuationExecutor.shared()).join();

    assertThat(thread.getName()).startsWith("dane4j-dns-");
  }

  @Test
  void shared_tasksInTurn_reuseThreads() {
    Set<Thread> threads = new HashSet<>();
    for (int i = 0; i < TASKS; i++) {
      threads.add(
          CompletableFuture.supplyAsync(Thread::currentThread, ContinuationExecutor.shared())
              .join());
    }

    assertThat(threads).hasSizeLessThan(TASKS);
  }
}
