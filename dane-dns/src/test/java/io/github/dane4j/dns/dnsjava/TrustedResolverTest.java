package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.BlockingDnsFetcher;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.testing.DnsWorld;
import io.github.dane4j.dns.testing.ValidatingProxy;
import io.github.dane4j.testkit.dns.Breakage;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;

/**
 * The dnsjava fetcher in trusted-resolver mode, reading the AD bit of a validating resolver on
 * loopback ({@link ValidatingProxy} over the testkit server).
 */
class TrustedResolverTest {
  private static DnsWorld world;
  private static ValidatingProxy proxy;
  private static DnsFetcher fetcher;
  private static BlockingDnsFetcher dns;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
    proxy = ValidatingProxy.start(world.server().address(), world.server().trustAnchors());
    fetcher = new DnsjavaFetcherProvider().create(trusted(proxy.address()).build());
    dns = fetcher.blocking();
  }

  @AfterAll
  static void stopWorld() {
    fetcher.close();
    proxy.close();
    world.close();
  }

  private static DnsFetcherSettings.Builder trusted(InetSocketAddress resolver) {
    return DnsFetcherSettings.builder()
        .validation(Validation.TRUSTED_RESOLVER)
        .resolver(resolver)
        .queryTimeout(Duration.ofSeconds(2))
        .retries(0);
  }

  @Test
  void tlsa_adSet_secureLocalResolver() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("mx1.example.test", 25));

    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    assertThat(answer.records()).containsExactly(TlsaRecord.parse("3 1 1 " + DnsWorld.HEX));
    assertThat(answer.authenticity()).isEqualTo(AuthenticitySource.TRUSTED_LOCAL_RESOLVER);
  }

  @Test
  void tlsa_unsignedZone_insecure() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("host.unsigned.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.RECORDS);
    assertThat(answer.status()).isEqualTo(DnssecStatus.INSECURE);
  }

  @Test
  void tlsa_missingName_secureNxdomain() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("missing.example.test", 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.NXDOMAIN);
    assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
  }

  @Test
  void tlsa_resolverReportsBogus_failureNeverInsecure() throws Exception {
    DnsAnswer<TlsaRecord> answer =
        dns.tlsa(TlsaQuery.tcp(DnsWorld.bogusHost(Breakage.EXPIRED_SIGNATURES), 25));

    assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
    assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(answer.status())
        .as("status taken from the resolver's EDE")
        .isEqualTo(DnssecStatus.BOGUS);
    assertThat(answer.isLookupFailure()).isTrue();
  }

  @Test
  void tlsa_cnameIntoUnsignedZone_insecure() throws Exception {
    DnsAnswer<TlsaRecord> answer = dns.tlsa(TlsaQuery.tcp("intounsigned.example.test", 25));

    assertThat(answer.status()).isEqualTo(DnssecStatus.INSECURE);
  }

  @Test
  void cnameChain_perHopStatusFromResolver() throws Exception {
    DnsAnswer<CnameHop> answer = dns.cnameChain("alias2.unsigned.test");

    assertThat(answer.records())
        .extracting(CnameHop::status)
        .containsExactly(DnssecStatus.INSECURE, DnssecStatus.INSECURE);
  }

  @Test
  void query_sentWithDoAndAdWithoutCd() throws Exception {
    try (DatagramSocket capture = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DnsFetcher capturing =
            new DnsjavaFetcherProvider()
                .create(
                    trusted((InetSocketAddress) capture.getLocalSocketAddress())
                        .queryTimeout(Duration.ofMillis(300))
                        .build())) {
      CompletionStage<?> lookup = capturing.tlsa(TlsaQuery.tcp("mx1.example.test", 25));
      byte[] buffer = new byte[4096];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      capture.setSoTimeout(10_000);
      capture.receive(packet);
      Message query = new Message(Arrays.copyOf(buffer, packet.getLength()));
      lookup.toCompletableFuture().join();

      OPTRecord opt = query.getOPT();
      assertThat(opt).isNotNull();
      assertThat(opt.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
      assertThat(query.getHeader().getFlag(Flags.AD)).isTrue();
      assertThat(query.getHeader().getFlag(Flags.CD)).isFalse();
      assertThat(query.getHeader().getFlag(Flags.RD)).isTrue();
    }
  }

  /** A reflected query has the AD bit of the query but is no response (QR clear). */
  @Test
  void tlsa_reflectedQuery_failureNeverSecure() throws Exception {
    try (DatagramSocket mirror = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DnsFetcher reflected =
            new DnsjavaFetcherProvider()
                .create(
                    trusted((InetSocketAddress) mirror.getLocalSocketAddress())
                        .queryTimeout(Duration.ofSeconds(5))
                        .build())) {
      CompletionStage<DnsAnswer<TlsaRecord>> lookup =
          reflected.tlsa(TlsaQuery.tcp("mx1.example.test", 25));
      byte[] buffer = new byte[4096];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      mirror.setSoTimeout(10_000);
      mirror.receive(packet);
      mirror.send(
          new DatagramPacket(
              Arrays.copyOf(buffer, packet.getLength()),
              packet.getLength(),
              packet.getSocketAddress()));
      DnsAnswer<TlsaRecord> answer = lookup.toCompletableFuture().join();

      assertThat(answer.kind()).isEqualTo(AnswerKind.FAILURE);
      assertThat(answer.status()).isNotEqualTo(DnssecStatus.SECURE);
      assertThat(answer.reason()).contains("not a response");
    }
  }

  @Test
  void settings_remoteResolverWithoutOptIn_rejected() {
    DnsFetcherSettings.Builder builder =
        trusted(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
            .resolver(new InetSocketAddress("192.0.2.53", 53));

    assertThatIllegalStateException()
        .isThrownBy(builder::build)
        .withMessageContaining("192.0.2.53")
        .withMessageContaining("allowUnauthenticatedAdBitFromRemoteResolvers");
  }

  @Test
  void create_remoteWithOptIn_asserted() throws Exception {
    // Nothing is sent to 192.0.2.53: the lookup is never started, the fetcher is only built.
    try (DnsFetcher remote =
        new DnsjavaFetcherProvider()
            .create(
                trusted(new InetSocketAddress("192.0.2.53", 53))
                    .allowUnauthenticatedAdBitFromRemoteResolvers(true)
                    .build())) {
      DnsjavaFetcher dnsjava = (DnsjavaFetcher) remote;

      assertThat(dnsjava.authenticity()).isEqualTo(AuthenticitySource.ASSERTED_REMOTE_RESOLVER);
    }
  }
}
