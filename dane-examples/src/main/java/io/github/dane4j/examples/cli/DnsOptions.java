package io.github.dane4j.examples.cli;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The DNS options of every subcommand that looks names up. */
final class DnsOptions {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV4_WITH_PORT =
      Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d+)");
  private static final Pattern BRACKETED_IPV6 =
      Pattern.compile("\\[([0-9A-Fa-f:.]+)\\](?::(\\d+))?");
  private static final int DNS_PORT = 53;

  /** The largest trust anchor file read; the IANA root anchors take under 2 KiB. */
  private static final int MAX_TRUST_ANCHOR_BYTES = 1024 * 1024;

  @Option(
      names = "--resolver",
      paramLabel = "ADDR[:PORT]",
      description =
          "Trust the AD bit of this validating resolver. A resolver that is not on loopback also"
              + " needs --insecure-trust-remote-resolver.")
  private @Nullable String resolver;

  @Option(
      names = "--insecure-trust-remote-resolver",
      description =
          "Trust the AD bit of a --resolver that is not on loopback. Insecure: anyone on the path"
              + " can forge the AD bit (RFC 6698 section 4.1).")
  private boolean trustRemoteResolver;

  @Option(
      names = "--validate",
      description = "Validate DNSSEC in-process (the default when no --resolver is given).")
  private boolean validate;

  @Option(
      names = "--upstream",
      paramLabel = "ADDR[:PORT]",
      description =
          "The resolver to send queries to for --validate or --jndi; repeat for several."
              + " Default: the system's resolvers.")
  private List<String> upstreams = new ArrayList<>();

  @Option(
      names = "--trust-anchor",
      paramLabel = "FILE",
      description =
          "DS or DNSKEY records in zone-file form to validate from, instead of the built-in IANA"
              + " root anchors.")
  private @Nullable Path trustAnchorFile;

  @Option(
      names = "--jndi",
      description =
          "Use the JDK's DNS client. It cannot validate DNSSEC, so DANE is never applied and"
              + " hosts get opportunistic TLS only.")
  private boolean jndi;

  /** Returns whether the JNDI provider was chosen. */
  boolean jndi() {
    return jndi;
  }

  /**
   * Builds the fetcher settings.
   *
   * @param lookupTimeout the time limit of one lookup
   * @throws UsageException if options conflict or an address or file is invalid
   */
  DnsFetcherSettings settings(Duration lookupTimeout) {
    DnsFetcherSettings.Builder builder = DnsFetcherSettings.builder().lookupTimeout(lookupTimeout);
    String trusted = resolver;
    if (trusted != null) {
      if (validate || !upstreams.isEmpty() || trustAnchorFile != null || jndi) {
        throw new UsageException(
            "--resolver cannot be combined with --validate, --upstream, --trust-anchor or --jndi;"
                + " choose a trusted resolver or in-process validation");
      }
      InetSocketAddress address = parseAddress(trusted, "--resolver");
      if (!address.getAddress().isLoopbackAddress() && !trustRemoteResolver) {
        throw new UsageException(
            "--resolver "
                + trusted
                + " is not on loopback, and its AD bit could be forged on the way (RFC 6698"
                + " section 4.1); use --validate, or add --insecure-trust-remote-resolver");
      }
      return builder
          .validation(Validation.TRUSTED_RESOLVER)
          .resolver(address)
          .allowUnauthenticatedAdBitFromRemoteResolvers(trustRemoteResolver)
          .build();
    }
    if (trustRemoteResolver) {
      throw new UsageException(
          "--insecure-trust-remote-resolver needs --resolver ADDR[:PORT]; remove it or add"
              + " --resolver");
    }
    if (jndi && (validate || trustAnchorFile != null)) {
      throw new UsageException(
          "--jndi cannot validate DNSSEC, so it cannot be combined with --validate or"
              + " --trust-anchor; remove one of them");
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String upstream : upstreams) {
      addresses.add(parseAddress(upstream, "--upstream"));
    }
    if (!addresses.isEmpty()) {
      builder.resolvers(addresses);
    }
    Path anchors = trustAnchorFile;
    if (anchors != null) {
      requireZoneFileText(anchors);
      builder.rootTrustAnchors(false).trustAnchorFile(anchors);
    }
    return builder.build();
  }

  /**
   * Rejects a trust anchor file that is missing, not a regular file or not text, before the DNS
   * library reads it and fails with a character decoder's message.
   *
   * @throws UsageException naming the file and the expected content
   */
  private static void requireZoneFileText(Path anchors) {
    byte[] content =
        CertificateFiles.readBounded(anchors, "--trust-anchor", MAX_TRUST_ANCHOR_BYTES);
    boolean text = true;
    for (byte b : content) {
      int c = b & 0xFF;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        text = false;
        break;
      }
    }
    if (text) {
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(content));
      } catch (CharacterCodingException e) {
        text = false;
      }
    }
    if (!text) {
      throw new UsageException(
          "Invalid --trust-anchor: "
              + anchors
              + " is not text; give a file of DS or DNSKEY records in zone-file form");
    }
  }

  /**
   * Parses {@code ADDR[:PORT]}: an IPv4 address, an IPv6 address, or either with a port ({@code
   * [::1]:5353} for IPv6). Host names are rejected, because resolving them would need DNS that is
   * not yet set up.
   */
  static InetSocketAddress parseAddress(String text, String option) {
    String host;
    int port = DNS_PORT;
    Matcher withPort = IPV4_WITH_PORT.matcher(text);
    Matcher bracketed = BRACKETED_IPV6.matcher(text);
    if (IPV4.matcher(text).matches()) {
      host = text;
    } else if (withPort.matches()) {
      host = withPort.group(1);
      port = parsePort(withPort.group(2), text, option);
    } else if (bracketed.matches()) {
      host = bracketed.group(1);
      String portText = bracketed.group(2);
      if (portText != null) {
        port = parsePort(portText, text, option);
      }
    } else if (text.contains(":") && text.matches("[0-9A-Fa-f:.]+")) {
      host = text;
    } else {
      throw new UsageException(
          "Invalid "
              + option
              + " '"
              + text
              + "': give an IP address, optionally with a port: 127.0.0.1, 127.0.0.1:5353, ::1 or"
              + " [::1]:5353");
    }
    if (!host.contains(":") && !validOctets(host)) {
      throw new UsageException(
          "Invalid " + option + " '" + text + "': each part of an IPv4 address is 0 to 255");
    }
    try {
      // A literal address (IPv4 checked above, or containing ':' for IPv6): getByName parses it
      // without a DNS query.
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new UsageException(
          "Invalid " + option + " '" + text + "': " + host + " is not an IP address", e);
    }
  }

  private static boolean validOctets(String ipv4) {
    for (String octet : ipv4.split("\\.", -1)) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  private static int parsePort(String digits, String text, String option) {
    int port;
    try {
      port = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new UsageException(
          "Invalid " + option + " '" + text + "': the port must be from 1 to 65535");
    }
    return port;
  }
}
