package io.github.dane4j.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The servers of the interop suite, started and stopped through the scripts in {@code interop/}:
 * NSD, Unbound and Postfix on loopback, as {@code interop/start.sh} describes. They start once per
 * test run. A JVM shutdown hook runs {@code interop/stop.sh}, which stops them by the pids in their
 * pid files, so that they also stop when a test fails or the JVM is asked to exit; and {@code
 * stop.sh} runs before the start, for servers that a killed run left behind in the same work
 * directory.
 *
 * <p>The servers listen on fixed addresses of one loopback prefix ({@code INTEROP_NET}, default
 * 127.0.0), so two runs on one machine with the same prefix would collide. A run therefore holds an
 * exclusive lock on {@code /tmp/dane4j-interop-PREFIX.lock} from the start to the stop, and a
 * second run waits for it.
 */
final class InteropServers {
  /** The Debian packages that the suite needs, as {@code interop/setup.sh} installs them. */
  static final String PACKAGES = "nsd unbound ldnsutils postfix openssl bind9-dnsutils";

  private static final List<String> COMMANDS =
      List.of(
          "nsd",
          "unbound",
          "ldns-signzone",
          "postfix",
          "posttls-finger",
          "openssl",
          "dig",
          "unshare");
  private static final long SCRIPT_TIMEOUT_SECONDS = 120;

  private final Path interopDir;
  private final Path workDir;
  private final Map<String, String> ports;
  private final Thread shutdownHook;
  private final FileChannel lockFile;

  private InteropServers(
      Path interopDir,
      Path workDir,
      Map<String, String> ports,
      Thread shutdownHook,
      FileChannel lockFile) {
    this.interopDir = interopDir;
    this.workDir = workDir;
    this.ports = ports;
    this.shutdownHook = shutdownHook;
    this.lockFile = lockFile;
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
      return privateMountNamespace();
    }
    return "the interop suite needs root and the Debian packages "
        + PACKAGES
        + (missing.isEmpty() ? "" : " (missing commands: " + String.join(", ", missing) + ")")
        + (root ? "" : " (not running as root)")
        + "; install them with: sudo interop/setup.sh";
  }

  /**
   * Returns an empty string when {@code unshare --mount} works, else why not: posttls-finger reads
   * its resolver from /etc/resolv.conf, which the suite replaces only inside a private mount
   * namespace, and containers without CAP_SYS_ADMIN do not allow one.
   */
  private static String privateMountNamespace() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("unshare", "--mount", "true").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() == 0) {
      return "";
    }
    return "the interop suite needs a private mount namespace for posttls-finger, but unshare"
        + " --mount failed: "
        + text.strip()
        + "; run it as root outside a container, or in one with CAP_SYS_ADMIN";
  }

  /**
   * Stops servers left behind in the work directory, generates a fresh PKI and fresh zones and
   * starts the servers.
   *
   * @param workDir the work directory for keys, zones, configurations, pid files and logs
   * @throws IllegalStateException if a script fails; its output is in the test log
   */
  static InteropServers start(Path interopDir, Path workDir)
      throws IOException, InterruptedException {
    String net = System.getenv().getOrDefault("INTEROP_NET", "127.0.0");
    FileChannel lockFile =
        FileChannel.open(
            Path.of("/tmp/dane4j-interop-" + net + ".lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    // Blocks while another run with the same prefix holds the lock; the JVM releases it on exit.
    FileLock unused = lockFile.lock();
    Thread hook = new Thread(() -> stopQuietly(interopDir, workDir), "interop-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    runScript(interopDir, workDir, "stop.sh");
    for (String script : List.of("pki.sh", "zones.sh", "start.sh")) {
      runScript(interopDir, workDir, script);
    }
    Map<String, String> ports = new HashMap<>();
    Path file = workDir.resolve("run/ports.env");
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        ports.put(line.substring(0, equals), line.substring(equals + 1).strip());
      }
    }
    return new InteropServers(interopDir, workDir, Map.copyOf(ports), hook, lockFile);
  }

  /** Returns Unbound's address on 127.0.0.1 at its high port. */
  InetSocketAddress unbound() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port("UNBOUND_PORT"));
  }

  /** Returns Unbound's address as {@code 127.0.0.1:PORT}, for command-line options. */
  String unboundText() {
    return "127.0.0.1:" + port("UNBOUND_PORT");
  }

  /** Returns the address on which Unbound also listens on port 53, for the C library's resolver. */
  String resolverAddress() {
    String address = ports.get("RESOLVER_ADDRESS");
    if (address == null) {
      throw new IllegalStateException("RESOLVER_ADDRESS missing from " + portsFile());
    }
    return address;
  }

  /** Returns the trust anchor file of the parent zone interop.test. */
  Path trustAnchorFile() {
    return workDir.resolve("zones/interop.test.anchor");
  }

  /** Returns the directory for the files of the peers (resolv.conf, Postfix client settings). */
  Path clientDir() {
    return workDir.resolve("run/client");
  }

  /** Stops the servers by the pids in their pid files and releases the lock of the prefix. */
  void stop() throws IOException, InterruptedException {
    try {
      runScript(interopDir, workDir, "stop.sh");
    } finally {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      lockFile.close();
    }
  }

  private int port(String name) {
    String port = ports.get(name);
    if (port == null) {
      throw new IllegalStateException(name + " missing from " + portsFile());
    }
    return Integer.parseInt(port);
  }

  private Path portsFile() {
    return workDir.resolve("run/ports.env");
  }

  /**
   * Runs stop.sh from the shutdown hook, with its output in {@code run/stop.log}: by then Maven may
   * have stopped reading the test JVM's output.
   */
  private static void stopQuietly(Path interopDir, Path workDir) {
    try {
      Path run = Files.createDirectories(workDir.resolve("run"));
      ProcessBuilder.Redirect log =
          ProcessBuilder.Redirect.appendTo(run.resolve("stop.log").toFile());
      runScript(interopDir, workDir, "stop.sh", log, log);
    } catch (IOException | RuntimeException e) {
      System.err.println("interop: stop.sh failed in the shutdown hook: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runScript(Path interopDir, Path workDir, String script)
      throws IOException, InterruptedException {
    runScript(
        interopDir,
        workDir,
        script,
        ProcessBuilder.Redirect.INHERIT,
        ProcessBuilder.Redirect.INHERIT);
  }

  private static void runScript(
      Path interopDir,
      Path workDir,
      String script,
      ProcessBuilder.Redirect output,
      ProcessBuilder.Redirect error)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("bash", interopDir.resolve(script).toString()))
            .directory(interopDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectOutput(output)
            .redirectError(error);
    builder.environment().put("INTEROP_WORK", workDir.toString());
    Process process = builder.start();
    if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "interop/" + script + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " seconds");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "interop/" + script + " failed with exit status " + process.exitValue());
    }
  }

  static String output(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return text;
  }
}
