package io.github.dane4j.testkit.dns;

import static io.github.dane4j.testkit.dns.DnsTestSupport.answers;
import static io.github.dane4j.testkit.dns.DnsTestSupport.authenticated;
import static io.github.dane4j.testkit.dns.DnsTestSupport.query;
import static io.github.dane4j.testkit.dns.DnsTestSupport.resolve;
import static io.github.dane4j.testkit.dns.DnsTestSupport.send;
import static io.github.dane4j.testkit.dns.DnsTestSupport.stub;
import static io.github.dane4j.testkit.dns.DnsTestSupport.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** UDP size limits, truncation, TCP framing, the query log and the server's life cycle. */
class TransportTest {

  private static final String LARGE_TLSA = "_25._tcp.large.example.test.";
  private static final String MEDIUM_TLSA = "_25._tcp.medium.example.test.";

  private static TestDnsServer server;

  @BeforeAll
  static void startServer() {
    TestZone.Builder zone = TestZone.builder("example.test.").a("mx", "192.0.2.25");
    for (int i = 0; i < 40; i++) {
      zone.tlsa("_25._tcp.large", 3, 1, 1, sha256Like(i));
    }
    for (int i = 0; i < 12; i++) {
      zone.tlsa("_25._tcp.medium", 3, 1, 1, sha256Like(i));
    }
    server = TestDnsServer.builder().zone(zone.build()).build().start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void clearLog() {
    server.clearQueryLog();
  }

  private static String sha256Like(int seed) {
    byte[] digest = new byte[32];
    digest[0] = (byte) seed;
    digest[31] = (byte) (seed * 7);
    return HexFormat.of().formatHex(digest);
  }

  @Test
  void validator_largeRRset_retriesOverTcp() throws Exception {
    Message response = resolve(validator(server), LARGE_TLSA, Type.TLSA);

    assertThat(answers(response, Type.TLSA)).hasSize(40);
    assertThat(authenticated(response)).as("AD flag").isTrue();
    assertThat(server.queryLog())
        .filteredOn(query -> query.type() == Type.TLSA)
        .extracting(ObservedQuery::transport)
        .containsExactly(Transport.UDP, Transport.TCP);
  }

  @Test
  void stub_ignoringTruncation_getsEmptyTcAnswer() throws Exception {
    SimpleResolver resolver = stub(server);
    resolver.setIgnoreTruncation(true);

    Message response = resolve(resolver, LARGE_TLSA, Type.TLSA);

    assertThat(response.getHeader().getFlag(Flags.TC)).as("TC flag").isTrue();
    assertThat(answers(response, Type.TLSA)).isEmpty();
  }

  @Test
  void stub_mediumRRsetWithoutEdns_truncatedAt512Bytes() throws Exception {
    SimpleResolver resolver = stub(server);
    resolver.setIgnoreTruncation(true);
    resolver.setEDNS(-1);

    Message response = resolve(resolver, MEDIUM_TLSA, Type.TLSA);

    assertThat(response.getHeader().getFlag(Flags.TC)).as("TC flag").isTrue();
  }

  @Test
  void stub_mediumRRsetWithEdns_fitsUdpPayload() throws Exception {
    SimpleResolver resolver = stub(server);
    resolver.setIgnoreTruncation(true);

    Message response = resolve(resolver, MEDIUM_TLSA, Type.TLSA);

    assertThat(response.getHeader().getFlag(Flags.TC)).as("TC flag").isFalse();
    assertThat(answers(response, Type.TLSA)).hasSize(12);
    assertThat(response.numBytes()).isGreaterThan(512);
  }

  @Test
  void stub_forcedTcp_answers() throws Exception {
    SimpleResolver resolver = stub(server);
    resolver.setTCP(true);

    Message response = resolve(resolver, LARGE_TLSA, Type.TLSA);

    assertThat(answers(response, Type.TLSA)).hasSize(40);
    assertThat(server.queryLog()).extracting(ObservedQuery::transport).containsOnly(Transport.TCP);
  }

  @Test
  void response_dnssecOkQuery_raWithoutAaOrAd() throws Exception {
    SimpleResolver resolver = stub(server);
    resolver.setEDNS(0, 0, ExtendedFlags.DO);
    Message query = query("mx.example.test.", Type.A);
    query.getHeader().setFlag(Flags.AD);

    Message response = send(resolver, query);

    assertThat(response.getHeader().getFlag(Flags.RA)).as("RA flag").isTrue();
    assertThat(response.getHeader().getFlag(Flags.AA)).as("AA flag").isFalse();
    assertThat(response.getHeader().getFlag(Flags.AD)).as("AD flag").isFalse();
    assertThat(answers(response, Type.RRSIG)).hasSize(1);
  }

  @Test
  void response_checkingDisabledQuery_copiesCdFlag() throws Exception {
    Message query = query("mx.example.test.", Type.A);
    query.getHeader().setFlag(Flags.CD);

    Message response = send(stub(server), query);

    assertThat(response.getHeader().getFlag(Flags.CD)).as("CD flag").isTrue();
  }

  @Test
  void response_queryWithoutDnssecOk_hasNoSignatures() throws Exception {
    Message response = resolve(stub(server), "mx.example.test.", Type.A);

    assertThat(answers(response, Type.A)).hasSize(1);
    assertThat(answers(response, Type.RRSIG)).isEmpty();
  }

  @Test
  void queryLog_dnssecOkAndCheckingDisabled_recorded() throws Exception {
    SimpleResolver resolver = stub(server);
    resolver.setEDNS(0, 0, ExtendedFlags.DO);
    Message query = query("mx.example.test.", Type.A);
    query.getHeader().setFlag(Flags.CD);

    send(resolver, query);

    assertThat(server.queryLog())
        .containsExactly(
            new ObservedQuery(
                DnsTestSupport.name("mx.example.test."), Type.A, true, true, Transport.UDP));
  }

  @Test
  void queryLog_overCapacity_keepsNewest() throws Exception {
    TestZone zone = TestZone.builder("small.test.").a("a", "192.0.2.1").build();
    try (TestDnsServer small =
        TestDnsServer.builder().zone(zone).queryLogCapacity(2).build().start()) {
      for (String name : new String[] {"a.small.test.", "b.small.test.", "c.small.test."}) {
        resolve(stub(small), name, Type.A);
      }

      assertThat(small.queryLog())
          .extracting(query -> query.name().toString())
          .containsExactly("b.small.test.", "c.small.test.");
    }
  }

  @Test
  void udp_malformedQuery_formerr() throws Exception {
    byte[] junk = new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'b', 'r'};
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5000);
      socket.send(new DatagramPacket(junk, junk.length, server.address()));
      DatagramPacket packet = new DatagramPacket(new byte[512], 512);
      socket.receive(packet);

