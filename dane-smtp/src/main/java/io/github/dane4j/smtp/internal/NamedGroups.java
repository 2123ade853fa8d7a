package io.github.dane4j.smtp.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Finds the key exchange group in the plaintext TLS records a client received from the server,
 * because neither SunJSSE on JDK 17 nor Conscrypt 2.5.2 returns the negotiated group through a
 * public API.
 *
 * <p>TLS 1.3 (RFC 8446 section 4.2.8): the group is the first field of the ServerHello's {@code
 * key_share} extension, also in a HelloRetryRequest, whose selected group is the one the final
 * ServerHello uses. TLS 1.2 (RFC 8422 section 5.4): for an ECDHE cipher suite the ServerKeyExchange
 * message starts with the curve type {@code named_curve (3)} and the group. Other TLS 1.2 key
 * exchanges (RSA, finite-field DHE with explicit parameters) name no group.
 *
 * <p>The parser reads only the given bytes and checks every length against them, so malformed input
 * returns empty instead of throwing (NamedGroupsPropertiesTest checks this on random input).
 */
public final class NamedGroups {
  private static final int RECORD_HEADER_LENGTH = 5;
  private static final int CONTENT_TYPE_HANDSHAKE = 22;
  // RFC 8446 section 5.1: a plaintext record body is at most 2^14 bytes.
  private static final int MAX_PLAINTEXT_RECORD_LENGTH = 1 << 14;
  private static final int HANDSHAKE_HEADER_LENGTH = 4;
  private static final int SERVER_HELLO = 2;
  private static final int SERVER_KEY_EXCHANGE = 12;
  private static final int SERVER_HELLO_DONE = 14;
  private static final int RANDOM_LENGTH = 32;
  private static final int EXTENSION_SUPPORTED_VERSIONS = 43;
  private static final int EXTENSION_KEY_SHARE = 51;
  private static final int TLS_1_3 = 0x0304;
  // RFC 8422 section 5.4: ECCurveType named_curve.
  private static final int CURVE_TYPE_NAMED = 3;

  private NamedGroups() {}

  /**
   * Returns the name of the key exchange group found in {@code records}, or empty if the records
   * name none or are cut short or malformed.
   *
   * @param records the bytes received from the server from the start of the handshake, as TLS
   *     records; only the leading handshake records are read
   * @param length how many bytes of {@code records} are valid
   * @param cipherSuite the negotiated cipher suite's standard name, which shows whether a TLS 1.2
   *     ServerKeyExchange carries an ECDHE group
   */
  public static Optional<String> find(byte[] records, int length, String cipherSuite) {
    OptionalInt id = findId(records, length, cipherSuite);
    return id.isPresent() ? Optional.of(name(id.getAsInt())) : Optional.empty();
  }

  /**
   * Returns the IANA name of a TLS supported group (the TLS Supported Groups registry), or {@code
   * 0x} and four hex digits for a value not listed here.
   */
  public static String name(int id) {
    return switch (id) {
      case 0x0017 -> "secp256r1";
      case 0x0018 -> "secp384r1";
      case 0x0019 -> "secp521r1";
      case 0x001D -> "x25519";
      case 0x001E -> "x448";
      case 0x0100 -> "ffdhe2048";
      case 0x0101 -> "ffdhe3072";
      case 0x0102 -> "ffdhe4096";
      case 0x0103 -> "ffdhe6144";
      case 0x0104 -> "ffdhe8192";
      case 0x11EC -> "X25519MLKEM768";
      default -> String.format(Locale.ROOT, "0x%04x", id);
    };
  }

