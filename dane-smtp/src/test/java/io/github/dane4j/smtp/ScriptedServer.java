package io.github.dane4j.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-connection loopback server that plays a fixed script of raw bytes, for replies that the
 * testkit SMTP server cannot produce. After the script it reads until the client closes.
 */
final class ScriptedServer implements AutoCloseable {
  private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

  /** One step of the script. */
  sealed interface Step {}

  /** Writes the bytes, each a character from U+0000 to U+00FF, with one write and one flush. */
  record Write(String latin1) implements Step {
    static Write bytes(byte[] bytes) {
      return new Write(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    byte[] bytes() {
      return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** Reads up to and including the next LF. */
  record ReadLine() implements Step {}

  /** Shuts down the server's output, so the client reads end of stream; the script goes on. */
  record EndOutput() implements Step {}

  /** Closes the connection and ends the script. */
  record Close() implements Step {}

  /** Reads once, whatever has arrived (at least one byte). */
  record ReadSome() implements Step {}

  /** Writes the ASCII text one byte per period, over and over, until the client closes. */
  record Trickle(String ascii, Duration period) implements Step {
    byte[] bytes() {
      return ascii.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final ServerSocket listener;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
  private final Future<Boolean> clientClosed;

  private ScriptedServer(List<Step> steps) throws IOException {
    this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.listener.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
    this.clientClosed = executor.submit(() -> serve(steps));
  }

  static ScriptedServer start(Step... steps) throws IOException {
    return new ScriptedServer(List.of(steps));
  }

  InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  /**
   * Waits for the script to end and returns whether the server then saw the client close the
   * connection (end of stream or a reset); false after a {@link Close} step.
   */
  boolean awaitClientClose(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return clientClosed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    trickler.shutdownNow();
    executor.shutdownNow();
  }

  private boolean serve(List<Step> steps) throws IOException {
    try (Socket socket = listener.accept()) {
      socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      try {
        for (Step step : steps) {
          if (step instanceof Close) {
            return false;
          }
          play(step, socket, in, out);
        }
        return drainUntilClosed(in);
      } catch (SocketException e) {
        // A reset from the client is a close too.
        return true;
      }
    }
  }

  private void play(Step step, Socket socket, InputStream in, OutputStream out) throws IOException {
    if (step instanceof Write write) {
      out.write(write.bytes());
      out.flush();
    } else if (step instanceof ReadLine) {
      int b;
      do {
        b = in.read();
      } while (b != -1 && b != '\n');
    } else if (step instanceof EndOutput) {
      out.flush();
      socket.shutdownOutput();
    } else if (step instanceof ReadSome) {
      int ignored = in.read(new byte[4096]);
    } else if (step instanceof Trickle trickle) {
      long periodMillis = trickle.period().toMillis();
      int[] next = {0};
      var unused =
          trickler.scheduleAtFixedRate(
              () -> {
                try {
                  out.write(trickle.bytes()[next[0]++ % trickle.bytes().length]);
                  out.flush();
                } catch (IOException e) {
                  throw new IllegalStateException("The client closed the connection", e);
                }
              },
              0,
              periodMillis,
              TimeUnit.MILLISECONDS);
    }
  }

  private static boolean drainUntilClosed(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    try {
      while (in.read(buffer) != -1) {
        // Discard what the client sends until it closes.
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }
}
