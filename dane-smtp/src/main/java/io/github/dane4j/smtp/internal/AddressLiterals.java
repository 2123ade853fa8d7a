package io.github.dane4j.smtp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Parses SMTP address literals (RFC 5321 section 4.1.3) without any name lookup: the text is
 * checked character by character and the address is built from its bytes with {@link
 * InetAddress#getByAddress(byte[])}.
 *
 * <p>An IPv4 literal is {@code [a.b.c.d]} with exactly four decimal octets from 0 to 255 and no
 * leading zeros, because some parsers read {@code 010} as octal. An IPv6 literal is {@code
 * [IPv6:...]} in the RFC 4291 section 2.2 text forms: eight groups of one to four hexadecimal
 * digits, at most one {@code ::}, and optionally a dotted IPv4 tail in place of the last two
 * groups. Zone identifiers ({@code %eth0}) and general address literals ({@code [tag:...]}) are
 * rejected.
 */
public final class AddressLiterals {
  /** The accepted forms, for error messages. */
  public static final String ACCEPTED_FORMS =
      "an address literal is [192.0.2.1] (four decimal octets 0-255 without leading zeros) or"
          + " [IPv6:2001:db8::1] (RFC 5321 section 4.1.3)";

  private static final String IPV6_TAG = "IPv6:";
  private static final int IPV6_GROUPS = 8;

  private AddressLiterals() {}

  /** Returns whether {@code value} is written as an address literal, that is in brackets. */
  public static boolean isBracketed(String value) {
    return value.startsWith("[");
  }

  /**
   * Parses an address literal such as {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms if it is not one
   */
  public static InetAddress parse(String literal) {
    byte[] bytes = null;
    if (literal.length() > 2 && literal.startsWith("[") && literal.endsWith("]")) {
      String content = literal.substring(1, literal.length() - 1);
      if (content.regionMatches(true, 0, IPV6_TAG, 0, IPV6_TAG.length())) {
        bytes = parseIpv6(content.substring(IPV6_TAG.length()));
      } else {
        bytes = parseIpv4(content);
      }
    }
    if (bytes == null) {
      throw new IllegalArgumentException(
          "Invalid address literal \"" + Text.escaped(literal) + "\": " + ACCEPTED_FORMS);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      // getByAddress throws only for a wrong array length, which the parsers never return.
      throw new IllegalStateException("Parsed an address of " + bytes.length + " bytes", e);
    }
  }

  /** Returns the four bytes of a dotted-quad IPv4 address, or null if the text is not one. */
  static byte @Nullable [] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = parseOctet(parts[i]);
      if (octet < 0) {
        return null;
      }
      bytes[i] = (byte) octet;
    }
    return bytes;
  }

  private static int parseOctet(String part) {
    if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  /** Returns the sixteen bytes of an IPv6 address in text form, or null if the text is not one. */
  static byte @Nullable [] parseIpv6(String text) {
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    int[] headGroups = parseGroups(head, doubleColon < 0);
    int[] tailGroups = parseGroups(tail, true);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    boolean complete = doubleColon < 0 ? total == IPV6_GROUPS : total < IPV6_GROUPS;
    if (!complete) {
      return null;
    }
    int[] groups = new int[IPV6_GROUPS];
    System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, groups, IPV6_GROUPS - tailGroups.length, tailGroups.length);
    byte[] bytes = new byte[16];
    for (int i = 0; i < IPV6_GROUPS; i++) {
      bytes[2 * i] = (byte) (groups[i] >>> 8);
      bytes[2 * i + 1] = (byte) groups[i];
    }
    return bytes;
  }

  /**
   * Parses colon-separated groups. The last may be a dotted IPv4 address when {@code ipv4Allowed}
   * is set, and then counts as two groups. An empty text gives no groups.
   */
  private static int @Nullable [] parseGroups(String text, boolean ipv4Allowed) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int last = parts.length - 1;
    boolean ipv4Tail = ipv4Allowed && parts[last].indexOf('.') >= 0;
    int[] groups = new int[parts.length + (ipv4Tail ? 1 : 0)];
    for (int i = 0; i <= last; i++) {
      if (i == last && ipv4Tail) {
        byte[] ipv4 = parseIpv4(parts[i]);
        if (ipv4 == null) {
          return null;
        }
        groups[i] = ((ipv4[0] & 0xFF) << 8) | (ipv4[1] & 0xFF);
        groups[i + 1] = ((ipv4[2] & 0xFF) << 8) | (ipv4[3] & 0xFF);
      } else {
        int group = parseGroup(parts[i]);
        if (group < 0) {
          return null;
        }
        groups[i] = group;
      }
    }
    return groups.length <= IPV6_GROUPS ? groups : null;
  }

  private static int parseGroup(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      int digit = Character.digit(part.charAt(i), 16);
      // Character.digit also accepts non-ASCII digits, such as fullwidth ones.
      if (digit < 0 || part.charAt(i) > 'f') {
        return -1;
      }
      value = (value << 4) | digit;
    }
    return value;
  }
}
