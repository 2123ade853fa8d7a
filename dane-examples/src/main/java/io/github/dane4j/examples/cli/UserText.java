package io.github.dane4j.examples.cli;

import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns exceptions and library messages into the text that {@code dane-check} shows. Users act on
 * what went wrong, so Java class names, JDK parser wording and raw DNS record dumps are replaced
 * with plain sentences. Every message that reaches the output passes through here.
 */
final class UserText {
  /** A dnsjava query failure caused by an ICMP port unreachable reply from the resolver. */
  private static final Pattern QUERY_PORT_UNREACHABLE =
      Pattern.compile(
          "Query \\S+ to ([0-9A-Fa-f.:]+)#(\\d+) failed: (?:[a-z][a-z0-9_]*\\.)*"
              + "PortUnreachableException(?:: [^)\\];]*)?");

  /** A dnsjava query failure with another exception, such as a timeout. */
  private static final Pattern QUERY_FAILED =
      Pattern.compile(
          "Query \\S+ to ([0-9A-Fa-f.:]+)#(\\d+) failed: (?:[a-z][a-z0-9_]*\\.)*([A-Z]\\w*)");

  /** A dnsjava validation failure followed by a dump of the RRset and its signatures. */
  private static final Pattern FAILED_RRSET_DUMP =
      Pattern.compile(
          "Positive response has failed (\\w+) rrset: \\{ (\\S+) \\d+ IN (\\w+) [^{}]*\\}");

  /** The JDK's DER parser message for a length beyond the data, in its several forms. */
  private static final Pattern HUGE_DER =
      Pattern.compile("Invalid BER/DER data \\([^)]*huge\\?\\)");

  /** Any remaining RRset dump in braces. */
  private static final Pattern RRSET_DUMP = Pattern.compile(" ?\\{ \\S+ \\d+ IN \\w+ [^{}]*\\}");

  /** A Java class name ending in Exception or Error, qualified or not, with an optional colon. */
  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("(?:[a-z][a-z0-9_]*\\.)*([A-Z][A-Za-z0-9_$]*(?:Exception|Error))(: )?");

  /** Plain words for the exceptions whose class name says what happened. */
  private static final Map<String, String> EXCEPTION_WORDS =
      Map.of(
          "PortUnreachableException", "port unreachable",
          "SocketTimeoutException", "timed out",
          "ConnectException", "connection refused",
          "UnknownHostException", "unknown host",
          "AccessDeniedException", "permission denied",
          "NoSuchFileException", "file not found",
          "EOFException", "unexpected end of data",
          "ClosedChannelException", "connection closed");

  private UserText() {}

  /**
   * Returns a description of an exception for users: what failed, in plain words, without class
   * names. The innermost cause with a message gives the detail.
   */
  static String describe(Throwable exception) {
    for (@Nullable Throwable cause = exception; cause != null; cause = cause.getCause()) {
      String known = knownCause(cause);
      if (known != null) {
        return known;
      }
    }
    @Nullable String message = null;
    for (@Nullable Throwable cause = exception; cause != null; cause = cause.getCause()) {
      String text = cause.getMessage();
      if (text != null && !text.isBlank()) {
        message = text;
      }
    }
    if (message == null) {
      return "internal error without a message; run with --help to check the options";
    }
    return clean(message);
  }

  private static @Nullable String knownCause(Throwable cause) {
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (cause instanceof NoSuchFileException) {
      return "file not found";
    }
    if (cause instanceof FileSystemException fileSystem) {
      String reason = String.valueOf(fileSystem.getReason()).toLowerCase(Locale.ROOT);
      if (reason.contains("symbolic links")) {
        return "too many levels of symbolic links";
      }
      return "the file system reported: " + clean(String.valueOf(fileSystem.getReason()));
    }
    if (cause instanceof CharacterCodingException) {
      return "the file is not text";
    }
    if (cause instanceof PortUnreachableException) {
      return "port unreachable";
    }
    if (cause instanceof SocketTimeoutException) {
      return "timed out";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof UnknownHostException) {
      return "unknown host";
    }
    return null;
  }

  /**
   * Rewrites a message from a library or the JDK for users. Rewrites a DNS query that a resolver
   * did not answer, replaces DNS record dumps and class names with words, and names the {@code
   * dane-check} option where a message names a library method.
   */
  static String clean(String message) {
    String text = message;
    text =
        QUERY_PORT_UNREACHABLE
            .matcher(text)
            .replaceAll("no DNS server answers at $1:$2 (port unreachable)");
    text = replaceQueryFailures(text);
    text =
        FAILED_RRSET_DUMP
            .matcher(text)
            .replaceAll("the signatures of the $3 RRset of $2 in the $1 section do not validate");
    text = RRSET_DUMP.matcher(text).replaceAll("");
    text =
        text.replace(
            "(DaneVerifier.Builder.pkixTrustAnchors)",
            "(give PKIX root certificates with --ca-file)");
    text = text.replace("no PKIX delegate is set", "this check does no PKIX verification");
    text = text.replace("; convert them with java.net.IDN.toASCII first", "");
    text =
        HUGE_DER
            .matcher(text)
            .replaceAll("malformed DER data (a length is larger than the data that follows)");
    return replaceExceptionNames(text);
  }

  private static String replaceQueryFailures(String text) {
    Matcher matcher = QUERY_FAILED.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String words = EXCEPTION_WORDS.getOrDefault(matcher.group(3), "no answer");
      matcher.appendReplacement(
          result,
          Matcher.quoteReplacement(
              "the DNS server at " + matcher.group(1) + ":" + matcher.group(2) + ": " + words));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static String replaceExceptionNames(String text) {
    if (!text.contains("Exception") && !text.contains("Error")) {
      // Most messages name no exception, and the pattern would try a match at every character.
      String cleaned = text.strip();
      return cleaned.isEmpty() ? "internal error without a message" : cleaned;
    }
    Matcher matcher = EXCEPTION_NAME.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String words = EXCEPTION_WORDS.get(matcher.group(1));
      String replacement;
      if (words != null) {
        replacement = matcher.group(2) == null ? words : words + ": ";
      } else {
        replacement = "";
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    String cleaned = result.toString().strip();
    return cleaned.isEmpty() ? "internal error without a message" : cleaned;
  }

  /** Returns whether a character is a C0 or C1 control character or DEL, other than a tab. */
  static boolean isControl(int c) {
    return c != '\t' && (c < 0x20 || (c >= 0x7F && c <= 0x9F));
  }

  /**
   * Returns text with every control character, tab included, written as {@code \\uXXXX}, so that
   * echoed input cannot move the cursor or change the terminal.
   */
  static String escapeControls(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t' || isControl(c)) {
        escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * Returns whether a message reports that no DNS server answered at the resolver address, so that
   * the fix is on the local resolver, not in the zone.
   */
  static boolean resolverUnreachable(String cleanedMessage) {
    return cleanedMessage.contains("no DNS server answers at ")
        || (cleanedMessage.contains("the DNS server at ")
            && cleanedMessage.contains("connection refused"));
  }
}
