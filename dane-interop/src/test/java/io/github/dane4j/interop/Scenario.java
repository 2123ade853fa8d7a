package io.github.dane4j.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code interop/scenarios.tsv}: a mail domain and the outcome that every DANE client
 * should reach for it.
 *
 * @param domain the next-hop mail domain
 * @param dnsStatus the DNSSEC status of its MX lookup: secure, insecure or bogus
 * @param expected the expected outcome with a validating DNS mode
 * @param jndiVerdict the expected verdict with the JNDI provider, which cannot see DNSSEC
 * @param ports the ports to check: 25 (STARTTLS) and 465 (implicit TLS)
 * @param peerExceptions the peers expected to disagree, by peer name
 * @param purpose what the scenario tests
 */
record Scenario(
    String domain,
    String dnsStatus,
    Outcome expected,
    String jndiVerdict,
    List<Integer> ports,
    Map<String, PeerException> peerExceptions,
    String purpose) {

  private static final int COLUMNS = 10;

  /**
   * A documented disagreement of a peer with the expected outcome.
   *
   * @param verdict the verdict that the peer reaches
   * @param reason why the peer is wrong or differs, with the RFC section
   */
  record PeerException(String verdict, String reason) {}

  /**
   * Reads every scenario of a table file, skipping comment lines that start with {@code #}.
   *
   * @throws IllegalArgumentException if a row does not have ten tab-separated columns, or a port or
   *     peer entry is malformed
   */
  static List<Scenario> readTable(Path file) throws IOException {
    List<Scenario> scenarios = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != COLUMNS) {
        throw new IllegalArgumentException(
            "Invalid row in "
                + file
                + ": expected "
                + COLUMNS
                + " tab-separated columns, found "
                + columns.length
                + ": "
                + line);
      }
      Outcome expected = new Outcome(columns[2], columns[3], columns[4], columns[5]);
      List<Integer> ports = new ArrayList<>();
      for (String port : columns[7].trim().split(" +", -1)) {
        ports.add(Integer.parseInt(port));
      }
      scenarios.add(
          new Scenario(
              columns[0],
              columns[1],
              expected,
              columns[6],
              List.copyOf(ports),
              peerExceptions(columns[8], file),
              columns[9]));
    }
    return List.copyOf(scenarios);
  }

  private static Map<String, PeerException> peerExceptions(String column, Path file) {
    Map<String, PeerException> exceptions = new LinkedHashMap<>();
    if (column.equals(Outcome.NONE)) {
      return exceptions;
    }
    for (String entry : column.split("; ", -1)) {
      int equals = entry.indexOf('=');
      int because = entry.indexOf(" because ");
      if (equals < 1 || because < equals || !entry.contains("RFC ")) {
        throw new IllegalArgumentException(
            "Invalid peers entry in "
                + file
                + ": '"
                + entry
                + "'; write PEER=VERDICT because REASON, with the RFC section in the reason");
      }
      exceptions.put(
          entry.substring(0, equals),
          new PeerException(
              entry.substring(equals + 1, because),
              entry.substring(because + " because ".length())));
    }
    return Map.copyOf(exceptions);
  }

  @Override
  public String toString() {
    return domain;
  }
}
