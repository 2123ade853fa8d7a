package io.github.dane4j.examples.monitor;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.DomainReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  private static final String STATUS_PATH = "/status.json";

  /** The dashboard's verdict for a domain whose check threw instead of giving a report. */
  private static final String CHECK_FAILED = "check-failed";

  private final DaneSmtpVerifier verifier;
  private final List<String> domains;
  private volatile String latestJson = "{\"checkedAt\":null,\"domains\":[],\"counts\":{}}";
  private @Nullable HttpServer server;

  /**
   * Creates a monitor for these domains; the caller keeps ownership of the verifier.
   *
   * @throws IllegalArgumentException if a domain is not a valid host name (for example empty, with
   *     an empty label or a character that host names cannot contain), naming the domain and its
   *     position in the list
   */
  public DomainMonitor(DaneSmtpVerifier verifier, List<String> domains) {
    this.verifier = verifier;
    this.domains = List.copyOf(domains);
    for (int i = 0; i < this.domains.size(); i++) {
      requireDomainName(this.domains.get(i), i);
    }
    this.server = null;
  }

  private static void requireDomainName(String domain, int index) {
    String problem = null;
    String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.contains("..")) {
      problem = "it is empty or has an empty label";
    } else {
      try {
        IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        problem = "it is not a valid host name (" + e.getMessage() + ")";
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "Invalid domain '"
              + domain
              + "' at index "
              + index
              + " of the domain list: "
              + problem
              + "; give mail domains such as example.org");
    }
  }

  /**
   * Checks every domain concurrently (the verifier bounds the connections) and stores the dashboard
   * JSON. A domain whose check throws gets a result with the error, so one failing domain does not
   * stop the others.
   *
   * @return the results, in the order of the domain list
   */
  public List<DomainResult> checkNow() {
    List<CompletableFuture<DomainResult>> pending = new ArrayList<>();
    for (String domain : domains) {
      pending.add(check(domain));
    }
    List<DomainResult> results = new ArrayList<>();
    for (CompletableFuture<DomainResult> result : pending) {
      results.add(result.join());
    }
    latestJson = dashboardJson(results, Instant.now());
    return results;
  }

  private CompletableFuture<DomainResult> check(String domain) {
    CompletableFuture<DomainReport> report;
    try {
      report = verifier.verifyDomainAsync(domain);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(DomainResult.failed(domain, e));
    }
    return report.handle(
        (done, failure) ->
            failure == null
                ? DomainResult.of(done)
                : DomainResult.failed(
                    domain,
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure));
  }

  /**
   * The outcome of checking one domain: its report, or the error that stopped the check.
   *
   * @param domain the domain as listed
   * @param report the report, or null when the check failed
   * @param error what stopped the check, or null when there is a report
   */
  public record DomainResult(String domain, @Nullable DomainReport report, @Nullable String error) {
    static DomainResult of(DomainReport report) {
      return new DomainResult(report.domain(), report, null);
    }

    static DomainResult failed(String domain, Throwable failure) {
      String message = failure.getMessage();
      return new DomainResult(
          domain,
          null,
          "the check failed: "
              + (message == null || message.isBlank() ? "no error message" : message));
    }
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
    // The root context receives every path, so that only the exact path gets the status.
    http.createContext(
        "/",
        exchange -> {
          int status;
          byte[] body;
          if (!STATUS_PATH.equals(exchange.getRequestURI().getPath())) {
            status = 404;
            body = "{\"error\":\"not found: only GET /status.json exists\"}".getBytes(UTF_8);
          } else if (!"GET".equals(exchange.getRequestMethod())) {
            status = 405;
            body = "{\"error\":\"method not allowed: use GET\"}".getBytes(UTF_8);
            exchange.getResponseHeaders().set("Allow", "GET");
          } else {
            status = 200;
            body = latestJson.getBytes(UTF_8);
          }
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
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
  static String dashboardJson(List<DomainResult> results, Instant checkedAt) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    StringBuilder json = new StringBuilder();
    json.append("{\"checkedAt\":").append(quote(checkedAt.toString())).append(",\"domains\":[");
    for (int i = 0; i < results.size(); i++) {
      DomainResult result = results.get(i);
      DomainReport report = result.report();
      if (report == null) {
        counts.merge(CHECK_FAILED, 1, Integer::sum);
        json.append(i == 0 ? "" : ",")
            .append("{\"domain\":")
            .append(quote(result.domain()))
            .append(",\"verdict\":")
            .append(quote(CHECK_FAILED))
            .append(",\"resultType\":null,\"message\":")
            .append(quote(String.valueOf(result.error())))
            .append(",\"fixHint\":")
            .append(quote("Check the domain name and the monitor's DNS settings, then check again"))
            .append('}');
        continue;
      }
      counts.merge(report.verdict().token(), 1, Integer::sum);
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
    counts.forEach((verdict, count) -> entries.add(quote(verdict) + ":" + count));
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
