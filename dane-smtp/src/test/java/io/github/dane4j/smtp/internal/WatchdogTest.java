package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The deadline watchdog on a real loopback connection whose server never writes. */
@Timeout(10)
final class WatchdogTest {
  private ServerSocket server;
  private Socket client;
  private Socket accepted;

  @BeforeEach
  void connect() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    client = new Socket(server.getInetAddress(), server.getLocalPort());
    accepted = server.accept();
  }

  @AfterEach
  void closeAll() throws IOException {
    client.close();
    accepted.close();
    server.close();
  }

  @Test
  void start_deadlinePassed_closesSocket() {
    long start = System.nanoTime();
    try (Watchdog watchdog = Watchdog.start(Duration.ofMillis(200), client)) {
      assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketException.class);
      assertThat(watchdog.expired()).isTrue();
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(client.isClosed()).isTrue();
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(200);
  }

  @Test
  void close_beforeDeadline_keepsSocketOpen() throws Exception {
    Watchdog watchdog = Watchdog.start(Duration.ofMillis(100), client);
    watchdog.close();
    Thread.sleep(400);

    assertThat(watchdog.expired()).isFalse();
    assertThat(client.isClosed()).isFalse();
    accepted.getOutputStream().write('x');
    assertThat(client.getInputStream().read()).isEqualTo('x');
  }

  @Test
  void start_twoDeadlines_onlyDueOneExpires() throws Exception {
    Watchdog late;
    Watchdog soon;
    try (Socket other = new Socket(server.getInetAddress(), server.getLocalPort());
        Socket otherAccepted = server.accept()) {
      late = Watchdog.start(Duration.ofSeconds(30), other);
      soon = Watchdog.start(Duration.ofMillis(100), client);
      Thread.sleep(500);

      assertThat(soon.expired()).isTrue();
      assertThat(client.isClosed()).isTrue();
      assertThat(late.expired()).isFalse();
      assertThat(other.isClosed()).isFalse();
      assertThat(otherAccepted.isClosed()).isFalse();
      late.close();
    }
  }
}
