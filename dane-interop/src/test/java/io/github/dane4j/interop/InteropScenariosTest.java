package io.github.dane4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.SmtpConnector;
import io.github.dane4j.smtp.TlsMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every scenario of {@code interop/scenarios.tsv} through dane4j against real NSD, Unbound and
 * Postfix on loopback, in both DNS modes (Unbound as the trusted validating resolver, and
 * in-process validation with Unbound as plain transport and the zone's trust anchor from a file),
 * on port 25 with STARTTLS and port 465 with implicit TLS.
 *
 * <p>Without root or the packages the suite is skipped with one line that names them, unless the
 * environment variable {@code CI} is set: then it fails, so that CI always runs it.
 */
class InteropScenariosTest {
  private static final Path INTEROP_DIR = Path.of(System.getProperty("interop.dir", "../interop"));
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static InteropServers servers;

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
    servers = InteropServers.start(INTEROP_DIR);
  }

  @AfterAll
  static void stopServers() throws IOException, InterruptedException {
    if (servers != null) {
      servers.stop();
    }
  }

  static Stream<Arguments> scenarios() throws IOException {
    List<Scenario> scenarios = Scenario.readTable(INTEROP_DIR.resolve("scenarios.tsv"));
    return scenarios.stream()
        .flatMap(
            scenario ->
                Stream.of(Validation.TRUSTED_RESOLVER, Validation.IN_PROCESS)
                    .flatMap(
                        validation ->
                            Stream.of(
                                Arguments.of(scenario, validation, 25, TlsMode.STARTTLS),
                                Arguments.of(scenario, validation, 465, TlsMode.IMPLICIT_TLS))));
  }

  @ParameterizedTest(name = "{0} {1} port {2}")
  @MethodSource("scenarios")
  void domain_checkedByDane4j_matchesExpectedOutcome(
      Scenario scenario, Validation validation, int port, TlsMode mode)
      throws InterruptedException {
    DnsFetcherSettings.Builder settings =
        DnsFetcherSettings.builder()
            .resolver(servers.unbound())
            .validation(validation)
            .lookupTimeout(TIMEOUT);
    if (validation == Validation.IN_PROCESS) {
      settings.rootTrustAnchors(false).trustAnchorFile(servers.trustAnchorFile());
    }
    SmtpConnector connector =
        SmtpConnector.create(
            ConnectorSettings.builder()
                .connectTimeout(TIMEOUT)
                .readTimeout(TIMEOUT)
                .handshakeTimeout(TIMEOUT)
                .ehloName("client.interop.test")
                .build());

    Outcome outcome;
    try (DnsFetcher fetcher = DnsFetchers.create("dnsjava", settings.build())) {
      outcome = new DomainCheck(fetcher.blocking(), connector).check(scenario.domain(), port, mode);
    }

    assertThat(outcome).as(scenario.purpose()).isEqualTo(scenario.expected());
  }
}
