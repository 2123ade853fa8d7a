package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.Certificates.spkiSha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaneSmtpVerifierTest {

  @Test
  void verifyDomain_matchingDaneEe_authenticated() throws Exception {
    TestChain mx1 = chain("mx1.example.test");
    try (MailWorld world =
        MailWorld.start(
            TestSmtpServer.builder().serverName("mx1.example.test").certificate(served(mx1)))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, "mx1.example.test.")
                  .a("mx1", MailWorld.ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, spkiSha256(mx1.leaf().certificate()))
                  .build()));
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        DomainReport report = verifier.verifyDomain("example.test");
        System.out.println(report.toJson());

        assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
      }
    }
  }
}
