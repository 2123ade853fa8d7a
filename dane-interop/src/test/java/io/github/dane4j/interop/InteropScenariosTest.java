package io.github.dane4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.interop.Scenario.PeerException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every scenario of {@code interop/scenarios.tsv} against real NSD, Unbound and Postfix on
 * loopback: through dane4j's API in three DNS modes (Unbound as the trusted validating resolver,
 * in-process validation from the zone's trust anchor file, and the JNDI provider), through {@code
 * dane-check domain --json}, and through posttls-finger and openssl s_client, whose verdicts must
 * agree with dane4j's unless the row documents why a peer differs.
 *
 * <p>The servers start once for the whole class. Without root or the packages the suite is skipped
 * with one line that names them, unless the environment variable {@code CI} is set: then it fails,
 * so that CI always runs it.
 */
class InteropScenariosTest {
  private static final Path INTEROP_DIR =
      Path.of(System.getProperty("interop.dir", "../interop")).toAbsolutePath().normalize();
  private static final Path WORK_DIR = workDir();

  private static InteropServers servers;
  private static Peers peers;

  @BeforeAll
  static void startServers() throws IOException, InterruptedException {
    String missing = InteropServers.missingPrerequisites();
    if (!missing.isEmpty()) {
      if (System.getenv("CI") != null) {
        Assertions.fail(missing + " (CI is set, so the suite may not be skipped)");
      }
      // Surefire does not show the reason of an aborted class, so print it as the one skip line.
      System.out.println("dane-interop skipped: " + missing);
      Assumptions.abort(missing);
    }
    servers = InteropServers.start(INTEROP_DIR, WORK_DIR);
    peers = Peers.create(servers);
  }

  @AfterAll
  static void stopServers() throws IOException, InterruptedException {
    if (servers != null) {
      servers.stop();
    }
  }

  private static Path workDir() {
    String work = System.getenv("INTEROP_WORK");
    return work != null && !work.isEmpty()
        ? Path.of(work).toAbsolutePath()
        : INTEROP_DIR.resolve("work");
  }

  static List<Scenario> scenarios() throws IOException {
    return Scenario.readTable(INTEROP_DIR.resolve("scenarios.tsv"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void mxLookup_throughUnbound_hasExpectedDnssecStatus(Scenario scenario)
      throws IOException, InterruptedException {
    String status = peers.mxStatus(scenario.domain());

    assertThat(status).as("the zones that zones.sh signed").isEqualTo(scenario.dnsStatus());
  }

  static Stream<Arguments> validatingModesAndPorts() throws IOException {
    return scenarios().stream()
        .flatMap(
            scenario ->
                Stream.of(DnsMode.TRUSTED_RESOLVER, DnsMode.IN_PROCESS)
                    .flatMap(
                        mode ->
                            scenario.ports().stream()
                                .map(port -> Arguments.of(scenario, mode, port))));
  }

  @ParameterizedTest(name = "{0} {1} port {2}")
  @MethodSource("validatingModesAndPorts")
  void domain_checkedByLibrary_matchesExpectedOutcome(Scenario scenario, DnsMode mode, int port)
      throws InterruptedException {
    Outcome outcome;
    try (LibraryCheck check = LibraryCheck.create(servers, mode, port, false)) {
      outcome = check.check(scenario.domain());
    }

    assertThat(outcome).as(scenario.purpose()).isEqualTo(scenario.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void domain_checkedThroughJndiWithOptIn_isNeverAuthenticated(Scenario scenario)
      throws InterruptedException {
    Outcome outcome;
    try (LibraryCheck check = LibraryCheck.create(servers, DnsMode.JNDI, 25, true)) {
      outcome = check.check(scenario.domain());
    }

    assertThat(outcome.verdict())
        .as("JNDI cannot see DNSSEC, so no TLSA record may authenticate (RFC 7672 section 2.1.1)")
        .isNotEqualTo(Outcome.AUTHENTICATED);
    assertThat(outcome.verdict()).as(scenario.purpose()).isEqualTo(scenario.jndiVerdict());
  }

  @Test
  void jndiProvider_withoutOptIn_isRejected() {
    assertThatThrownBy(() -> LibraryCheck.create(servers, DnsMode.JNDI, 25, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("insecureAllowUnverifiedDns");
  }

  static Stream<Arguments> cliModes() throws IOException {
    return scenarios().stream()
        .flatMap(scenario -> Stream.of(DnsMode.values()).map(mode -> Arguments.of(scenario, mode)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cliModes")
  void domain_checkedByDaneCheckJson_matchesExpectedOutcome(Scenario scenario, DnsMode mode) {
    Outcome outcome = DaneCheckCli.check(servers, mode, scenario.domain(), 25);

    if (mode == DnsMode.JNDI) {
      assertThat(outcome.verdict())
          .as("JNDI cannot see DNSSEC, so no TLSA record may authenticate")
          .isNotEqualTo(Outcome.AUTHENTICATED);
      assertThat(outcome.verdict()).as(scenario.purpose()).isEqualTo(scenario.jndiVerdict());
    } else {
      assertThat(outcome).as(scenario.purpose()).isEqualTo(scenario.expected());
    }
  }

  static Stream<Arguments> peersAndPorts() throws IOException {
    return scenarios().stream()
        .flatMap(
            scenario ->
                Peers.NAMES.stream()
                    .flatMap(
                        peer ->
                            scenario.ports().stream()
                                .map(port -> Arguments.of(scenario, peer, port))));
  }

  @ParameterizedTest(name = "{0} {1} port {2}")
  @MethodSource("peersAndPorts")
  void domain_checkedByPeer_agreesWithDane4jOrDocumentedReason(
      Scenario scenario, String peer, int port) throws IOException, InterruptedException {
    Outcome outcome = peers.check(peer, scenario.domain(), port);

    PeerException exception = scenario.peerExceptions().get(peer);
    if (exception == null) {
      assertThat(outcome).as(scenario.purpose()).isEqualTo(scenario.expected().withoutResultType());
    } else {
      // The documented disagreement must still hold; when the peer changes, update the row.
      assertThat(outcome.verdict()).as(exception.reason()).isEqualTo(exception.verdict());
    }
  }
}
