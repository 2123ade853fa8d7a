package io.github.dane4j.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.conscrypt.Conscrypt;

/**
 * The ceiling of the interop benchmark: plain STARTTLS handshakes with the JDK's default TLS
 * provider (SunJSSE), or with Conscrypt after {@code --conscrypt}, with no DNS lookup and no DANE
 * check. Each connection reads the greeting, sends EHLO and STARTTLS, completes the handshake with
 * a trust manager that accepts any chain, sends QUIT inside TLS and reads its reply. Every socket
 * sets TCP_NODELAY, as dane4j's connector does.
 *
 * <p>With SunJSSE, each thread keeps one {@code SSLContext} for all its connections and invalidates
 * the sessions in its cache after each connection. Conscrypt's sessions cannot be invalidated, so
 * with Conscrypt each connection gets a new context, as in dane4j's connector. Either way no
 * handshake resumes an earlier session. The program counts the trust manager's calls and fails when
 * they differ from the number of handshakes, which would mean that some handshake resumed.
 *
 * <p>Run: {@code java -cp dane-benchmarks/target/benchmarks.jar
 * io.github.dane4j.benchmarks.StarttlsCeiling [--conscrypt] THREADS HANDSHAKES
 * ADDRESS:PORT=SNI...}. The targets are used in turn. Prints one line with the counts and the wall
 * time of the handshake phase.
 */
public final class StarttlsCeiling {
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final String EHLO_NAME = "bench.dane4j.invalid";

  private StarttlsCeiling() {}

  /**
   * Runs the handshakes and exits with status 1 when one failed.
   *
   * @param args the thread count, the handshake count and one or more targets
   * @throws Exception if a thread is interrupted or the JDK offers no TLS context
   */
  public static void main(String[] args) throws Exception {
    boolean conscrypt = args.length > 0 && args[0].equals("--conscrypt");
    int first = conscrypt ? 1 : 0;
    if (args.length - first < 3) {
      System.err.println(
          "usage: StarttlsCeiling [--conscrypt] THREADS HANDSHAKES ADDRESS:PORT=SNI..., for"
              + " example StarttlsCeiling 4 400 127.0.1.11:25=mx.example.test");
      System.exit(2);
    }
    int threads = positive(args[first], "THREADS");
    int handshakes = positive(args[first + 1], "HANDSHAKES");
    List<Target> targets = new ArrayList<>();
    for (int i = first + 2; i < args.length; i++) {
      targets.add(Target.parse(args[i]));
    }

    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicLong trustChecks = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                SSLContext context = newContext(trustChecks, conscrypt);
                for (int i = next.getAndIncrement(); i < handshakes; i = next.getAndIncrement()) {
                  Target target = targets.get(i % targets.size());
                  try {
                    handshake(context, target);
                  } catch (IOException e) {
                    if (failures.getAndIncrement() == 0) {
                      System.err.println("handshake with " + target + " failed: " + e);
                    }
                  }
                  if (conscrypt) {
                    // Conscrypt's sessions cannot be invalidated, so a new context with an empty
                    // cache is used, as for each of dane4j's connections.
                    context = newContext(trustChecks, true);
                  } else {
                    forgetSessions(context.getClientSessionContext());
                  }
                }
                return null;
              }));
    }
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "handshakes=%d failures=%d trust-checks=%d threads=%d seconds=%.3f per-second=%.1f%n",
        handshakes,
        failures.get(),
        trustChecks.get(),
        threads,
        seconds,
        handshakes / seconds);
    if (failures.get() > 0 || trustChecks.get() != handshakes - failures.get()) {
      System.exit(1);
    }
  }

  private static int positive(String text, String name) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be a positive integer, got '" + text + "'");
    }
    return value;
  }

  private static SSLContext newContext(AtomicLong trustChecks, boolean conscrypt)
      throws GeneralSecurityException {
    SSLContext context =
        conscrypt
            ? SSLContext.getInstance("TLS", Conscrypt.newProvider())
            : SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptingTrustManager(trustChecks)}, null);
    if (conscrypt) {
      // As in dane4j's connector: Conscrypt's engine-based socket is the one that layers over a
      // connected plain socket.
      Conscrypt.setUseEngineSocket(context.getSocketFactory(), true);
    }
    return context;
  }

  private static void handshake(SSLContext context, Target target) throws IOException {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.connect(target.address(), TIMEOUT_MILLIS);
      // Nothing follows the 220 reply to STARTTLS until the client's hello, so the buffer cannot
      // take bytes of the handshake.
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      expect(in, 220, "greeting");
      send(out, "EHLO " + EHLO_NAME);
      expect(in, 250, "EHLO");
      send(out, "STARTTLS");
      expect(in, 220, "STARTTLS");
      SSLSocket tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(socket, target.sni(), target.address().getPort(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(target.sni())));
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      send(tls.getOutputStream(), "QUIT");
      expect(new BufferedInputStream(tls.getInputStream()), 221, "QUIT");
      tls.close();
    }
  }

  private static void forgetSessions(SSLSessionContext sessions) {
    for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
      SSLSession session = sessions.getSession(ids.nextElement());
      if (session != null) {
        session.invalidate();
      }
    }
  }

  private static void send(OutputStream out, String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one SMTP reply, all its lines, and checks its code. */
  private static void expect(InputStream in, int code, String step) throws IOException {
    while (true) {
      String line = readLine(in);
      if (line.length() < 3 || !line.startsWith(Integer.toString(code))) {
        throw new IOException("expected " + code + " after " + step + ", got '" + line + "'");
      }
      if (line.length() == 3 || line.charAt(3) != '-') {
        return;
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed after '" + line + "'");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** An SMTP server address and the SNI name to send to it. */
  private record Target(InetSocketAddress address, String sni) {
    static Target parse(String text) throws IOException {
      int equals = text.indexOf('=');
      int colon = text.lastIndexOf(':', equals < 0 ? text.length() : equals);
      if (equals < 0 || colon < 0) {
        throw new IllegalArgumentException(
            "Invalid target '"
                + text
                + "': give ADDRESS:PORT=SNI, such as 127.0.1.11:25=mx.a.test");
      }
      InetAddress host = addressLiteral(text.substring(0, colon));
      int port = positive(text.substring(colon + 1, equals), "PORT");
      return new Target(new InetSocketAddress(host, port), text.substring(equals + 1));
    }
  }

  /**
   * Parses an IPv4 or IPv6 address literal without any name lookup: a host name here would go to
   * the system's resolver, which a loopback benchmark must never ask.
   */
  private static final Pattern DOT = Pattern.compile("\\.");

  static InetAddress addressLiteral(String text) throws IOException {
    if (text.indexOf(':') >= 0
        && text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      // The JDK parses a string with a colon as an IPv6 literal and never looks it up.
      return InetAddress.getByName(text);
    }
    String[] parts = DOT.split(text, -1);
    byte[] bytes = new byte[4];
    boolean valid = parts.length == 4;
    for (int i = 0; valid && i < 4; i++) {
      valid = parts[i].matches("[0-9]{1,3}") && Integer.parseInt(parts[i]) <= 255;
      if (valid) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "Invalid address '" + text + "': give an IPv4 or IPv6 address, not a host name");
    }
    return InetAddress.getByAddress(bytes);
  }

  /** Accepts every chain and counts the calls, which a resumed handshake skips. */
  private static final class AcceptingTrustManager extends X509ExtendedTrustManager {
    private final AtomicLong calls;

    AcceptingTrustManager(AtomicLong calls) {
      this.calls = calls;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      calls.incrementAndGet();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      calls.incrementAndGet();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      calls.incrementAndGet();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