  static OptionalInt findId(byte[] records, int length, String cipherSuite) {
    byte[] handshake = handshakeBytes(records, Math.max(0, Math.min(length, records.length)));
    boolean ecdhe = cipherSuite.startsWith("TLS_ECDHE_");
    Cursor messages = new Cursor(handshake, 0, handshake.length);
    boolean serverHelloSeen = false;
    while (messages.remaining() >= HANDSHAKE_HEADER_LENGTH) {
      int type = messages.u8();
      int bodyLength = messages.u24();
      if (bodyLength > messages.remaining()) {
        return OptionalInt.empty();
      }
      Cursor body = messages.slice(bodyLength);
      if (type == SERVER_HELLO && !serverHelloSeen) {
        serverHelloSeen = true;
        ServerHello hello = ServerHello.parse(body);
        if (hello == null || hello.tls13) {
          // A TLS 1.3 ServerHello without key_share (a PSK-only handshake) names no group.
          return hello == null || hello.keyShareGroup < 0
              ? OptionalInt.empty()
              : OptionalInt.of(hello.keyShareGroup);
        }
      } else if (type == SERVER_KEY_EXCHANGE && serverHelloSeen && ecdhe) {
        if (body.remaining() >= 3 && body.u8() == CURVE_TYPE_NAMED) {
          return OptionalInt.of(body.u16());
        }
        return OptionalInt.empty();
      } else if (type == SERVER_HELLO_DONE || !serverHelloSeen) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }

  /** Concatenates the bodies of the leading handshake records, which may split a message. */
  private static byte[] handshakeBytes(byte[] records, int length) {
    byte[] joined = new byte[length];
    int joinedLength = 0;
    Cursor cursor = new Cursor(records, 0, length);
    while (cursor.remaining() >= RECORD_HEADER_LENGTH) {
      int contentType = cursor.u8();
      cursor.skip(2);
      int recordLength = cursor.u16();
      if (contentType != CONTENT_TYPE_HANDSHAKE || recordLength > MAX_PLAINTEXT_RECORD_LENGTH) {
        break;
      }
      int available = Math.min(recordLength, cursor.remaining());
      System.arraycopy(records, cursor.position, joined, joinedLength, available);
      joinedLength += available;
      cursor.skip(available);
    }
    return joinedLength == length ? joined : Arrays.copyOf(joined, joinedLength);
  }

  /** The fields of a ServerHello that give the version and the TLS 1.3 group. */
  private static final class ServerHello {
    boolean tls13;
    int keyShareGroup = -1;

    /** Returns the parsed message, or null if it is cut short or malformed. */
    static @Nullable ServerHello parse(Cursor body) {
      ServerHello hello = new ServerHello();
      // legacy_version, random
      if (!body.skip(2 + RANDOM_LENGTH) || body.remaining() < 1) {
        return null;
      }
      int sessionIdLength = body.u8();
      // session id, cipher suite, compression method
      if (!body.skip(sessionIdLength + 2 + 1)) {
        return null;
      }
      if (body.remaining() < 2) {
        // RFC 5246 section 7.4.1.3: a TLS 1.2 ServerHello may end without extensions.
        return hello;
      }
      int extensionsLength = body.u16();
      if (extensionsLength > body.remaining()) {
        return null;
      }
      Cursor extensions = body.slice(extensionsLength);
      while (extensions.remaining() >= 4) {
        int type = extensions.u16();
        int dataLength = extensions.u16();
        if (dataLength > extensions.remaining()) {
          return null;
        }
        Cursor data = extensions.slice(dataLength);
        if (type == EXTENSION_SUPPORTED_VERSIONS && data.remaining() >= 2) {
          hello.tls13 = data.u16() == TLS_1_3;
        } else if (type == EXTENSION_KEY_SHARE && data.remaining() >= 2) {
          hello.keyShareGroup = data.u16();
        }
      }
      return hello;
    }
  }

  /** A read position in a byte range; callers check {@link #remaining()} before each read. */
  private static final class Cursor {
    private final byte[] bytes;
    private final int end;
    int position;

    Cursor(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.position = start;
      this.end = end;
    }

    int remaining() {
      return end - position;
    }

    int u8() {
      return bytes[position++] & 0xFF;
    }

    int u16() {
      return (u8() << 8) | u8();
    }

    int u24() {
      return (u8() << 16) | u16();
    }

    /** Moves past {@code count} bytes and returns true, or returns false if fewer remain. */
    boolean skip(int count) {
      if (count < 0 || count > remaining()) {
        return false;
      }
      position += count;
      return true;
    }

    /** Returns a cursor over the next {@code length} bytes and moves past them. */
    Cursor slice(int length) {
      Cursor slice = new Cursor(bytes, position, position + length);
      position += length;
      return slice;
    }
  }
}
