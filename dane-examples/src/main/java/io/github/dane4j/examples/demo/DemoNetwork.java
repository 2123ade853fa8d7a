package io.github.dane4j.examples.demo;

import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.smtp.ConnectorSettings;
import io.github.dane4j.smtp.DaneSmtp;
import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.Misbehaviour;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * A DANE test network on loopback: one DNSSEC-signed zone {@code test.} as the only trust anchor,
 * one delegated zone per {@link Scenario}, and one SMTP server per scenario on its own address
 * (127.0.0.2, 127.0.0.3, ...), all on one ephemeral port. Linux routes all of 127.0.0.0/8 to the
 * loopback interface, so no other host is ever contacted.
 *
 * <pre>{@code
 * try (DemoNetwork network = DemoNetwork.start();
 *     DaneSmtpVerifier verifier = network.verifier().build()) {
 *   for (DemoNetwork.Outcome scenario : network.scenarios()) {
 *     DomainReport report = verifier.verifyDomain(scenario.domain());
 *   }
 * }
 * }</pre>
 */
public final class DemoNetwork implements AutoCloseable {
  /** The timeout of every SMTP step in the demo; loopback servers respond within milliseconds. */
  public static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);

  private static final int BIND_ATTEMPTS = 10;
  private static final int FIRST_HOST_OCTET = 2;

  private final List<TestSmtpServer> servers;
  private final TestDnsServer dnsServer;

  private DemoNetwork(List<TestSmtpServer> servers, TestDnsServer dnsServer) {
    this.servers = servers;
    this.dnsServer = dnsServer;
  }

  /**
   * Generates the certificates, starts one SMTP server per scenario, signs the zones and starts the
   * DNS server.
   *
   * @throws UncheckedIOException if no common port could be bound on the loopback addresses
   */
  public static DemoNetwork start() {
    List<Scenario> scenarios = List.of(Scenario.values());
    List<ServerSetup> setups = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      setups.add(ServerSetup.of(scenario));
    }
    List<TestSmtpServer> servers = startServers(setups);
    int port = servers.get(0).address().getPort();
    try {
      TestZone.Builder tld = TestZone.builder("test.");
      for (int i = 0; i < scenarios.size(); i++) {
        tld.delegate(zone(scenarios.get(i), setups.get(i), address(i), port));
      }
      TestDnsServer dns = TestDnsServer.builder().zone(tld.build()).build().start();
      return new DemoNetwork(servers, dns);
    } catch (RuntimeException e) {
      servers.forEach(TestSmtpServer::close);
      throw e;
    }
  }

  /** Returns the scenarios in the order they are reported. */
  public List<Scenario> scenarios() {
    return List.of(Scenario.values());
  }

  /** Returns the port that every SMTP server listens on; the TLSA owner names contain it. */
  public int port() {
    return servers.get(0).address().getPort();
  }

  /** Returns the SMTP server of a scenario, for tests that inspect what it received. */
  public TestSmtpServer smtpServer(Scenario scenario) {
    return servers.get(scenarios().indexOf(scenario));
  }

  /** Returns the test DNS server. */
  public TestDnsServer dnsServer() {
    return dnsServer;
  }

  /**
   * Returns DNS settings that validate in-process, with the demo zone's key as the only trust
   * anchor and the demo DNS server as the only upstream.
   */
  public DnsFetcherSettings dnsSettings() {
    return DnsFetcherSettings.builder()
        .resolver(dnsServer.address())
        .rootTrustAnchors(false)
        .trustAnchors(dnsServer.trustAnchors())
        .queryTimeout(Duration.ofSeconds(1))
        .retries(1)
        .lookupTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Returns a verifier builder for this network: its DNS, its port, IPv4, short timeouts. */
  public DaneSmtpVerifier.Builder verifier() {
    return DaneSmtp.verifier()
        .dns(dnsSettings())
        .port(port())
        .addressFamilies(AddressFamily.IPV4)
        .connector(ConnectorSettings.builder().ehloName("client.demo.test").build())
        .timeouts(STEP_TIMEOUT);
  }

  /** Stops the DNS server and every SMTP server. */
  @Override
  public void close() {
    dnsServer.close();
    servers.forEach(TestSmtpServer::close);
  }

  private static List<TestSmtpServer> startServers(List<ServerSetup> setups) {
    UncheckedIOException last = new UncheckedIOException(new IOException("no bind attempt"));
    for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      List<TestSmtpServer> started = new ArrayList<>();
      try {
        int port = 0;
        for (int i = 0; i < setups.size(); i++) {
          ServerSetup setup = setups.get(i);
          TestSmtpServer server =
              TestSmtpServer.builder()
                  .serverName(setup.hostName())
                  .certificate(setup.presented())
                  .misbehaviours(setup.misbehaviours().toArray(Misbehaviour[]::new))
                  .bindAddress(address(i))
                  .port(port)
                  .readTimeout(Duration.ofSeconds(10))
                  .build()
                  .start();
          started.add(server);
          port = server.address().getPort();
        }
        return List.copyOf(started);
      } catch (UncheckedIOException e) {
        // Another process uses the first server's port on a later address, so try a new port.
        started.forEach(TestSmtpServer::close);
        last = e;
      }
    }
    throw last;
  }

  private static InetAddress address(int index) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (FIRST_HOST_OCTET + index)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("A four-byte address is always valid", e);
    }
  }

  /** Builds the zone of one scenario: MX, the MX host's address and the TLSA records. */
  private static TestZone zone(Scenario scenario, ServerSetup setup, InetAddress ip, int port) {
    String tlsaOwner = "_" + port + "._tcp.mx";
    TestZone.Builder zone =
        TestZone.builder(scenario.domain() + ".")
            .mx("@", 10, setup.hostName() + ".")
            .a("mx", ip.getHostAddress());
    List<X509Certificate> certificates = setup.chain().chain();
    X509Certificate leaf = certificates.get(0);
    X509Certificate intermediate = certificates.get(1);
    X509Certificate root = certificates.get(2);
    switch (scenario) {
      case DANE_EE, NO_STARTTLS ->
          zone.tlsa(tlsaOwner, 3, 1, 1, spkiSha256(leaf))
              .tlsa(tlsaOwner, 2, 0, 1, sha256(intermediate));
      case DANE_TA -> zone.tlsa(tlsaOwner, 2, 0, 1, sha256(intermediate));
      case STALE_AFTER_ROLLOVER -> {
        // The records still name the key and issuer of the chain before the roll-over.
        TestChain old = TestChain.create(KeyType.EC_P256, setup.hostName());
        zone.tlsa(tlsaOwner, 3, 1, 1, spkiSha256(old.leaf().certificate()))
            .tlsa(tlsaOwner, 2, 0, 1, sha256(old.intermediate().certificate()));
      }
      case TRUST_ANCHOR_NOT_SENT -> zone.tlsa(tlsaOwner, 2, 0, 1, sha256(root));
      case UNUSABLE_RECORDS_ONLY ->
          zone.tlsa(tlsaOwner, 4, 1, 1, spkiSha256(leaf))
              .tlsa(tlsaOwner, 3, 1, 7, spkiSha256(leaf));
      case TLSA_VIA_CNAME ->
          zone.cname(tlsaOwner, "tlsa-shared." + scenario.domain() + ".")
              .tlsa("tlsa-shared", 3, 1, 1, spkiSha256(leaf))
              .tlsa("tlsa-shared", 2, 0, 1, sha256(intermediate));
      case INSECURE_DELEGATION -> zone.unsigned().tlsa(tlsaOwner, 3, 1, 1, spkiSha256(leaf));
      case BOGUS_SIGNATURES ->
          zone.tlsa(tlsaOwner, 3, 1, 1, spkiSha256(leaf))
              .tlsa(tlsaOwner, 2, 0, 1, sha256(intermediate))
              .broken(tlsaOwner, Type.TLSA, Breakage.EXPIRED_SIGNATURES);
    }
    return zone.build();
  }

  private static byte[] spkiSha256(X509Certificate certificate) {
    return digest(certificate.getPublicKey().getEncoded());
  }

  private static byte[] sha256(X509Certificate certificate) {
    try {
      return digest(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("A generated certificate is always encodable", e);
    }
  }

  private static byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK offers no SHA-256", e);
    }
  }

  /**
   * The setup of a scenario's server: its chain, what it presents and how it misbehaves.
   *
   * @param hostName the MX host name
   * @param chain the full chain: leaf, intermediate, root
   * @param presented the key and the certificates the server sends
   * @param misbehaviours the scripted deviations of the server
   */
  private record ServerSetup(
      String hostName, TestChain chain, IssuedChain presented, List<Misbehaviour> misbehaviours) {
    static ServerSetup of(Scenario scenario) {
      String hostName = "mx." + scenario.domain();
      TestChain chain = TestChain.create(KeyType.EC_P256, hostName);
      IssuedChain presented =
          new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chainWithoutRoot());
      List<Misbehaviour> misbehaviours =
          scenario == Scenario.NO_STARTTLS
              ? List.of(Misbehaviour.NO_STARTTLS_ADVERTISED)
              : List.of();
      return new ServerSetup(hostName, chain, presented, misbehaviours);
    }
  }
}
