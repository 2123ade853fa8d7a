package io.github.dane4j.smtp.internal;

import static io.github.dane4j.smtp.internal.HandshakeMessages.APPLICATION_DATA;
import static io.github.dane4j.smtp.internal.HandshakeMessages.certificate;
import static io.github.dane4j.smtp.internal.HandshakeMessages.concat;
import static io.github.dane4j.smtp.internal.HandshakeMessages.record;
import static io.github.dane4j.smtp.internal.HandshakeMessages.records;
import static io.github.dane4j.smtp.internal.HandshakeMessages.serverHello13;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class HandshakeRecordTapTest {

  /** Reads everything through the tap in chunks of {@code chunk} bytes and returns it. */
  private static byte[] readAll(InputStream in, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[chunk];
    for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
      out.write(buffer, 0, count);
    }
    return out.toByteArray();
  }

  @Test
  void stopCapture_handshakeThenEncrypted_keepsOnlyHandshakeRecords() throws IOException {
    byte[] handshake = records(1 << 14, serverHello13(0x001D));
    byte[] wire = concat(handshake, record(APPLICATION_DATA, new byte[300]));
    HandshakeRecordTap tap = new HandshakeRecordTap(new ByteArrayInputStream(wire));

    tap.startCapture();
    byte[] passedThrough = readAll(tap, 3);

    assertThat(passedThrough).isEqualTo(wire);
    assertThat(tap.stopCapture()).isEqualTo(handshake);
  }

  @Test
  void stopCapture_singleByteReads_keepsHandshakeRecords() throws IOException {
    byte[] handshake = records(10, serverHello13(0x0017));
    HandshakeRecordTap tap = new HandshakeRecordTap(new ByteArrayInputStream(handshake));

    tap.startCapture();
    while (tap.read() >= 0) {
      // Reads byte by byte through the single-byte path.
    }

    assertThat(tap.stopCapture()).isEqualTo(handshake);
  }

  @Test
  void stopCapture_recordsBeyondLimit_keepsOnlyRecordsWithinLimit() throws IOException {
    byte[] first = records(1 << 14, serverHello13(0x001D));
    byte[] large = records(1 << 14, certificate(HandshakeRecordTap.MAX_CAPTURE_BYTES));
    byte[] wire = concat(first, large);
    HandshakeRecordTap tap = new HandshakeRecordTap(new ByteArrayInputStream(wire));

    tap.startCapture();
    byte[] passedThrough = readAll(tap, 4096);

    assertThat(passedThrough).isEqualTo(wire);
    assertThat(tap.stopCapture()).isEqualTo(first);
  }

  @Test
  void stopCapture_notStarted_isEmpty() throws IOException {
    HandshakeRecordTap tap =
        new HandshakeRecordTap(new ByteArrayInputStream(records(100, serverHello13(0x001D))));

    readAll(tap, 64);

    assertThat(tap.stopCapture()).isEmpty();
  }

  @Test
  void read_afterStopCapture_passesBytesThrough() throws IOException {
    byte[] wire = records(1 << 14, serverHello13(0x001D));
    HandshakeRecordTap tap = new HandshakeRecordTap(new ByteArrayInputStream(wire));
    tap.startCapture();
    tap.stopCapture();

    assertThat(readAll(tap, 100)).isEqualTo(wire);
    assertThat(tap.stopCapture()).isEmpty();
  }
}
