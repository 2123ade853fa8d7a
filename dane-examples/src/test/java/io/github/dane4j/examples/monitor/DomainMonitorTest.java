package io.github.dane4j.examples.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.examples.ExampleNetwork;
import io.github.dane4j.examples.demo.Scenario;
import io.github.dane4j.examples.monitor.DomainMonitor.DomainResult;
import io.github.dane4j.smtp.Verdict;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class DomainMonitorTest {
  private static ExampleNetwork world;

  @BeforeAll
  static void start() {
    world = ExampleNetwork.start();
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void checkNow_demoDomains_reportsEachVerdictAndCounts() {
    try (DomainMonitor monitor =
        new DomainMonitor(
            world.verifier(),
            List.of(Scenario.DANE_EE.domain(), Scenario.STALE_AFTER_ROLLOVER.domain()))) {
      List<DomainResult> results = monitor.checkNow();

      assertThat(results)
          .extracting(result -> result.report() == null ? null : result.report().verdict())
          .containsExactly(Verdict.AUTHENTICATED, Verdict.DANE_FAILURE);
      assertThat(monitor.latestJson())
          .contains("{\"domain\":\"dane-ee.test\",\"verdict\":\"authenticated\"")
          .contains("\"counts\":{\"authenticated\":1,\"dane-failure\":1}");
    }
  }

  @Test
  void serve_statusJson_returnsLatestResults() throws Exception {
    try (DomainMonitor monitor =
        new DomainMonitor(world.verifier(), List.of(Scenario.DANE_TA.domain()))) {
      monitor.checkNow();
      InetSocketAddress address =
          monitor.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      URL url =
          new URL("http", address.getAddress().getHostAddress(), address.getPort(), "/status.json");
      HttpURLConnection connection = (HttpURLConnection) url.openConnection();
      String body;
      try (InputStream in = connection.getInputStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }

      assertThat(connection.getResponseCode()).isEqualTo(200);
      assertThat(body).contains("\"domain\":\"dane-ta.test\"").contains("\"checkedAt\":\"");
    }
  }

  @Test
  void constructor_invalidDomain_throwsNamingIt() {
    assertThatThrownBy(
            () -> new DomainMonitor(world.verifier(), List.of("dane-ee.test", "bad domain!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad domain!' at index 1");
  }

  @Test
  void checkNow_failingDomain_othersStillReported() {
    try (DomainMonitor monitor =
        new DomainMonitor(
            world.verifier(),
            List.of(Scenario.DANE_EE.domain(), "a".repeat(63) + ".x" + ".y".repeat(100)))) {
      List<DomainResult> results = monitor.checkNow();

      assertThat(results.get(0).report()).isNotNull();
      assertThat(results.get(1).error()).isNotNull();
      assertThat(monitor.latestJson())
          .contains("\"check-failed\":1")
          .contains("\"authenticated\":1");
    }
  }

  @Test
  void serve_unknownPath_returns404() throws Exception {
    try (DomainMonitor monitor =
        new DomainMonitor(world.verifier(), List.of(Scenario.DANE_TA.domain()))) {
      InetSocketAddress address =
          monitor.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      for (String path : List.of("/", "/status.jsonx", "/other")) {
        assertThat(request(address, "GET", path)).as(path).isEqualTo(404);
      }
    }
  }

  @Test
  void serve_post_returns405() throws Exception {
    try (DomainMonitor monitor =
        new DomainMonitor(world.verifier(), List.of(Scenario.DANE_TA.domain()))) {
      InetSocketAddress address =
          monitor.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      assertThat(request(address, "POST", "/status.json")).isEqualTo(405);
    }
  }

  private static int request(InetSocketAddress address, String method, String path)
      throws Exception {
    URL url = new URL("http", address.getAddress().getHostAddress(), address.getPort(), path);
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setRequestMethod(method);
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  @Test
  void latestJson_beforeFirstCheck_isEmptyDashboard() {
    try (DomainMonitor monitor = new DomainMonitor(world.verifier(), List.of("x.test"))) {
      assertThat(monitor.latestJson()).contains("\"domains\":[]");
    }
  }
}
