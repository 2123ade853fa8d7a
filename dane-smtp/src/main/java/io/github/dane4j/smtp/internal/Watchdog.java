package io.github.dane4j.smtp.internal;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a socket when a step of the conversation runs past its deadline, so that a server that
 * trickles bytes slower than the read timeout but never finishes cannot hold the connection
 * forever. A blocked read or handshake then fails with a {@code SocketException}, and {@link
 * #expired()} reports that the deadline caused it.
 *
 * <p>All watchdogs share one daemon thread, {@code dane4j-smtp-watchdog}, which starts on first use
 * and ends after 10 seconds without work. It checks the open watchdogs every {@value #TICK_MILLIS}
 * ms, so a socket is closed at most that long after its deadline. Starting and closing a watchdog
 * only adds it to and removes it from a concurrent set. A timer task per step woke the shared
 * thread twice per step instead, about seven times per connection.
 */
public final class Watchdog implements AutoCloseable {
  private static final System.Logger LOGGER = System.getLogger(Watchdog.class.getName());
  private static final long TICK_MILLIS = 50;
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Set<Watchdog> OPEN = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean SWEEPING = new AtomicBoolean();

  private final AtomicBoolean expired = new AtomicBoolean();
  private final Socket socket;
  private final long deadline;

  private Watchdog(Duration timeout, Socket socket) {
    this.socket = socket;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  /** Starts a watchdog that closes {@code socket} once {@code timeout} has passed. */
  public static Watchdog start(Duration timeout, Socket socket) {
    Watchdog watchdog = new Watchdog(timeout, socket);
    OPEN.add(watchdog);
    if (SWEEPING.compareAndSet(false, true)) {
      Thread thread = new Thread(Watchdog::sweep, "dane4j-smtp-watchdog");
      thread.setDaemon(true);
      thread.start();
    }
    return watchdog;
  }

  /** Returns whether the deadline passed and the socket was closed. */
  public boolean expired() {
    return expired.get();
  }

  /** Cancels the deadline; the socket stays open unless the deadline had already passed. */
  @Override
  public void close() {
    OPEN.remove(this);
  }

  private void expire() {
    if (!OPEN.remove(this)) {
      // The step finished in time and closed the watchdog first.
      return;
    }
    expired.set(true);
    try {
      socket.close();
    } catch (IOException e) {
      LOGGER.log(System.Logger.Level.DEBUG, "Closing the socket at its deadline failed", e);
    }
  }

  /** Closes the sockets whose deadline passed, until no watchdog was open for 10 seconds. */
  private static void sweep() {
    long idleSince = System.nanoTime();
    while (true) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      long now = System.nanoTime();
      for (Watchdog watchdog : OPEN) {
        if (now - watchdog.deadline >= 0) {
          watchdog.expire();
        }
      }
      if (!OPEN.isEmpty()) {
        idleSince = now;
      } else if (now - idleSince >= IDLE_NANOS) {
        SWEEPING.set(false);
        // A watchdog started after the check above found SWEEPING still set and started no
        // thread; this one goes on for it.
        if (OPEN.isEmpty() || !SWEEPING.compareAndSet(false, true)) {
          return;
        }
        idleSince = now;
      }
    }
  }
}
