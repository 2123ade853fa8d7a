package io.github.dane4j.examples.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.examples.ExampleNetwork;
import io.github.dane4j.examples.demo.Scenario;
import io.github.dane4j.smtp.HostPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class SslEngineSmtpClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
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
  void probe_daneEeHost_completesHandshakeAndSecondEhlo() throws IOException {
    HostPolicy policy = policy(Scenario.DANE_EE);

    SslEngineSmtpClient.Session session =
        SslEngineSmtpClient.probe(policy, policy.addresses().get(0), "client.demo.test", TIMEOUT);

    assertThat(session.starttlsOffered()).isTrue();
    assertThat(session.tlsProtocol()).startsWith("TLSv1.");
    assertThat(session.ehloAfterTls()).first().asString().startsWith("250");
  }

  @Test
  void probe_daneTaHost_authenticates() throws IOException {
    HostPolicy policy = policy(Scenario.DANE_TA);

    SslEngineSmtpClient.Session session =
        SslEngineSmtpClient.probe(policy, policy.addresses().get(0), "client.demo.test", TIMEOUT);

    assertThat(session.tlsProtocol()).isNotNull();
  }

  @Test
  void probe_staleRecords_failsHandshake() {
    HostPolicy policy = policy(Scenario.STALE_AFTER_ROLLOVER);

    assertThatThrownBy(
            () ->
                SslEngineSmtpClient.probe(
                    policy, policy.addresses().get(0), "client.demo.test", TIMEOUT))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void probe_noStarttlsWithTlsaRecords_refusesCleartext() {
    HostPolicy policy = policy(Scenario.NO_STARTTLS);

    assertThatThrownBy(
            () ->
                SslEngineSmtpClient.probe(
                    policy, policy.addresses().get(0), "client.demo.test", TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("STARTTLS");
  }

  @Test
  void probe_bogusTlsa_rejectsUnreachablePolicy() {
    HostPolicy policy = policy(Scenario.BOGUS_SIGNATURES);

    assertThatThrownBy(
            () ->
                SslEngineSmtpClient.probe(
                    policy, InetAddress.getLoopbackAddress(), "client.demo.test", TIMEOUT))
        .isInstanceOf(IllegalStateException.class);
  }

  private static HostPolicy policy(Scenario scenario) {
    return world.verifier().hostPolicy("mx." + scenario.domain(), scenario.domain());
  }
}
