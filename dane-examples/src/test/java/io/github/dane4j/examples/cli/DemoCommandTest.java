package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class DemoCommandTest {
  @Test
  void demo_everyScenario_getsExpectedVerdictAndExitsOk() {
    CliRun run = CliRun.of("demo");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("9 of 9 scenarios got the expected verdict.");
    assertThat(run.out()).doesNotContain("MISMATCH");
  }

  @Test
  void demo_trustAnchorNotSent_hintsSendAnchor() {
    CliRun run = CliRun.of("demo");
    String out = run.out();
    int start = out.indexOf("Domain ta-missing.test");
    assertThat(start).as(run.toString()).isNotNegative();
    int end = out.indexOf("\nDomain ", start + 1);
    String section = end < 0 ? out.substring(start) : out.substring(start, end);

    assertThat(section)
        .as(section)
        .contains("must send the trust anchor certificate in its chain")
        .contains("RFC 7671 section 5.2.2");
  }

  @Test
  void demo_json_printsEachReportAsJson() {
    CliRun run = CliRun.of("demo", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("\"domain\": \"dane-ee.test\"").contains("\"verdict\"");
  }

  @Test
  void demo_json_printsJsonLinesAndTableOnStderr() {
    CliRun run = CliRun.of("demo", "--json");

    List<String> lines = run.out().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).as(run.toString()).hasSize(9);
    assertThat(lines).as(run.toString()).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    assertThat(run.err()).as(run.toString()).contains("9 of 9 scenarios got the expected verdict.");
  }
}
