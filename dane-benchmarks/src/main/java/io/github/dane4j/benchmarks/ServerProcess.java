package io.github.dane4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A running {@link ChildServers} JVM: its ports, its trust anchors and the pipe to it. */
final class ServerProcess implements AutoCloseable {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private final Process process;
  private final BufferedReader in;
  private final PrintStream out;
  private int smtpPort;
  private int dnsPort;
  private String anchors = "";

  private ServerProcess(Process process) {
    this.process = process;
    this.in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.out = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /**
   * Starts the servers in a child JVM with this JVM's class path and waits until they are ready.
   *
   * @throws IOException if the JVM cannot start or ends before it is ready
   */
  static ServerProcess start(int maxConnections, StallStage stage) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChildServers.class.getName(),
                Integer.toString(maxConnections),
                stage.token)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    ServerProcess servers = new ServerProcess(process);
    try {
      servers.readStartLines();
    } catch (IOException | RuntimeException e) {
      servers.close();
      throw e;
    }
    return servers;
  }

  int smtpPort() {
    return smtpPort;
  }

  int dnsPort() {
    return dnsPort;
  }

  /** Returns the DS records of the test tree, in zone-file form. */
  String anchors() {
    return anchors;
  }

  /**
   * Waits until {@code count} connections have reached the stage the servers stall at.
   *
   * @throws IllegalStateException if they have not within {@code timeout}
   */
  void awaitStalled(int count, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long stalled = stalledCount();
    while (stalled < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Only " + stalled + " of " + count + " connections stalled within " + timeout);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
      stalled = stalledCount();
    }
  }

  /** Ends the input of the child JVM, which makes it stop, and ends the process. */
  @Override
  public void close() {
    out.close();
    process.destroy();
  }

  private void readStartLines() throws IOException {
    StringBuilder text = new StringBuilder();
    boolean inAnchors = false;
    for (String line = readLine(); !line.equals("ready"); line = readLine()) {
      if (line.startsWith("smtp-port ")) {
        smtpPort = Integer.parseInt(line.substring("smtp-port ".length()));
      } else if (line.startsWith("dns-port ")) {
        dnsPort = Integer.parseInt(line.substring("dns-port ".length()));
      } else if (line.equals("anchors-begin")) {
        inAnchors = true;
      } else if (line.equals("anchors-end")) {
        inAnchors = false;
      } else if (inAnchors) {
        text.append(line).append('\n');
      }
    }
    anchors = text.toString();
  }

  private long stalledCount() throws IOException {
    out.println("count");
    return Long.parseLong(readLine());
  }

  private String readLine() throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IOException("The server JVM ended before it was ready");
    }
    return line;
  }
}
