package io.github.dane4j.testkit.dns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The UDP side of the server: one thread receives datagrams, answers each in turn and sends delayed
 * replies through the shared scheduler.
 */
final class UdpTransport implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(UdpTransport.class.getName());

  /** Largest datagram read; longer ones are cut by the receive and then fail to parse. */
  private static final int MAX_DATAGRAM = 0xFFFF;

  private final DatagramChannel channel;
  private final QueryProcessor processor;
  private final ScheduledExecutorService scheduler;
  private final Thread thread;

  UdpTransport(
      DatagramChannel channel,
      QueryProcessor processor,
      ScheduledExecutorService scheduler,
      DaemonThreads threads) {
    this.channel = channel;
    this.processor = processor;
    this.scheduler = scheduler;
    this.thread = threads.newThread(this::receiveLoop);
  }

  void start() {
    thread.start();
  }

  private void receiveLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    while (channel.isOpen()) {
      SocketAddress client;
      try {
        buffer.clear();
        client = channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "UDP receive failed; continuing", e);
        continue;
      }
      if (client == null) {
        continue;
      }
      buffer.flip();
      byte[] request = Arrays.copyOf(buffer.array(), buffer.limit());
      QueryProcessor.Outcome outcome;
      try {
        outcome = processor.process(request, Transport.UDP);
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "Failed to answer a UDP query from " + client, e);
        continue;
      }
      byte[] payload = outcome.payload();
      if (payload == null) {
        continue;
      }
      if (outcome.delay().isZero()) {
        send(payload, client);
      } else {
        try {
          // The task handles its own errors, so its future has no result to check.
          ScheduledFuture<?> unused =
              scheduler.schedule(
                  () -> send(payload, client), outcome.delay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          return; // the server is closing
        }
      }
    }
  }

  private void send(byte[] payload, SocketAddress client) {
    try {
      channel.send(ByteBuffer.wrap(payload), client);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "UDP send to " + client + " failed", e);
    }
  }

  InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  @Override
  public void close() throws IOException {
    channel.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
