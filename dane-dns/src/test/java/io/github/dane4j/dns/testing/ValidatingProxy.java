package io.github.dane4j.dns.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * A validating resolver on a loopback UDP port for the trusted-resolver tests: it answers each
 * query through dnsjava's validator over the testkit server, so its answers carry the AD bit for
 * secure data and SERVFAIL with an extended DNS error for bogus data, as a local Unbound would.
 *
 * <p>The testkit server itself never sets AD, because it does not validate; this proxy fills that
 * gap inside the tests. It serves UDP only, one datagram per response.
 */
public final class ValidatingProxy implements AutoCloseable {
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramSocket socket;
  private final ValidatingResolver validator;
  private final Thread thread;

  private ValidatingProxy(DatagramSocket socket, ValidatingResolver validator) {
    this.socket = socket;
    this.validator = validator;
    this.thread = new Thread(this::serve, "validating-proxy");
    this.thread.setDaemon(true);
  }

  /** Starts a proxy in front of {@code upstream}, trusting the given DS records. */
  public static ValidatingProxy start(InetSocketAddress upstream, String trustAnchors) {
    SimpleResolver head = new SimpleResolver(upstream);
    head.setTimeout(Duration.ofMillis(400));
    ValidatingResolver validator = new ValidatingResolver(head);
    try {
      validator.loadTrustAnchors(
          new ByteArrayInputStream(trustAnchors.getBytes(StandardCharsets.US_ASCII)));
      DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      ValidatingProxy proxy = new ValidatingProxy(socket, validator);
      proxy.thread.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the loopback address and port the proxy listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void serve() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return; // closed
      }
      byte[] wire = Arrays.copyOf(packet.getData(), packet.getLength());
      SocketAddress client = packet.getSocketAddress();
      Message query;
      try {
        query = new Message(wire);
      } catch (IOException e) {
        continue;
      }
      Message forwarded = Message.newQuery(query.getQuestion());
      if (query.getHeader().getFlag(Flags.CD)) {
        forwarded.getHeader().setFlag(Flags.CD);
      }
      validator
          .sendAsync(forwarded)
          .whenComplete((response, error) -> reply(query, response, client));
    }
  }

  /** Sends the validator's response, or SERVFAIL when validation ended in an exception. */
  private void reply(Message query, @Nullable Message response, SocketAddress client) {
    Message answer;
    if (response == null) {
      answer = new Message(query.getHeader().getID());
      answer.getHeader().setRcode(Rcode.SERVFAIL);
      Record question = query.getQuestion();
      if (question != null) {
        answer.addRecord(question, org.xbill.DNS.Section.QUESTION);
      }
    } else {
      answer = response.clone();
      answer.getHeader().setID(query.getHeader().getID());
    }
    answer.getHeader().setFlag(Flags.QR);
    answer.getHeader().setFlag(Flags.RA);
    byte[] out = answer.toWire(MAX_DATAGRAM);
    try {
      socket.send(new DatagramPacket(out, out.length, client));
    } catch (IOException e) {
      // the test that sent the query will time out and report it
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
