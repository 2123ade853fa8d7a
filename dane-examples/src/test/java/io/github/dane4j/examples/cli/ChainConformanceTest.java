package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs OpenSSL's DANE test vectors through {@code dane-check chain}, in both profiles, and compares
 * each outcome with OpenSSL's: authenticated or not, the match depth when authenticated, and the
 * failure category otherwise. The vectors are the ones dane-core converted (its test resources
 * under {@code conformance/openssl}, whose README describes the mapping).
 *
 * <p>Blocks 1 to 10 present a leaf with an empty issuer name, which the JDK's certificate parser
 * rejects; the command loads it from its DER encoding, as dane-core's conformance test does, so
 * every block runs.
 */
final class ChainConformanceTest {
  /** Every chain certificate is valid at this instant, as in dane-core's conformance test. */
  private static final String VERIFICATION_INSTANT = "2026-01-01T00:00:00Z";

  private static final Path DATA = resource("conformance/openssl");
  private static final List<Row> ROWS = Row.loadAll();
  private static final Map<String, Set<String>> ACCEPTED_REASONS =
      Map.of(
          "no-match", Set.of("dane-no-match", "dane-ta-no-path", "pkix-validation-failed"),
          "host-mismatch", Set.of("certificate-host-mismatch"),
          "pkix-path", Set.of("pkix-validation-failed", "dane-ta-no-path"));
  private static final Pattern AUTHENTICATED = Pattern.compile("\"authenticated\":(true|false)");
  private static final Pattern DEPTH = Pattern.compile("\"depth\":(\\d+|null)");
  private static final Pattern REASON = Pattern.compile("\"reasonCode\":(?:\"([a-z-]+)\"|null)");

  @TempDir Path dir;

  static Stream<Named<Row>> expressibleRows() {
    return ROWS.stream().map(row -> Named.of(row.displayName(), row));
  }

  static Stream<Named<Row>> expressibleSmtpRows() {
    return expressibleRows().filter(row -> row.getPayload().smtpApplies());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressibleRows")
  void chain_genericProfile_agreesWithOpenSsl(Row row) throws IOException {
    List<String> args = baseArgs(row);
    args.addAll(
        List.of(
            "--profile",
            "generic",
            "--ca-file",
            DATA.resolve("certs").resolve(row.trustAnchor()).toString(),
            row.noNameChecks() ? "--no-ee-name-checks" : "--ee-name-checks"));

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertOutcome(row, run, row.authenticated(), row.depth(), row.failure());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressibleSmtpRows")
  void chain_smtpProfile_agreesWithOpenSsl(Row row) throws IOException {
    CliRun run = CliRun.of(baseArgs(row).toArray(String[]::new));

    assertOutcome(row, run, row.smtpAuthenticatedFlag(), row.smtpDepth(), row.smtpFailure());
  }

  @Test
  void vectors_allBlocksLoaded() {
    assertThat(ROWS).hasSize(55);
  }

  @Test
  void chain_anonymousLeafBlock_authenticatesAsOpenSslDoes() throws IOException {
    Row row = ROWS.stream().filter(r -> r.id().equals("danetest-03")).findFirst().orElseThrow();
    assertThat(row.chain()).containsExactly("anonymous-588fd5f4.pem");

    CliRun run = CliRun.of(baseArgs(row).toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).as(run.toString()).contains("\"authenticated\":true,\"depth\":0");
  }

  @Test
  void chain_anonymousLeafText_showsEmptySubject() throws IOException {
    Row row = ROWS.stream().filter(r -> r.id().equals("danetest-04")).findFirst().orElseThrow();
    List<String> args = new ArrayList<>(baseArgs(row));
    args.remove("--json");

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).as(run.toString()).contains("depth 0: (empty subject name)");
  }

  private List<String> baseArgs(Row row) throws IOException {
    Path chainFile = Files.createTempFile(dir, row.id(), ".pem");
    StringBuilder pem = new StringBuilder();
    for (String file : row.chain()) {
      pem.append(Files.readString(DATA.resolve("certs").resolve(file), StandardCharsets.US_ASCII));
    }
    Files.writeString(chainFile, pem, StandardCharsets.US_ASCII);
    List<String> args =
        new ArrayList<>(List.of("chain", "--json", "--chain", chainFile.toString()));
    for (String record : row.records()) {
      args.add("--tlsa");
      args.add(record);
    }
    args.addAll(List.of("--name", row.referenceName(), "--at", VERIFICATION_INSTANT));
    return args;
  }

  private static void assertOutcome(
      Row row, CliRun run, boolean authenticated, int depth, String failure) {
    String description =
        row.id()
            + " ("
            + row.description()
            + "), OpenSSL result "
            + row.openSslResult()
            + ": "
            + run;
    assertThat(run.err()).as(description).isEmpty();
    assertThat(group(AUTHENTICATED, run.out()))
        .as(description)
        .isEqualTo(Boolean.toString(authenticated));
    if (authenticated) {
      assertThat(run.exitCode()).as(description).isIn(ExitCodes.OK, ExitCodes.WARNING);
      assertThat(group(DEPTH, run.out())).as(description).isEqualTo(Integer.toString(depth));
    } else {
      assertThat(run.exitCode()).as(description).isEqualTo(ExitCodes.CRITICAL);
      assertThat(group(REASON, run.out()))
          .as(description)
          .isIn(Objects.requireNonNull(ACCEPTED_REASONS.get(failure), failure));
    }
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
    return String.valueOf(matcher.group(1));
  }

  private static Path resource(String name) {
    URL url = ChainConformanceTest.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException(
          "Test resource " + name + " is missing; the pom copies it from dane-core");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One block of cases.tsv; its header comment documents the columns. */
  record Row(
      String id,
      String referenceName,
      String trustAnchor,
      List<String> chain,
      List<String> records,
      boolean noNameChecks,
      int openSslResult,
      boolean authenticated,
      int depth,
      String failure,
      String smtpAuthenticated,
      int smtpDepth,
      String smtpFailure,
      String description) {

    static List<Row> loadAll() {
      List<String> lines;
      try {
        lines = Files.readAllLines(DATA.resolve("cases.tsv"), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<Row> rows = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("#") || line.startsWith("id\t") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        rows.add(
            new Row(
                f[0],
                f[2],
                f[3],
                List.of(f[4].split(";")),
                List.of(f[5].split(";")),
                f[6].equals("1"),
                Integer.parseInt(f[7]),
                f[9].equals("yes"),
                Integer.parseInt(f[10]),
                f[11],
                f[12],
                f[13].equals("-") ? -1 : Integer.parseInt(f[13]),
                f[14],
                f[15]));
      }
      return List.copyOf(rows);
    }

    boolean smtpApplies() {
      return !smtpAuthenticated.equals("-");
    }

    boolean smtpAuthenticatedFlag() {
      return smtpAuthenticated.equals("yes");
    }

    String displayName() {
      return id + ": " + description;
    }
  }
}
