package io.github.dane4j.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DANE clients that operators use, run against the same servers as dane4j, with their output
 * read back into {@link Outcome} verdicts:
 *
 * <ul>
 *   <li>{@code posttls-finger}, Postfix's own DANE client, at the {@code dane-only} level in a
 *       private mount namespace ({@code unshare --mount}) whose {@code /etc/resolv.conf} points at
 *       Unbound, so the system's file is untouched;
 *   <li>{@code openssl s_client} with the TLSA records that {@code dig} fetched through Unbound.
 *       The code around it acts as a delivering MTA would: it tries the MX hosts in order of
 *       preference and uses DANE only where the MX, address and TLSA lookups are secure.
 * </ul>
 */
final class Peers {
  static final String POSTTLS_FINGER = "posttls-finger";
  static final String OPENSSL = "openssl";
  static final List<String> NAMES = List.of(POSTTLS_FINGER, OPENSSL);

  private static final long PROCESS_TIMEOUT_SECONDS = 60;
  private static final Pattern FINGER_MATCH =
      Pattern.compile("Matched DANE (?:EE|TA) certificate at depth (\\d+): (\\d) (\\d) (\\d) ");
  private static final Pattern OPENSSL_MATCH =
      Pattern.compile("DANE TLSA (\\d) (\\d) (\\d) .* at depth (\\d+)");

  private final InteropServers servers;

  private Peers(InteropServers servers) {
    this.servers = servers;
  }

  /**
   * Writes the peers' files: a resolv.conf that points at Unbound's port 53 and a Postfix client
   * configuration whose DNSSEC probe queries a name that Unbound resolves. Its default probe
   * queries the root's NS records, which this Unbound rejects.
   */
  static Peers create(InteropServers servers) throws IOException {
    Path client = servers.clientDir();
    Files.createDirectories(client);
    Files.writeString(
        client.resolve("resolv.conf"),
        "nameserver " + servers.resolverAddress() + "\noptions edns0 trust-ad\n",
        StandardCharsets.US_ASCII);
    Files.writeString(
        client.resolve("main.cf"),
        "compatibility_level = 3.6\ndnssec_probe = ns:interop.test\n",
        StandardCharsets.US_ASCII);
    return new Peers(servers);
  }

  /** Checks {@code domain} on {@code port} with the named peer. */
  Outcome check(String peer, String domain, int port) throws IOException, InterruptedException {
    return switch (peer) {
      case POSTTLS_FINGER -> posttlsFinger(domain, port);
      case OPENSSL -> openssl(domain, port);
      default ->
          throw new IllegalArgumentException(
              "Invalid peer '" + peer + "': use " + String.join(" or ", NAMES));
    };
  }

  /**
   * Returns the DNSSEC status of the domain's MX lookup through Unbound, as dig shows it: secure
   * (AD bit), bogus (SERVFAIL) or insecure.
   */
  String mxStatus(String domain) throws IOException, InterruptedException {
    Dig mx = dig(domain, "MX");
    if (mx.servfail()) {
      return "bogus";
    }
    return mx.secure() ? "secure" : "insecure";
  }

