package io.github.dane4j.testkit.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DSRecord;

/**
 * An in-process DNS server for tests that behaves like a recursive resolver knowing every hosted
 * {@link TestZone}. It listens on one ephemeral port of a loopback address for both UDP and TCP.
 *
 * <pre>{@code
 * try (TestDnsServer server = TestDnsServer.builder().zone(parent).build().start()) {
 *   SimpleResolver upstream = new SimpleResolver(server.address());
 *   ValidatingResolver validator = new ValidatingResolver(upstream);
 *   validator.loadTrustAnchors(new ByteArrayInputStream(
 *       server.trustAnchors().getBytes(StandardCharsets.US_ASCII)));
 *   ...
 * }
 * }</pre>
 *
 * <p>What it sends: answers with RA set, never AA or AD; RRSIG, NSEC and NSEC3 records when the
 * query has the DO bit; CNAME and DNAME chains followed across hosted zones; DS answers from the
 * parent side of a delegation; REFUSED for names outside every hosted zone; SERVFAIL when a chain
 * leaves the hosted zones. UDP answers that exceed the client's EDNS0 payload size (512 bytes
 * without EDNS0) are replaced by an empty answer with TC set.
 *
 * <p>Threads: one UDP thread, one TCP acceptor, {@value TcpTransport#WORKERS} TCP workers and one
 * timer thread for delayed replies, all daemon threads, all stopped by {@link #close()}.
 *
 * <p>Limitations: it serves class IN only, answers ANY with the RRsets at the name without
 * following aliases, and does not answer queries for NSEC3 hashed owner names. A DS query for the
 * apex of a zone whose parent is not hosted gets REFUSED, because the parent side of that cut is
 * outside every hosted zone.
 */
