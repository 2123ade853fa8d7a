package io.github.dane4j.benchmarks;

import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.SmtpSession;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The testkit servers of {@link InFlightHeapProbe} and {@link HostVerificationBenchmark}, run in a
 * JVM of their own so that the server side of each connection does not count in the measured heap
 * or allocation: an SMTP server on 127.0.0.1 that may stall at a {@link StallStage}, and a signed
 * DNS zone {@code example.test} whose MX host {@code mx1} has a matching {@code 3 1 1} record.
 *
 * <p>It prints {@code smtp-port N}, {@code dns-port N}, the trust anchors between {@code
 * anchors-begin} and {@code anchors-end}, and {@code ready}. Then it replies to each {@code count}
 * line on standard input with the number of stalled connections, and stops at the end of the input.
 */
final class ChildServers {
  private static final Duration STALL_WAIT = Duration.ofMinutes(2);

  private ChildServers() {}

  /**
   * Starts the servers and serves the count requests.
   *
   * @param args the maximum number of connections and the stage token
   * @throws Exception if a server cannot start or the input fails
   */
  public static void main(String[] args) throws Exception {
    int maxConnections = Integer.parseInt(args[0]);
    StallStage stage = StallStage.parse(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    TestChain chain = TestChain.create(KeyType.EC_P256, "mx1.example.test");
    try (TestSmtpServer smtp =
            TestSmtpServer.builder()
                .certificate(new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chain()))
                .misbehaviours(stage.misbehaviours())
                .maxConnections(maxConnections)
                .readTimeout(STALL_WAIT)
                .build()
                .start();
        TestDnsServer dns = startDns(smtp.address().getPort(), spkiSha256(chain))) {
      out.println("smtp-port " + smtp.address().getPort());
      out.println("dns-port " + dns.address().getPort());
      out.println("anchors-begin");
      out.println(dns.trustAnchors().strip());
      out.println("anchors-end");
      out.println("ready");

      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("count")) {
          out.println(stalledCount(smtp, stage));
        }
      }
    }
  }

  private static long stalledCount(TestSmtpServer server, StallStage stage) {
    List<SmtpSession> sessions = server.sessions();
    if (stage != StallStage.AFTER_HANDSHAKE) {
      return sessions.size();
    }
    return sessions.stream().filter(SmtpSession::tlsNegotiated).count();
  }

  private static TestDnsServer startDns(int port, String spkiSha256) {
    TestZone example =
        TestZone.builder("example.test.")
            .mx("@", 10, "mx1.example.test.")
            .a("mx1", "127.0.0.1")
            .tlsa("_" + port + "._tcp.mx1", 3, 1, 1, spkiSha256)
            .build();
    return TestDnsServer.builder()
        .zone(TestZone.builder("test.").delegate(example).build())
        .build()
        .start();
  }

  private static String spkiSha256(TestChain chain) throws GeneralSecurityException {
    byte[] spki = chain.leaf().certificate().getPublicKey().getEncoded();
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
  }
}
