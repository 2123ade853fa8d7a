package io.github.dane4j.smtp.internal;

import java.io.ByteArrayOutputStream;

/** Builds server handshake messages and TLS records byte by byte for the parser tests. */
final class HandshakeMessages {
  static final int HANDSHAKE = 22;
  static final int CHANGE_CIPHER_SPEC = 20;
  static final int APPLICATION_DATA = 23;

  private HandshakeMessages() {}

  /** Returns a TLS 1.3 ServerHello with supported_versions and a key_share entry for the group. */
  static byte[] serverHello13(int group) {
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    extension(extensions, 43, new byte[] {0x03, 0x04});
    ByteArrayOutputStream keyShare = new ByteArrayOutputStream();
    u16(keyShare, group);
    u16(keyShare, 32);
    keyShare.writeBytes(new byte[32]);
    extension(extensions, 51, keyShare.toByteArray());
    return serverHello(0x1301, extensions.toByteArray());
  }

  /** Returns a HelloRetryRequest whose key_share holds only the selected group. */
  static byte[] helloRetryRequest(int group) {
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    extension(extensions, 43, new byte[] {0x03, 0x04});
    extension(extensions, 51, new byte[] {(byte) (group >> 8), (byte) group});
    return serverHello(0x1301, extensions.toByteArray());
  }

  /** Returns a TLS 1.2 ServerHello with the renegotiation_info extension only. */
  static byte[] serverHello12(int cipherSuite) {
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    extension(extensions, 0xff01, new byte[] {0});
    return serverHello(cipherSuite, extensions.toByteArray());
  }

  /** Returns a Certificate message whose body is {@code length} bytes of zeros. */
  static byte[] certificate(int length) {
    return message(11, new byte[length]);
  }

  /** Returns an ECDHE ServerKeyExchange with the curve type and group given. */
  static byte[] serverKeyExchange(int curveType, int group) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(curveType);
    u16(body, group);
    body.write(32);
    body.writeBytes(new byte[32 + 2 + 64]);
    return message(12, body.toByteArray());
  }

  static byte[] serverHelloDone() {
    return message(14, new byte[0]);
  }

  /** Returns the messages joined and split into handshake records of at most {@code size}. */
  static byte[] records(int size, byte[]... messages) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] message : messages) {
      joined.writeBytes(message);
    }
    byte[] all = joined.toByteArray();
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (int start = 0; start < all.length; start += size) {
      int length = Math.min(size, all.length - start);
      byte[] body = new byte[length];
      System.arraycopy(all, start, body, 0, length);
      records.writeBytes(record(HANDSHAKE, body));
    }
    return records.toByteArray();
  }

  static byte[] record(int contentType, byte[] body) {
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(contentType);
    u16(record, 0x0303);
    u16(record, body.length);
    record.writeBytes(body);
    return record.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      joined.writeBytes(part);
    }
    return joined.toByteArray();
  }

  private static byte[] serverHello(int cipherSuite, byte[] extensions) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, 0x0303);
    body.writeBytes(new byte[32]);
    body.write(32);
    body.writeBytes(new byte[32]);
    u16(body, cipherSuite);
    body.write(0);
    u16(body, extensions.length);
    body.writeBytes(extensions);
    return message(2, body.toByteArray());
  }

  private static byte[] message(int type, byte[] body) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.write(type);
    message.write(body.length >> 16);
    u16(message, body.length & 0xFFFF);
    message.writeBytes(body);
    return message.toByteArray();
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
    u16(out, type);
    u16(out, data.length);
    out.writeBytes(data);
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write(value >> 8);
    out.write(value);
  }
}
