package io.github.dane4j.smtp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.jspecify.annotations.Nullable;

/**
 * A plain socket whose input stream is a {@link HandshakeRecordTap}. A TLS socket layered over it
 * reads the server's records through {@link #getInputStream()}, as SunJSSE and Conscrypt do, so the
 * tap sees the handshake bytes before the TLS layer decrypts anything.
 */
final class HandshakeTappingSocket extends Socket {
  private @Nullable HandshakeRecordTap tap;

  /**
   * Returns the tapped input stream. The session's thread calls this first, right after the
   * connect, so later callers on other layers get the same instance.
   */
  @Override
  public InputStream getInputStream() throws IOException {
    return tap();
  }

  /** Returns the tap over this socket's input. */
  HandshakeRecordTap tap() throws IOException {
    HandshakeRecordTap current = tap;
    if (current == null) {
      current = new HandshakeRecordTap(super.getInputStream());
      tap = current;
    }
    return current;
  }
}
