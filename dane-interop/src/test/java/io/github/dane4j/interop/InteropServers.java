package io.github.dane4j.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The servers of the interop suite, started and stopped through the scripts in {@code interop/}:
 * NSD, Unbound and Postfix on loopback, as {@code interop/start.sh} describes.
 */
final class InteropServers {
  /** The Debian packages that the suite needs, as {@code interop/setup.sh} installs them. */
  static final String PACKAGES = "nsd unbound ldnsutils postfix openssl bind9-dnsutils";

  private static final List<String> COMMANDS =
      List.of("nsd", "unbound", "ldns-signzone", "postfix", "posttls-finger", "openssl", "dig");
  private static final long SCRIPT_TIMEOUT_SECONDS = 120;

  private final Path interopDir;
  private final Map<String, String> ports;

  private InteropServers(Path interopDir, Map<String, String> ports) {
    this.interopDir = interopDir;
    this.ports = ports;
  }

  /**
   * Returns why the suite cannot run on this machine, or an empty string when it can: it needs
   * root, because Postfix listens on port 25, and the commands of {@link #PACKAGES}.
   */
  static String missingPrerequisites() throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String command : COMMANDS) {
      Process process =
          new ProcessBuilder("sh", "-c", "command -v " + command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (process.waitFor() != 0) {
        missing.add(command);
      }
    }
    boolean root = "0".equals(output(List.of("id", "-u")).strip());
    if (missing.isEmpty() && root) {
      return "";
    }
    return "the interop suite needs root and the Debian packages "
        + PACKAGES
        + (missing.isEmpty() ? "" : " (missing commands: " + String.join(", ", missing) + ")")
        + "; install them with: sudo interop/setup.sh";
  }

  /**
   * Generates a fresh PKI and fresh zones and starts the servers.
   *
   * @throws IllegalStateException if a script fails; its output is in the test log
   */
  static InteropServers start(Path interopDir) throws IOException, InterruptedException {
    for (String script : List.of("stop.sh", "pki.sh", "zones.sh", "start.sh")) {
      runScript(interopDir, script);
    }
    Map<String, String> ports = new HashMap<>();
    Path file = interopDir.resolve("work/run/ports.env");
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        ports.put(line.substring(0, equals), line.substring(equals + 1).strip());
      }
    }
    return new InteropServers(interopDir, Map.copyOf(ports));
  }

  /** Returns Unbound's address on 127.0.0.1 at its high port. */
  InetSocketAddress unbound() {
    String port = ports.get("UNBOUND_PORT");
    if (port == null) {
      throw new IllegalStateException("UNBOUND_PORT missing from interop/work/run/ports.env");
    }
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
  }

  /** Returns the trust anchor file of the parent zone interop.test. */
  Path trustAnchorFile() {
    return interopDir.resolve("work/zones/interop.test.anchor");
  }

  /** Stops the servers by the pids in their pid files. */
  void stop() throws IOException, InterruptedException {
    runScript(interopDir, "stop.sh");
  }

  private static void runScript(Path interopDir, String script)
      throws IOException, InterruptedException {
    int status = run(List.of("bash", interopDir.resolve(script).toString()), interopDir);
    if (status != 0) {
      throw new IllegalStateException("interop/" + script + " failed with exit status " + status);
    }
  }

  private static int run(List<String> command, Path directory)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
    if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          command + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " seconds");
    }
    return process.exitValue();
  }

  private static String output(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return text;
  }
}