public final class TestDnsServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TestDnsServer.class.getName());

  /** Default capacity of the query log. */
  public static final int DEFAULT_QUERY_LOG_CAPACITY = 10_000;

  private static final int BIND_ATTEMPTS = 20;

  private final ZoneTree zones;
  private final List<TestZone> anchors;
  private final InetAddress bindAddress;
  private final QueryLog queryLog;
  private final QueryProcessor processor;

  private final Object lock = new Object();
  private @Nullable InetSocketAddress address;
  private @Nullable UdpTransport udp;
  private @Nullable TcpTransport tcp;
  private @Nullable ScheduledThreadPoolExecutor scheduler;
  private boolean started;
  private boolean closed;

  private TestDnsServer(Builder builder) {
    this.zones = new ZoneTree(builder.zones);
    this.anchors = chooseAnchors(zones, builder.anchors);
    this.bindAddress = builder.bindAddress;
    this.queryLog = new QueryLog(builder.queryLogCapacity);
    this.processor = new QueryProcessor(new Responder(zones), builder.behaviours, queryLog);
  }

  /** Starts building a server. */
  public static Builder builder() {
    return new Builder();
  }

  private static List<TestZone> chooseAnchors(ZoneTree zones, Set<TestZone> designated) {
    if (!designated.isEmpty()) {
      return List.copyOf(designated);
    }
    List<TestZone> anchors = new ArrayList<>();
    for (TestZone zone : zones.zones()) {
      if (zone.isSigned() && !hasSignedAncestor(zones, zone)) {
        anchors.add(zone);
      }
    }
    return List.copyOf(anchors);
  }

  private static boolean hasSignedAncestor(ZoneTree zones, TestZone zone) {
    for (TestZone parent = zones.parentOf(zone.origin());
        parent != null;
        parent = zones.parentOf(parent.origin())) {
      if (parent.isSigned()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Binds the UDP and TCP sockets to one ephemeral port and starts the threads.
   *
   * @return this server
   * @throws IllegalStateException if the server was started or closed before
   * @throws UncheckedIOException if no port could be bound for both UDP and TCP
   */
  public TestDnsServer start() {
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException("Server already started or closed; build a new one");
      }
      started = true;
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
      timer.setRemoveOnCancelPolicy(true);
      scheduler = timer;
      try {
        bind(timer);
      } catch (IOException e) {
        timer.shutdownNow();
        throw new UncheckedIOException("Failed to bind the test DNS server on " + bindAddress, e);
      }
      LOG.log(Level.DEBUG, "Test DNS server listening on {0} for {1}", address, zones.zones());
      return this;
    }
  }

  private void bind(ScheduledThreadPoolExecutor timer) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      DatagramChannel channel =
          DatagramChannel.open(
              bindAddress instanceof Inet6Address
                  ? StandardProtocolFamily.INET6
                  : StandardProtocolFamily.INET);
      ServerSocket serverSocket = new ServerSocket();
      try {
        channel.bind(new InetSocketAddress(bindAddress, 0));
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        serverSocket.bind(new InetSocketAddress(bindAddress, port));
        String name = "dane4j-test-dns-" + port;
        timer.setThreadFactory(new DaemonThreads(name + "-timer"));
        UdpTransport udpTransport =
            new UdpTransport(channel, processor, timer, new DaemonThreads(name + "-udp"));
        TcpTransport tcpTransport =
            new TcpTransport(
                serverSocket,
                processor,
                timer,
                new DaemonThreads(name + "-tcp-accept"),
                new DaemonThreads(name + "-tcp"));
        udp = udpTransport;
        tcp = tcpTransport;
        address = new InetSocketAddress(bindAddress, port);
        udpTransport.start();
        tcpTransport.start();
        return;
      } catch (BindException e) {
        // Another process uses the TCP port that matches our UDP port; try another port.
        last = e;
        channel.close();
        serverSocket.close();
      } catch (IOException | RuntimeException e) {
        channel.close();
        serverSocket.close();
        throw e;
      }
    }
    throw Objects.requireNonNull(last);
  }

  /**
   * Returns the address that both the UDP and the TCP sockets listen on.
   *
   * @throws IllegalStateException if the server has not been started
   */
  public InetSocketAddress address() {
    synchronized (lock) {
      InetSocketAddress bound = address;
      if (bound == null) {
        throw new IllegalStateException("Server not started; call start() first");
      }
      return bound;
    }
  }

  /**
   * Returns the DS records of the trust-anchor zones as zone-file text, one record per line, in the
   * format of Unbound's {@code trust-anchor-file} and of dnsjava's {@code
   * ValidatingResolver.loadTrustAnchors}. The anchors are the zones given to {@link
   * Builder#trustAnchor(TestZone)} or, when none were, every signed zone without a signed hosted
   * ancestor.
   */
  public String trustAnchors() {
    StringBuilder text = new StringBuilder();
    for (DSRecord ds : trustAnchorRecords()) {
      text.append(ds).append('\n');
    }
    return text.toString();
  }

  /** Returns the DS records behind {@link #trustAnchors()}. */
  public List<DSRecord> trustAnchorRecords() {
    List<DSRecord> records = new ArrayList<>();
    for (TestZone anchor : anchors) {
      records.addAll(anchor.parentDsRecords());
    }
    return List.copyOf(records);
  }

  /** Returns the queries received so far, oldest first, up to the log's capacity. */
  public List<ObservedQuery> queryLog() {
    return queryLog.snapshot();
  }

  /** Empties the query log. */
  public void clearQueryLog() {
    queryLog.clear();
  }

  /**
   * Stops the threads and frees the port. Delayed replies not yet sent are dropped. Calling it
   * again has no effect.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(udp);
      closeQuietly(tcp);
      ScheduledThreadPoolExecutor timer = scheduler;
      if (timer != null) {
        timer.shutdownNow();
        try {
          if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.log(Level.DEBUG, "Timer thread did not stop within 5 seconds");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      LOG.log(Level.DEBUG, "Test DNS server on {0} closed", address);
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "Failed to close a transport", e);
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "TestDnsServer[" + (address == null ? "not started" : address) + "]";
    }
  }

  /** Builder of a {@link TestDnsServer}. Not thread-safe. */
  public static final class Builder {

    private final List<TestZone> zones = new ArrayList<>();
    private final Set<TestZone> anchors = new LinkedHashSet<>();
    private final List<Behaviour> behaviours = new ArrayList<>();
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int queryLogCapacity = DEFAULT_QUERY_LOG_CAPACITY;

    private Builder() {}

    /**
     * Hosts a zone and, through {@link TestZone#delegatedZones()}, every zone delegated from it.
     *
     * @throws NullPointerException if {@code zone} is null
     */
    public Builder zone(TestZone zone) {
      zones.add(Objects.requireNonNull(zone, "zone"));
      return this;
    }

    /**
     * Hosts a signed zone and makes it a trust anchor in {@link #trustAnchors()}. Once one anchor
     * is designated, only designated zones are anchors.
     *
     * @throws IllegalArgumentException if the zone is unsigned
     */
    public Builder trustAnchor(TestZone zone) {
      Objects.requireNonNull(zone, "zone");
      if (!zone.isSigned()) {
        throw new IllegalArgumentException(
            "Invalid trust anchor " + zone.origin() + ": the zone is unsigned");
      }
      anchors.add(zone);
      return zone(zone);
    }

    /**
     * Adds a behaviour that can replace the normal reply. Behaviours are asked in the order they
     * were added; the first reply that is not {@link Reply#normal()} is sent.
     */
    public Builder behaviour(Behaviour behaviour) {
      behaviours.add(Objects.requireNonNull(behaviour, "behaviour"));
      return this;
    }

    /**
     * Sets the address to listen on; the default is {@link InetAddress#getLoopbackAddress()}.
     *
     * @throws IllegalArgumentException if {@code address} is not a loopback address
     */
    public Builder bindAddress(InetAddress address) {
      Objects.requireNonNull(address, "address");
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "Invalid bind address "
                + address.getHostAddress()
                + ": the test DNS server listens on loopback addresses only (127.0.0.0/8, ::1)");
      }
      this.bindAddress = address;
      return this;
    }

    /**
     * Sets how many queries the log keeps; older ones are dropped.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public Builder queryLogCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException(
            "Invalid query log capacity " + capacity + ": use at least 1");
      }
      this.queryLogCapacity = capacity;
      return this;
    }

    /**
     * Builds a server that is not yet listening; call {@link TestDnsServer#start()}.
     *
     * @throws IllegalArgumentException if no zone was added, two zones share an origin, or a zone
     *     lies below a hosted zone that does not delegate it
     */
    public TestDnsServer build() {
      if (zones.isEmpty()) {
        throw new IllegalArgumentException("No zones: add at least one with zone(TestZone)");
      }
      return new TestDnsServer(this);
    }
  }
}
