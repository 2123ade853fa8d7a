package io.github.dane4j.smtp;

import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.testkit.dns.Behaviour;
import io.github.dane4j.testkit.dns.TestDnsServer;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A DNSSEC-signed "internet" on loopback for end-to-end tests: SMTP servers on 127.0.0.2, 127.0.0.3
 * and so on, all on one ephemeral port, and a test DNS server whose signed zone {@code test.} is
 * the only trust anchor and delegates the zones of the test.
 *
 * <p>Start the servers first, because the TLSA owner names of the zones contain their port; then
 * build the zones and call {@link #dns}.
 */
final class MailWorld implements AutoCloseable {
  /** The timeout of every connector step; short, so that failures show fast. */
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(3);

  private static final int BIND_ATTEMPTS = 10;
  private static final int FIRST_HOST_OCTET = 2;

  private final List<TestSmtpServer> servers;
  private @Nullable TestDnsServer dnsServer;

  private MailWorld(List<TestSmtpServer> servers) {
    this.servers = servers;
  }

  /**
   * Starts one SMTP server per builder, the first on 127.0.0.2, all on the port that the first got.
   * Another process may hold that port on a later address, so the whole set is retried on a new
   * port a few times.
   */
  static MailWorld start(TestSmtpServer.Builder... builders) {
    UncheckedIOException last = new UncheckedIOException(new IOException("no bind attempt"));
    for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      List<TestSmtpServer> started = new ArrayList<>();
      try {
        int port = 0;
        for (int i = 0; i < builders.length; i++) {
          TestSmtpServer server =
              builders[i]
                  .bindAddress(loopback(i))
                  .port(port)
                  .readTimeout(Duration.ofSeconds(10))
                  .build()
                  .start();
          started.add(server);
          port = server.address().getPort();
        }
        return new MailWorld(started);
      } catch (UncheckedIOException e) {
        started.forEach(TestSmtpServer::close);
        last = e;
      }
    }
    throw last;
  }

  /** Returns the loopback address of server {@code index}: 127.0.0.2 for the first. */
  static InetAddress loopback(int index) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (FIRST_HOST_OCTET + index)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the text form of {@link #loopback(int)}, for A records. */
  static String ip(int index) {
    return loopback(index).getHostAddress();
  }

  /** Returns the port that every SMTP server listens on. */
  int port() {
    return servers.isEmpty() ? 25 : servers.get(0).address().getPort();
  }

  /** Returns the TLSA owner name label pair for the port, such as {@code _2525._tcp}. */
  String tlsaPrefix() {
    return "_" + port() + "._tcp";
  }

  TestSmtpServer server(int index) {
    return servers.get(index);
  }

  /**
   * Builds the signed zone {@code test.} that delegates {@code children} and starts the DNS server
   * with it and the behaviours.
   */
  MailWorld dns(List<TestZone> children, Behaviour... behaviours) {
    TestZone.Builder tld = TestZone.builder("test.");
    children.forEach(tld::delegate);
    TestDnsServer.Builder builder = TestDnsServer.builder().zone(tld.build());
    for (Behaviour behaviour : behaviours) {
      builder.behaviour(behaviour);
    }
    this.dnsServer = builder.build().start();
    return this;
  }

  TestDnsServer dnsServer() {
    TestDnsServer server = dnsServer;
    if (server == null) {
      throw new IllegalStateException("No DNS server yet: call dns(...) first");
    }
    return server;
  }

  /** Returns the DNS settings that validate in-process from the {@code test.} trust anchor. */
  DnsFetcherSettings dnsSettings() {
    return DnsFetcherSettings.builder()
        .resolver(dnsServer().address())
        .rootTrustAnchors(false)
        .trustAnchors(dnsServer().trustAnchors())
        .queryTimeout(Duration.ofSeconds(1))
        .retries(1)
        .lookupTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Returns a verifier builder for this world: its DNS, its port, IPv4, short timeouts. */
  DaneSmtpVerifier.Builder verifier() {
    return DaneSmtp.verifier()
        .dns(dnsSettings())
        .port(port())
        .addressFamilies(AddressFamily.IPV4)
        .connector(ConnectorSettings.builder().ehloName("client.example.test").build())
        .timeouts(STEP_TIMEOUT);
  }

  @Override
  public void close() {
    TestDnsServer server = dnsServer;
    if (server != null) {
      server.close();
    }
    servers.forEach(TestSmtpServer::close);
  }
}
