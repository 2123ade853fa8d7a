package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.SESSION_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.smtp.ScriptedServer.EndOutput;
import io.github.dane4j.smtp.ScriptedServer.ReadLine;
import io.github.dane4j.smtp.ScriptedServer.ReadSome;
import io.github.dane4j.smtp.ScriptedServer.Step;
import io.github.dane4j.smtp.ScriptedServer.Write;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the whole connector against a loopback server that sends random bytes: every
 * attempt ends in a failure result, never an exception or a hang, and closes its socket. Timeouts
 * are a few hundred milliseconds, so the number of tries is kept small.
 */
class SmtpConnectorPropertiesTest {
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration STEP = Duration.ofMillis(600);
  private static final ConnectorSettings SETTINGS =
      ConnectorSettings.builder()
          .connectTimeout(STEP)
          .readTimeout(SHORT)
          .greetingTimeout(STEP)
          .commandTimeout(STEP)
          .handshakeTimeout(STEP)
          .maxReplyLineLength(128)
          .maxReplyLines(8)
          .maxReplyBytes(512)
          .build();
  private static final TlsaRecord ANY_RECORD = TlsaRecord.of(3, 1, 1, new byte[32]);

  @Property(tries = 40)
  void connect_randomGreetingBytes_failsAndCloses(
      @ForAll @Size(max = 400) byte[] bytes, @ForAll boolean endOutput) throws Exception {
    List<Step> steps = new ArrayList<>(List.of(Write.bytes(bytes)));
    if (endOutput) {
      steps.add(new EndOutput());
    }

    assertFailsAndCloses(steps);
  }

  @Property(tries = 40)
  void connect_randomBytesAfterStarttls_failsAndCloses(
      @ForAll @Size(max = 400) byte[] bytes, @ForAll boolean sameWriteAs220) throws Exception {
    List<Step> steps =
        new ArrayList<>(
            List.of(
                new Write("220 mx ESMTP\r\n"),
                new ReadLine(),
                new Write("250-mx\r\n250-starttls\r\n250 SIZE 1000\r\n"),
                new ReadLine()));
    if (sameWriteAs220) {
      byte[] go = "220 go\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] joined = new byte[go.length + bytes.length];
      System.arraycopy(go, 0, joined, 0, go.length);
      System.arraycopy(bytes, 0, joined, go.length, bytes.length);
      steps.add(Write.bytes(joined));
    } else {
      steps.add(new Write("220 go\r\n"));
      steps.add(new ReadSome());
      steps.add(Write.bytes(bytes));
    }
    steps.add(new EndOutput());

    assertFailsAndCloses(steps);
  }

  private static void assertFailsAndCloses(List<Step> steps) throws Exception {
    try (ScriptedServer server = ScriptedServer.start(steps.toArray(new Step[0]))) {
      SmtpTarget target =
          SmtpTarget.builder()
              .address(server.address())
              .tlsaRecords(List.of(ANY_RECORD), List.of(MX))
              .build();

      SmtpConnectionResult result = SmtpConnector.create(SETTINGS).connect(target);

      assertThat(result.failure()).isPresent();
      Statistics.collect(result.failure().get());
      assertThat(result.message()).isNotBlank();
      assertThat(result.transcript().size()).isLessThanOrEqualTo(256);
      assertThat(server.awaitClientClose(SESSION_WAIT)).isTrue();
    }
  }
}
