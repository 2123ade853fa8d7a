package io.github.dane4j.smtp.internal;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a socket when a step of the conversation runs past its deadline, so that a server that
 * trickles bytes slower than the read timeout but never finishes cannot hold the connection
 * forever. A blocked read or handshake then fails with a {@code SocketException}, and {@link
 * #expired()} reports that the deadline caused it.
 *
 * <p>All watchdogs share one daemon thread, {@code dane4j-smtp-watchdog}, which starts on first use
 * and ends after 10 seconds without work.
 */
public final class Watchdog implements AutoCloseable {
  private static final System.Logger LOGGER = System.getLogger(Watchdog.class.getName());

  private final AtomicBoolean expired = new AtomicBoolean();
  private final ScheduledFuture<?> task;

  private Watchdog(Duration timeout, Socket socket) {
    this.task =
        Timer.EXECUTOR.schedule(() -> expire(socket), timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Starts a watchdog that closes {@code socket} once {@code timeout} has passed. */
  public static Watchdog start(Duration timeout, Socket socket) {
    return new Watchdog(timeout, socket);
  }

  /** Returns whether the deadline passed and the socket was closed. */
  public boolean expired() {
    return expired.get();
  }

  /** Cancels the deadline; the socket stays open unless the deadline had already passed. */
  @Override
  public void close() {
    task.cancel(false);
  }

  private void expire(Socket socket) {
    expired.set(true);
    try {
      socket.close();
    } catch (IOException e) {
      LOGGER.log(System.Logger.Level.DEBUG, "Closing the socket at its deadline failed", e);
    }
  }

  /** Holds the shared executor, created on first use. */
  private static final class Timer {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "dane4j-smtp-watchdog");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      executor.setKeepAliveTime(10, TimeUnit.SECONDS);
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }
  }
}