      Message response = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
      assertThat(response.getHeader().getID()).isEqualTo(0x1234);
      assertThat(response.getRcode()).isEqualTo(Rcode.FORMERR);
    }
  }

  @Test
  void tcp_lengthShorterThanHeader_closesConnection() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(server.address(), 5000);
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(3);
      out.write(new byte[] {1, 2, 3});
      out.flush();

      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThatThrownBy(in::readUnsignedShort).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void tcp_pipelinedQueries_answeredInOrder() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(server.address(), 5000);
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      Message first = query("mx.example.test.", Type.A);
      Message second = query("missing.example.test.", Type.A);
      for (Message message : new Message[] {first, second}) {
        byte[] wire = message.toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();

      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] firstWire = new byte[in.readUnsignedShort()];
      in.readFully(firstWire);
      byte[] secondWire = new byte[in.readUnsignedShort()];
      in.readFully(secondWire);
      assertThat(new Message(firstWire).getHeader().getID()).isEqualTo(first.getHeader().getID());
      assertThat(new Message(secondWire).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }
  }

  @Test
  void close_freesUdpAndTcpPort() throws Exception {
    TestZone zone = TestZone.builder("short.test.").build();
    TestDnsServer shortLived = TestDnsServer.builder().zone(zone).build().start();
    InetSocketAddress address = shortLived.address();

    shortLived.close();

    try (DatagramChannel udp = DatagramChannel.open();
        ServerSocket tcp = new ServerSocket()) {
      udp.bind(address);
      tcp.bind(address);
      assertThat(tcp.getLocalPort()).isEqualTo(address.getPort());
    }
  }

  @Test
  void close_stopsServerThreads() {
    TestZone zone = TestZone.builder("short.test.").build();
    TestDnsServer shortLived = TestDnsServer.builder().zone(zone).build().start();
    String prefix = "dane4j-test-dns-" + shortLived.address().getPort() + "-";

    shortLived.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
        .isEmpty();
  }

  @Test
  void address_ephemeralLoopbackPort() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getPort()).isPositive();
  }

  @Test
  void start_twice_rejected() {
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void address_beforeStart_rejected() {
    TestDnsServer notStarted =
        TestDnsServer.builder().zone(TestZone.builder("idle.test.").build()).build();

    assertThatThrownBy(notStarted::address)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
  }

  @Test
  void bindAddress_nonLoopback_rejected() throws Exception {
    InetAddress documentation = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});

    assertThatThrownBy(() -> TestDnsServer.builder().bindAddress(documentation))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("192.0.2.1")
        .hasMessageContaining("loopback");
  }

  @Test
  void bindAddress_ipv6Loopback_answers() throws Exception {
    byte[] loopbackBytes = new byte[16];
    loopbackBytes[15] = 1;
    InetAddress ipv6Loopback = InetAddress.getByAddress(loopbackBytes);
    TestZone zone = TestZone.builder("six.test.").a("host", "192.0.2.6").build();
    try (TestDnsServer six =
        TestDnsServer.builder().zone(zone).bindAddress(ipv6Loopback).build().start()) {
      Message response = resolve(stub(six), "host.six.test.", Type.A);

      assertThat(six.address().getAddress()).isEqualTo(ipv6Loopback);
      assertThat(answers(response, Type.A)).hasSize(1);
    }
  }
}
