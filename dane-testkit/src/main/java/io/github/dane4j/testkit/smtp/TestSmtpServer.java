package io.github.dane4j.testkit.smtp;

import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.TestKeyManagers;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * An SMTP server (RFC 5321) with STARTTLS (RFC 3207) or implicit TLS (RFC 8314) that a test starts
 * in its own JVM, on an ephemeral loopback port, to exercise an SMTP client. It can behave
 * correctly or follow a script of {@link Misbehaviour}s, and it records what it saw on each
 * connection as an {@link SmtpSession}.
 *
 * <pre>{@code
 * TestChain chain = TestChain.create(KeyType.EC_P256, "mx.example.com");
 * try (TestSmtpServer server =
 *     TestSmtpServer.builder()
 *         .certificate(new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chainWithoutRoot()))
 *         .build()
 *         .start()) {
 *   // connect a client to server.address()
 *   SmtpSession session = server.awaitSession(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Normal behaviour:
 *
 * <ul>
 *   <li>the greeting {@code 220 name ESMTP};
 *   <li>EHLO gets {@code PIPELINING}, {@code SIZE}, {@code STARTTLS} (only before TLS) and {@code
 *       8BITMIME}; HELO gets a single {@code 250} line;
 *   <li>STARTTLS gets {@code 220}, then the TLS handshake runs (SunJSSE, TLS 1.3 and 1.2 by
 *       default) and the client must send EHLO again;
 *   <li>MAIL, RCPT and DATA are accepted and the message is discarded; RSET and NOOP get {@code
 *       250}; QUIT gets {@code 221} and the server closes; other commands get {@code 502};
 *   <li>a line longer than {@value #MAX_LINE_BYTES} bytes gets {@code 500}, and the read timeout
 *       gets {@code 421}; both close the connection;
 *   <li>when {@link Builder#maxConnections(int)} connections are open, a new one is closed at once,
 *       after a {@code 421} in STARTTLS mode, and is not recorded as a session.
 * </ul>
 *
 * <p>Instances are thread-safe. The server's threads are daemon threads named {@code
 * dane4j-smtp-PORT-...}.
 */
public final class TestSmtpServer implements AutoCloseable {
  /** Maximum length of a command or message line, counting CRLF (RFC 5321 section 4.5.3.1.6). */
  public static final int MAX_LINE_BYTES = 1000;

  /** Length of the line that {@link Misbehaviour#GREETING_OVERLONG_LINE} sends. */
  public static final int OVERLONG_LINE_BYTES = 100 * 1024;

  /**
   * Number of {@code 250-x} lines after which {@link Misbehaviour#EHLO_ENDLESS_CONTINUATION} ends.
   */
  public static final int ENDLESS_REPLY_MAX_LINES = 100_000;

  /** Number of commands, and of EHLO names, that a session keeps; later ones are dropped. */
  public static final int MAX_RECORDED_COMMANDS = 1000;

  private static final System.Logger LOG = System.getLogger(TestSmtpServer.class.getName());
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final ServerSettings settings;
  private final InetAddress bindAddress;
  private final int port;
  private final int maxConnections;
  private final Semaphore connectionPermits;

  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled when a connection is accepted or ends, and when the server closes. */
  private final Condition sessionsChanged = lock.newCondition();

  // Guarded by lock.
  private State state = State.NEW;
  private final List<SessionRecorder> recorders = new ArrayList<>();
  private final Set<Socket> openSockets = new HashSet<>();
  private final List<Thread> threads = new ArrayList<>();
  private @Nullable ServerSocket listener;
  private @Nullable ExecutorService executor;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private TestSmtpServer(
      ServerSettings settings, InetAddress bindAddress, int port, int maxConnections) {
    this.settings = settings;
    this.bindAddress = bindAddress;
    this.port = port;
    this.maxConnections = maxConnections;
    this.connectionPermits = new Semaphore(maxConnections);
  }

  /** Returns a builder with the defaults: STARTTLS mode, no misbehaviour, 127.0.0.1 or ::1. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the listener to the loopback address, on an ephemeral port unless {@link
   * Builder#port(int)} chose one, and starts accepting connections.
   *
   * @return this server
   * @throws IllegalStateException if the server was already started or closed
   * @throws UncheckedIOException if binding the port fails, for example because another socket
   *     listens on the chosen port of that address
   */
  public TestSmtpServer start() {
    lock.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException(
            "SMTP server is " + state + "; a server starts only once, so build a new one");
      }
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress(bindAddress, port));
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      String prefix = "dane4j-smtp-" + socket.getLocalPort();
      listener = socket;
      executor = Executors.newFixedThreadPool(maxConnections, newThreadFactory(prefix));
      Thread acceptor = new Thread(() -> acceptConnections(socket), prefix + "-accept");
      acceptor.setDaemon(true);
      threads.add(acceptor);
      acceptor.start();
      state = State.RUNNING;
      LOG.log(Level.DEBUG, "SMTP server listening on {0}", socket.getLocalSocketAddress());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Binding the SMTP server to " + bindAddress + " failed", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the address the server listens on, a loopback address with an ephemeral port.
   *
   * @throws IllegalStateException if the server has not been started
   */
  public InetSocketAddress address() {
    lock.lock();
    try {
      ServerSocket socket = listener;
      if (socket == null) {
        throw new IllegalStateException("SMTP server is not started; call start() first");
      }
      return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    } finally {
      lock.unlock();
    }
  }

  /** Returns a snapshot of every connection accepted so far, open or ended, in accept order. */
  public List<SmtpSession> sessions() {
    lock.lock();
    try {
      return recorders.stream().map(SessionRecorder::snapshot).toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the first accepted connection has ended and returns what the server saw on it.
   *
   * @throws TimeoutException if that connection has not ended within {@code timeout}
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws IllegalStateException if the server closed before accepting a connection
   * @see #awaitSessions(int, Duration)
   */
  public SmtpSession awaitSession(Duration timeout) throws TimeoutException, InterruptedException {
    return awaitSessions(1, timeout).get(0);
  }

  /**
   * Waits until the first {@code count} accepted connections have all ended, and returns what the
   * server saw on them, in accept order.
   *
   * @throws IllegalArgumentException if {@code count} is less than 1
   * @throws TimeoutException if those connections have not been accepted and ended within {@code
   *     timeout}
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws IllegalStateException if the server closed before accepting {@code count} connections
   */
  public List<SmtpSession> awaitSessions(int count, Duration timeout)
      throws TimeoutException, InterruptedException {
    if (count < 1) {
      throw new IllegalArgumentException("Session count " + count + " is less than 1");
    }
    long remainingNanos = timeout.toNanos();

    lock.lock();
    try {
      while (!firstSessionsEnded(count)) {
        if (state == State.CLOSED && recorders.size() < count) {
          throw new IllegalStateException(
              "SMTP server closed after accepting "
                  + recorders.size()
                  + " connections, fewer than the "
                  + count
                  + " awaited");
        }
        if (remainingNanos <= 0) {
          throw new TimeoutException(
              "Timed out after "
                  + timeout
                  + " waiting for "
                  + count
                  + " SMTP sessions to end; accepted "
                  + recorders.size()
                  + ", ended "
                  + recorders.stream().filter(SessionRecorder::isEnded).count());
        }
        remainingNanos = sessionsChanged.awaitNanos(remainingNanos);
      }
      return recorders.subList(0, count).stream().map(SessionRecorder::snapshot).toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the listener and every open connection, then waits up to 10 seconds for the server's
   * threads to end. Calling it again has no effect.
   *
   * @throws IllegalStateException if a server thread is still running after 10 seconds
   */
  @Override
  public void close() {
    ServerSocket socket;
    ExecutorService connections;
    List<Socket> sockets;
    lock.lock();
    try {
      State previous = state;
      state = State.CLOSED;
      sessionsChanged.signalAll();
      if (previous != State.RUNNING) {
        return;
      }
      socket = Objects.requireNonNull(listener);
      connections = Objects.requireNonNull(executor);
      sockets = List.copyOf(openSockets);
    } finally {
      lock.unlock();
    }

    closeQuietly(socket);
    sockets.forEach(TestSmtpServer::closeQuietly);
    connections.shutdownNow();
    // The executor starts no thread after shutdownNow(), so this list is complete: a thread that
    // its factory creates later is never started.
    List<Thread> started;
    lock.lock();
    try {
      started = List.copyOf(threads);
    } finally {
      lock.unlock();
    }
    joinThreads(started);
    LOG.log(Level.DEBUG, "SMTP server on {0} closed", socket.getLocalSocketAddress());
  }

  private void joinThreads(List<Thread> started) {
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    try {
      for (Thread thread : started) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        thread.join(Math.max(1, remainingMillis));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    List<String> running = started.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    if (!running.isEmpty()) {
      throw new IllegalStateException(
          "SMTP server threads still running " + CLOSE_TIMEOUT + " after close: " + running);
    }
  }

  private ThreadFactory newThreadFactory(String prefix) {
    return new ThreadFactory() {
      private int created;

      @Override
      public Thread newThread(Runnable task) {
        lock.lock();
        try {
          created++;
          Thread thread = new Thread(task, prefix + "-connection-" + created);
          thread.setDaemon(true);
          threads.add(thread);
          return thread;
        } finally {
          lock.unlock();
        }
      }
    };
  }

  private void acceptConnections(ServerSocket socket) {
    while (true) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "SMTP server on {0} stops accepting: {1}", socket, e.toString());
        return;
      }
      admit(connection);
    }
  }

  private void admit(Socket connection) {
    if (!connectionPermits.tryAcquire()) {
      rejectBusy(connection);
      return;
    }

    SessionRecorder recorder;
    ExecutorService connections;
    lock.lock();
    try {
      if (state != State.RUNNING) {
        closeQuietly(connection);
        connectionPermits.release();
        return;
      }
      openSockets.add(connection);
      recorder = new SessionRecorder((InetSocketAddress) connection.getRemoteSocketAddress());
      recorders.add(recorder);
      sessionsChanged.signalAll();
      connections = Objects.requireNonNull(executor);
    } finally {
      lock.unlock();
    }
    LOG.log(Level.DEBUG, "SMTP connection from {0}", connection.getRemoteSocketAddress());

    try {
      connections.execute(() -> serve(connection, recorder));
    } catch (RejectedExecutionException e) {
      // The server closed between the check above and now.
      finish(connection, recorder);
    }
  }

  private void serve(Socket connection, SessionRecorder recorder) {
    try {
      new SmtpConnection(settings, connection, recorder).run();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "SMTP connection setup failed: {0}", e.toString());
    } finally {
      finish(connection, recorder);
    }
  }

  private void finish(Socket connection, SessionRecorder recorder) {
    closeQuietly(connection);
    connectionPermits.release();
    lock.lock();
    try {
      openSockets.remove(connection);
      recorder.ended();
      sessionsChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Turns away a connection beyond the limit, with 421 if the protocol starts in plaintext. */
  private void rejectBusy(Socket connection) {
    LOG.log(
        Level.DEBUG,
        "Rejecting SMTP connection from {0}: {1} connections open",
        connection.getRemoteSocketAddress(),
        maxConnections);
    if (!settings.implicitTls()) {
      try {
        OutputStream out = connection.getOutputStream();
        String reply = "421 4.3.2 " + settings.serverName() + " Too many connections, try later";
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "Sending 421 failed: {0}", e.toString());
      }
    }
    closeQuietly(connection);
  }

  private boolean firstSessionsEnded(int count) {
    if (recorders.size() < count) {
      return false;
    }
    return recorders.subList(0, count).stream().allMatch(SessionRecorder::isEnded);
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Closing {0} failed: {1}", closeable, e.toString());
    }
  }

  /**
   * Configures a {@link TestSmtpServer}. A certificate or key manager is required; everything else
   * has a default. Each setter replaces the earlier value.
   */
  public static final class Builder {
    private String serverName = "localhost";
    private @Nullable X509ExtendedKeyManager keyManager;
    private boolean implicitTls;
    private Set<Misbehaviour> misbehaviours = EnumSet.noneOf(Misbehaviour.class);
    private List<String> tlsProtocols = List.of("TLSv1.3", "TLSv1.2");
    private List<String> tlsCipherSuites = List.of();
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private Duration readTimeout = Duration.ofSeconds(30);
    private int maxConnections = 16;
    private long maxMessageSize = 10L * 1024 * 1024;

    private Builder() {}

    /**
     * Sets the host name that the greeting and the EHLO reply carry; the default is {@code
     * localhost}.
     *
     * @throws IllegalArgumentException if the name is empty or has characters other than printable
     *     ASCII without space
     */
    public Builder serverName(String name) {
      if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(
            "Server name '"
                + name
                + "' is empty or contains spaces, control or non-ASCII characters; use a host"
                + " name such as mx.example.com");
      }
      this.serverName = name;
      return this;
    }

    /** Presents this chain on every TLS connection. */
    public Builder certificate(IssuedChain chain) {
      this.keyManager = TestKeyManagers.fixed(chain.key(), chain.chain());
      return this;
    }

    /**
     * Presents the chain whose name matches the client's SNI host name, without regard to ASCII
     * case, and {@code fallback} to clients without SNI or with another name.
     *
     * @param bySniName chains by host name, without a trailing dot
     * @throws IllegalArgumentException if two names differ only in case
     */
    public Builder certificatesBySni(Map<String, IssuedChain> bySniName, IssuedChain fallback) {
      this.keyManager = TestKeyManagers.bySni(bySniName, fallback);
      return this;
    }

    /** Uses this key manager for the server side of every TLS handshake. */
    public Builder keyManager(X509ExtendedKeyManager keyManager) {
      this.keyManager = Objects.requireNonNull(keyManager, "keyManager");
      return this;
    }

    /**
     * Chooses implicit TLS (RFC 8314 section 3): the TLS handshake starts right after the TCP
     * connection, before the greeting, and STARTTLS is not offered. The default is STARTTLS mode.
     */
    public Builder implicitTls(boolean implicitTls) {
      this.implicitTls = implicitTls;
      return this;
    }

    /** Sets the scripted deviations; none by default. {@link #build()} checks the combination. */
    public Builder misbehaviours(Misbehaviour... misbehaviours) {
      Set<Misbehaviour> chosen = EnumSet.noneOf(Misbehaviour.class);
      for (Misbehaviour misbehaviour : misbehaviours) {
        chosen.add(Objects.requireNonNull(misbehaviour, "misbehaviour"));
      }
      this.misbehaviours = chosen;
      return this;
    }

    /**
     * Sets the TLS protocols the server enables; the default is {@code TLSv1.3} and {@code
     * TLSv1.2}. A server limited to a protocol that the client does not offer rejects its
     * ClientHello with a {@code protocol_version} alert.
     *
     * @throws IllegalArgumentException if no protocol is given
     */
    public Builder tlsProtocols(String... protocols) {
      if (protocols.length == 0) {
        throw new IllegalArgumentException("No TLS protocol given; pass one such as \"TLSv1.3\"");
      }
      this.tlsProtocols = List.of(protocols);
      return this;
    }

    /**
     * Sets the cipher suites the server enables; the default is SunJSSE's list. A TLS 1.2 server
     * limited to {@code TLS_DHE_RSA_WITH_AES_128_GCM_SHA256}, for example, refuses a client without
     * finite-field Diffie-Hellman (such as BoringSSL) with a {@code handshake_failure} alert; it
     * needs an RSA certificate.
     *
     * @throws IllegalArgumentException if no suite is given
     */
    public Builder tlsCipherSuites(String... suites) {
      if (suites.length == 0) {
        throw new IllegalArgumentException(
            "No cipher suite given; pass one such as \"TLS_AES_128_GCM_SHA256\"");
      }
      this.tlsCipherSuites = List.of(suites);
      return this;
    }

    /**
     * Sets the address to listen on; the default is {@link InetAddress#getLoopbackAddress()}.
     *
     * @throws IllegalArgumentException if the address is not a loopback address
     */
    public Builder bindAddress(InetAddress address) {
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "Bind address "
                + address.getHostAddress()
                + " is not a loopback address; use 127.0.0.1 or ::1");
      }
      this.bindAddress = address;
      return this;
    }

    /**
     * Sets the port to listen on; the default, 0, picks an ephemeral port. A test that runs several
     * servers on different loopback addresses, such as 127.0.0.2 and 127.0.0.3, can start the first
     * on an ephemeral port and the others on the same port, so that one SMTP port serves every host
     * of a simulated domain (the TLSA owner name contains the port, RFC 7672 section 2.2.3).
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "Invalid port " + port + ": use 1 to 65535, or 0 for an ephemeral port");
      }
      this.port = port;
      return this;
    }

    /**
     * Sets how long a connection waits for the client's next bytes before the server replies {@code
     * 421} and closes it; the default is 30 seconds.
     *
     * @throws IllegalArgumentException if the timeout is not positive or longer than {@code
     *     Integer.MAX_VALUE} milliseconds
     */
    public Builder readTimeout(Duration timeout) {
      if (timeout.isNegative()
          || timeout.toMillis() < 1
          || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Read timeout "
                + timeout
                + " is out of range; use at least 1 ms and at most Integer.MAX_VALUE ms");
      }
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Sets how many connections may be open at once, which is also the number of connection
     * threads; the default is 16.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections " + max + " is less than 1");
      }
      this.maxConnections = max;
      return this;
    }

    /**
     * Sets the message size limit in bytes that EHLO advertises with {@code SIZE} (RFC 1870) and
     * that DATA enforces with {@code 552}; the default is 10 MiB.
     *
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public Builder maxMessageSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxMessageSize " + bytes + " is less than 1");
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * Checks the configuration and creates the server, not yet started.
     *
     * @throws IllegalStateException if no certificate or key manager was set, or SunJSSE is missing
     * @throws IllegalArgumentException if two chosen misbehaviours conflict, a STARTTLS
     *     misbehaviour is combined with implicit TLS, or a TLS protocol is not supported
     */
    public TestSmtpServer build() {
      X509ExtendedKeyManager configured = keyManager;
      if (configured == null) {
        throw new IllegalStateException(
            "No server certificate set; call certificate(...), certificatesBySni(...) or"
                + " keyManager(...)");
      }
      checkMisbehaviours();

      X509ExtendedKeyManager effective = configured;
      if (misbehaviours.contains(Misbehaviour.HANDSHAKE_FAILURE_ALERT)) {
        effective = ServerKeyManagers.withoutCertificates();
      } else if (misbehaviours.contains(Misbehaviour.HANDSHAKE_WRONG_PRIVATE_KEY)) {
        effective = ServerKeyManagers.withWrongPrivateKey(configured);
      }
      SSLContext context = serverContext(effective);
      checkProtocols(context);

      ServerSettings settings =
          new ServerSettings(
              serverName,
              context,
              tlsProtocols,
              tlsCipherSuites,
              implicitTls,
              misbehaviours,
              readTimeout,
              maxMessageSize);
      return new TestSmtpServer(settings, bindAddress, port, maxConnections);
    }

    private void checkMisbehaviours() {
      if (misbehaviours.contains(Misbehaviour.SILENT) && misbehaviours.size() > 1) {
        throw new IllegalArgumentException(
            "SILENT combines with no other misbehaviour, but " + misbehaviours + " were chosen");
      }
      Map<Misbehaviour.Group, Misbehaviour> byGroup = new EnumMap<>(Misbehaviour.Group.class);
      for (Misbehaviour misbehaviour : misbehaviours) {
        Misbehaviour other = byGroup.put(misbehaviour.group(), misbehaviour);
        if (other != null) {
          throw new IllegalArgumentException(
              "Misbehaviours "
                  + other
                  + " and "
                  + misbehaviour
                  + " change the same reply; choose one of them");
        }
        if (implicitTls && misbehaviour.needsStarttls()) {
          throw new IllegalArgumentException(
              "Misbehaviour "
                  + misbehaviour
                  + " needs STARTTLS, but implicitTls(true) is set; remove one of them");
        }
      }
    }

    private void checkProtocols(SSLContext context) {
      List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
      for (String protocol : tlsProtocols) {
        if (!supported.contains(protocol)) {
          throw new IllegalArgumentException(
              "TLS protocol '"
                  + protocol
                  + "' is not supported by SunJSSE; use one of "
                  + supported);
        }
      }
    }

    private static SSLContext serverContext(X509ExtendedKeyManager keyManager) {
      try {
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(new KeyManager[] {keyManager}, new TrustManager[0], null);
        return context;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Creating the SunJSSE server context failed", e);
      }
    }
  }
}
