package io.github.dane4j.testkit.dns;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Header;

/**
 * The TCP side of the server (RFC 7766): one thread accepts connections and a fixed pool of worker
 * threads serves them, one connection per worker, reading length-prefixed queries until the client
 * closes or stays idle too long. Connections beyond the pool and its queue are closed at once.
 */
final class TcpTransport implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TcpTransport.class.getName());

  /** Connections served at the same time. */
  static final int WORKERS = 8;

  /** Accepted connections waiting for a worker; more are closed. */
  static final int QUEUED_CONNECTIONS = 32;

  /** A connection without a new query for this long is closed (RFC 7766 section 6.2.3). */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  private final ServerSocket serverSocket;
  private final QueryProcessor processor;
  private final ScheduledExecutorService scheduler;
  private final ThreadPoolExecutor workers;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  TcpTransport(
      ServerSocket serverSocket,
      QueryProcessor processor,
      ScheduledExecutorService scheduler,
      DaemonThreads acceptorThreads,
      DaemonThreads workerThreads) {
    this.serverSocket = serverSocket;
    this.processor = processor;
    this.scheduler = scheduler;
    this.workers =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_CONNECTIONS),
            workerThreads,
            new ThreadPoolExecutor.AbortPolicy());
    this.acceptor = acceptorThreads.newThread(this::acceptLoop);
  }

  void start() {
    acceptor.start();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!serverSocket.isClosed()) {
          LOG.log(Level.DEBUG, "TCP accept failed; continuing", e);
        }
        continue;
      }
      connections.add(socket);
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        LOG.log(Level.DEBUG, "Too many TCP connections; closing the one from {0}", socket);
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = socket.getOutputStream();
      while (true) {
        // The 2-byte prefix bounds every query to 65535 bytes.
        int length = in.readUnsignedShort();
        if (length < Header.LENGTH) {
          LOG.log(
              Level.DEBUG, "TCP message of {0} bytes is shorter than a header; closing", length);
          return;
        }
        byte[] request = new byte[length];
        in.readFully(request);
        QueryProcessor.Outcome outcome = processor.process(request, Transport.TCP);
        byte[] payload = outcome.payload();
        if (payload == null) {
          continue;
        }
        if (outcome.delay().isZero()) {
          write(out, payload);
        } else {
          // The task handles its own errors, so its future has no result to check.
          ScheduledFuture<?> unused =
              scheduler.schedule(
                  () -> writeQuietly(out, payload),
                  outcome.delay().toNanos(),
                  TimeUnit.NANOSECONDS);
        }
      }
    } catch (EOFException | SocketTimeoutException e) {
      LOG.log(Level.TRACE, "TCP connection ended: {0}", e.toString());
    } catch (SocketException e) {
      LOG.log(Level.TRACE, "TCP connection closed: {0}", e.toString());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "TCP connection failed", e);
    } finally {
      connections.remove(socket);
    }
  }

  private static void write(OutputStream out, byte[] payload) throws IOException {
    byte[] framed = new byte[payload.length + 2];
    framed[0] = (byte) (payload.length >>> 8);
    framed[1] = (byte) payload.length;
    System.arraycopy(payload, 0, framed, 2, payload.length);
    synchronized (out) {
      out.write(framed);
      out.flush();
    }
  }

  private static void writeQuietly(OutputStream out, byte[] payload) {
    try {
      write(out, payload);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Delayed TCP reply failed", e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Failed to close a TCP connection", e);
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
    for (Socket socket : connections) {
      closeQuietly(socket);
    }
    workers.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.log(Level.DEBUG, "TCP workers did not stop within 5 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
