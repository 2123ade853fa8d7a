package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
  void demo_json_printsEachReportAsJson() {
    CliRun run = CliRun.of("demo", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("\"domain\": \"dane-ee.test\"").contains("\"verdict\"");
  }
}
