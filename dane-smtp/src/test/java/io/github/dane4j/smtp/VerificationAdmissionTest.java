package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.Certificates.spkiSha256;
import static io.github.dane4j.smtp.MailWorld.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.testkit.dns.ObservedQuery;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.Misbehaviour;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bound on verifications running at once: a verification beyond it waits, and sends no DNS
 * query, until a running one ends. One host's server never answers, the other authenticates.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerificationAdmissionTest {
  private static final String SLOW = "slow.admission.test";
  private static final String FAST = "fast.admission.test";

  private static MailWorld world;

  @BeforeAll
  static void startWorld() {
    TestChain slowChain = chain(SLOW);
    TestChain fastChain = chain(FAST);
    world =
        MailWorld.start(
            TestSmtpServer.builder()
                .serverName(SLOW)
                .certificate(served(slowChain))
                .misbehaviours(Misbehaviour.SILENT),
            TestSmtpServer.builder().serverName(FAST).certificate(served(fastChain)));
    world.dns(
        List.of(
            TestZone.builder("admission.test.")
                .a("slow", ip(0))
                .a("fast", ip(1))
                .tlsa(
                    world.tlsaPrefix() + ".slow",
                    3,
                    1,
                    1,
                    spkiSha256(slowChain.leaf().certificate()))
                .tlsa(
                    world.tlsaPrefix() + ".fast",
                    3,
                    1,
                    1,
                    spkiSha256(fastChain.leaf().certificate()))
                .build()));
  }

  @AfterAll
  static void stopWorld() {
    world.close();
  }

  @Test
  void oneInFlight_secondWaitsWithoutLookups_thenAuthenticates() throws Exception {
    try (DaneSmtpVerifier verifier = world.verifier().verificationsInFlight(1).build()) {
      CompletableFuture<HostReport> slow = verifier.verifyHostAsync(SLOW);
      CompletableFuture<HostReport> fast = verifier.verifyHostAsync(FAST);

      // The slow host's lookups are done once its server has the connection.
      world.server(0).awaitSession(Duration.ofSeconds(20));
      List<ObservedQuery> queriesWhileSlowRuns = world.dnsServer().queryLog();
      HostReport fastReport = fast.get(30, TimeUnit.SECONDS);

      assertThat(queriesWhileSlowRuns)
          .extracting(query -> query.name().toString())
          .noneMatch(name -> name.contains("fast"));
      assertThat(slow).isDone();
      assertThat(fastReport.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  @Test
  void verificationsInFlight_zero_rejectedWithRange() {
    assertThatThrownBy(() -> DaneSmtp.verifier().verificationsInFlight(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verificationsInFlight 0")
        .hasMessageContaining("1 to 1024");
  }
}
