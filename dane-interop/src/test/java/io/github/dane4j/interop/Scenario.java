package io.github.dane4j.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code interop/scenarios.tsv}: a mail domain and the outcome that every DANE client
 * should reach for it.
 *
 * @param domain the next-hop mail domain
 * @param dnsStatus the DNSSEC status of its MX and TLSA lookups: secure, insecure or bogus
 * @param expected the expected outcome
 * @param purpose what the scenario tests
 */
record Scenario(String domain, String dnsStatus, Outcome expected, String purpose) {

  private static final int COLUMNS = 7;

  /**
   * Reads every scenario of a table file, skipping comment lines that start with {@code #}.
   *
   * @throws IllegalArgumentException if a row does not have seven tab-separated columns
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
      Outcome expected = Outcome.of(columns[2], columns[3], columns[4], columns[5]);
      scenarios.add(new Scenario(columns[0], columns[1], expected, columns[6]));
    }
    return List.copyOf(scenarios);
  }

  @Override
  public String toString() {
    return domain;
  }
}