  private Outcome posttlsFinger(String domain, int port) throws IOException, InterruptedException {
    Path client = servers.clientDir();
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "sh",
                "-c",
                "mount --bind \"$1\" /etc/resolv.conf && shift && exec \"$@\"",
                "sh",
                client.resolve("resolv.conf").toString(),
                "env",
                "MAIL_CONFIG=" + client,
                "posttls-finger",
                "-l",
                "dane-only",
                "-t",
                "10",
                "-T",
                "10"));
    if (port == 465) {
      command.add("-w");
    }
    command.add(domain + ":" + port);
    String output = run(command);
    return fingerOutcome(output);
  }

  /**
   * Reads posttls-finger's verdict. It is a probe: after a failed verification it still completes
   * the handshake and reports an untrusted connection, so the failure lines decide.
   */
  static Outcome fingerOutcome(String output) {
    if (output.contains("Verified TLS connection established")) {
      Matcher match = FINGER_MATCH.matcher(output);
      if (match.find()) {
        return Outcome.authenticated(
            Integer.parseInt(match.group(2)),
            Integer.parseInt(match.group(3)),
            Integer.parseInt(match.group(4)),
            Integer.parseInt(match.group(1)));
      }
      return Outcome.of("authenticated without a matched record: " + lastLine(output));
    }
    if (output.contains("TLSA lookup error") || output.contains("try again")) {
      return Outcome.of("lookup-failure");
    }
    if (output.contains("has a valid address record")
        || output.contains("Host or domain name not found")) {
      return Outcome.of("connection-failure");
    }
    if (output.contains("no usable TLSA records found")) {
      return Outcome.of("unauthenticated-tls");
    }
    boolean tls =
        output.contains("TLS connection established") || output.contains("verification failed");
    if (output.contains("no TLSA records found")) {
      return Outcome.of(tls ? "opportunistic" : "no-starttls");
    }
    // At the dane-only level with usable TLSA records, TLS is required: a failed verification or
    // a server without STARTTLS rules the server out.
    if (output.contains("verification failed") || (!tls && output.contains("> QUIT"))) {
      return Outcome.of("dane-failure");
    }
    return Outcome.of("unknown: " + lastLine(output));
  }

  private Outcome openssl(String domain, int port) throws IOException, InterruptedException {
    Dig mx = dig(domain, "MX");
    if (mx.servfail()) {
      return Outcome.of("lookup-failure");
    }
    List<String[]> exchanges = new ArrayList<>();
    for (String data : mx.records()) {
      exchanges.add(data.split(" +", -1));
    }
    exchanges.sort(Comparator.comparingInt(fields -> Integer.parseInt(fields[0])));
    Outcome last = Outcome.of("connection-failure");
    for (String[] exchange : exchanges) {
      last = opensslHost(stripDot(exchange[1]), port, mx.secure());
      if (accepted(last)) {
        return last;
      }
    }
    return last;
  }

  private Outcome opensslHost(String host, int port, boolean mxSecure)
      throws IOException, InterruptedException {
    Dig address = dig(host, "A");
    if (address.servfail()) {
      return Outcome.of("lookup-failure");
    }
    if (address.records().isEmpty()) {
      return Outcome.of("connection-failure");
    }
    String ip = address.records().get(address.records().size() - 1);
    // RFC 7672 section 2.2.2: with a secure CNAME chain, the expanded name is tried first as the
    // TLSA base domain, then the original name.
    List<String> bases = new ArrayList<>();
    if (!address.finalOwner().equals(host) && address.secure()) {
      bases.add(address.finalOwner());
    }
    bases.add(host);
    if (!mxSecure || !address.secure()) {
      return plainTls(ip, host, port);
    }
    for (String base : bases) {
      Dig tlsa = dig("_" + port + "._tcp." + base, "TLSA");
      if (tlsa.servfail()) {
        return Outcome.of("lookup-failure");
      }
      if (tlsa.secure() && !tlsa.records().isEmpty()) {
        return daneTls(ip, base, port, tlsa.records());
      }
    }
    return plainTls(ip, host, port);
  }

  private Outcome daneTls(String ip, String base, int port, List<String> records)
      throws IOException, InterruptedException {
    List<String> command = sClient(ip, base, port);
    command.addAll(List.of("-dane_tlsa_domain", base, "-dane_ee_no_namechecks"));
    command.add("-verify_return_error");
    for (String record : records) {
      String[] fields = record.split(" +", 4);
      command.add("-dane_tlsa_rrdata");
      command.add(fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3].replace(" ", ""));
    }
    String output = run(command);
    if (output.contains("Verification: OK")) {
      Matcher match = OPENSSL_MATCH.matcher(output);
      if (match.find()) {
        return Outcome.authenticated(
            Integer.parseInt(match.group(1)),
            Integer.parseInt(match.group(2)),
            Integer.parseInt(match.group(3)),
            Integer.parseInt(match.group(4)));
      }
    }
    return Outcome.of("dane-failure");
  }

  private Outcome plainTls(String ip, String host, int port)
      throws IOException, InterruptedException {
    String output = run(sClient(ip, host, port));
    if (output.contains("Didn't find STARTTLS")) {
      return Outcome.of("no-starttls");
    }
    return output.contains("CONNECTION ESTABLISHED")
        ? Outcome.of("opportunistic")
        : Outcome.of("connection-failure");
  }

  private static List<String> sClient(String ip, String host, int port) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl", "s_client", "-brief", "-connect", ip + ":" + port, "-servername", host));
    if (port == 25) {
      command.addAll(List.of("-starttls", "smtp"));
    }
    return command;
  }

  private static boolean accepted(Outcome outcome) {
    return switch (outcome.verdict()) {
      case "authenticated", "unauthenticated-tls", "opportunistic" -> true;
      default -> false;
    };
  }

  /**
   * The answer of one dig query through Unbound.
   *
   * @param servfail whether the resolver answered SERVFAIL (bogus data)
   * @param secure whether the answer had the AD bit
   * @param finalOwner the owner name of the last record, after CNAME and DNAME records
   * @param records the data of the records of the queried type
   */
  private record Dig(boolean servfail, boolean secure, String finalOwner, List<String> records) {}

  private Dig dig(String name, String type) throws IOException, InterruptedException {
    String output =
        run(
            List.of(
                "dig",
                "@127.0.0.1",
                "-p",
                String.valueOf(servers.unbound().getPort()),
                "+dnssec",
                "+time=5",
                "+tries=1",
                "+noall",
                "+comments",
                "+answer",
                name,
                type));
    boolean servfail = output.contains("status: SERVFAIL");
    boolean secure = Pattern.compile("flags:[^;]* ad[ ;]").matcher(output).find();
    String owner = name;
    List<String> records = new ArrayList<>();
    for (String line : output.split("\n", -1)) {
      if (line.startsWith(";") || line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\\s+", 5);
      if (fields.length == 5 && fields[3].equals(type)) {
        owner = stripDot(fields[0]);
        records.add(fields[4].strip());
      }
    }
    return new Dig(servfail, secure, owner.toLowerCase(Locale.ROOT), List.copyOf(records));
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n", -1);
    return lines[lines.length - 1];
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    List<String> bounded =
        new ArrayList<>(List.of("timeout", String.valueOf(PROCESS_TIMEOUT_SECONDS)));
    bounded.addAll(command);
    Process process =
        new ProcessBuilder(bounded)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    // timeout(1) ends the command, so reading its output to the end also ends.
    byte[] bytes = process.getInputStream().readAllBytes();
    if (!process.waitFor(PROCESS_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          command.get(0) + " did not finish within " + PROCESS_TIMEOUT_SECONDS + " seconds");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
