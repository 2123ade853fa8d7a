package io.github.dane4j.examples.monitor;

import com.sun.net.httpserver.HttpServer;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import io.github.dane4j.smtp.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A monitor that checks a list of mail domains and serves the latest results as JSON for a
 * dashboard, from the JDK's built-in HTTP server.
 *
 * <pre>{@code
 * try (DaneSmtpVerifier verifier = DaneSmtp.verifier().build();
 *     DomainMonitor monitor = new DomainMonitor(verifier, List.of("example.org", "example.net"))) {
 *   monitor.checkNow();
 *   InetSocketAddress address = monitor.serve(new InetSocketAddress("127.0.0.1", 8080));
 *   // GET http://127.0.0.1:8080/status.json
 * }
 * }</pre>
 *
 * <p>A real monitor would call {@link #checkNow()} from a scheduler, for example every 15 minutes,
 * and alert when {@code counts} has entries other than {@code authenticated}.
 */
public final class DomainMonitor implements AutoCloseable {
  private final DaneSmtpVerifier verifier;
  private final List<String> domains;
  private volatile String latestJson = "{\"checkedAt\":null,\"domains\":[],\"counts\":{}}";
  private @Nullable HttpServer server;

  /** Creates a monitor for these domains; the caller keeps ownership of the verifier. */
  public DomainMonitor(DaneSmtpVerifier verifier, List<String> domains) {
    this.verifier = verifier;
    this.domains = List.copyOf(domains);
    this.server = null;
  }

  /**
   * Checks every domain concurrently (the verifier bounds the connections) and stores the dashboard
   * JSON.
   *
   * @return the reports, in the order of the domain list
   */
  public List<DomainReport> checkNow() {
    List<CompletableFuture<DomainReport>> pending = new ArrayList<>();
    for (String domain : domains) {
      pending.add(verifier.verifyDomainAsync(domain));
    }
    List<DomainReport> reports = new ArrayList<>();
    for (CompletableFuture<DomainReport> report : pending) {
      reports.add(report.join());
    }
    latestJson = dashboardJson(reports, Instant.now());
    return reports;
  }

  /** Returns the JSON of the latest check. */
  public String latestJson() {
    return latestJson;
  }

  /**
   * Serves {@code GET /status.json} with the latest results.
   *
   * @param address where to listen; port 0 picks a free port
   * @return the address the server listens on
   * @throws IOException if the address cannot be bound
   * @throws IllegalStateException if the monitor already serves
   */
  public InetSocketAddress serve(InetSocketAddress address) throws IOException {
    HttpServer running = server;
    if (running != null) {
      throw new IllegalStateException("The monitor already serves on " + running.getAddress());
    }
    HttpServer http = HttpServer.create(address, 0);
    http.createContext(
        "/status.json",
        exchange -> {
          byte[] body = latestJson.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    http.start();
    server = http;
    return http.getAddress();
  }

  /** Stops the HTTP server, if it runs. */
  @Override
  public void close() {
    HttpServer http = server;
    if (http != null) {
      http.stop(0);
      server = null;
    }
  }

  /**
   * Returns one JSON object: the check time, one entry per domain (verdict, RFC 8460 result type,
   * message and fix hint) and the number of domains per verdict.
   */
  static String dashboardJson(List<DomainReport> reports, Instant checkedAt) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    StringBuilder json = new StringBuilder();
    json.append("{\"checkedAt\":").append(quote(checkedAt.toString())).append(",\"domains\":[");
    for (int i = 0; i < reports.size(); i++) {
      DomainReport report = reports.get(i);
      counts.merge(report.verdict(), 1, Integer::sum);
      json.append(i == 0 ? "" : ",")
          .append("{\"domain\":")
          .append(quote(report.domain()))
          .append(",\"verdict\":")
          .append(quote(report.verdict().token()))
          .append(",\"resultType\":")
          .append(report.assessment().resultType().map(type -> quote(type.token())).orElse("null"))
          .append(",\"message\":")
          .append(quote(report.assessment().message()))
          .append(",\"fixHint\":")
          .append(quote(report.assessment().fixHint()))
          .append('}');
    }
    json.append("],\"counts\":{");
    List<String> entries = new ArrayList<>();
    counts.forEach((verdict, count) -> entries.add(quote(verdict.token()) + ":" + count));
    return json.append(String.join(",", entries)).append("}}").toString();
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
