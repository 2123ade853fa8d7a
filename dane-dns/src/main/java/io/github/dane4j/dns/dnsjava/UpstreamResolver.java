package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * The resolvers a fetcher sends its queries to, as one dnsjava {@link Resolver}: either the head
 * resolver of the in-process validator or, in trusted-resolver mode, the resolver queried directly.
 *
 * <p>Each query goes to one {@link SimpleResolver}, which sends it over UDP with EDNS0 and the DO
 * bit, retries over TCP when the response is truncated, and fails on a response whose ID or
 * question does not match the query (RFC 5452 section 9.1). Such a response ends the attempt
 * instead of being skipped while the genuine one is awaited, so a forged datagram can cost an
 * attempt but cannot be accepted. This class adds what the fetcher needs on top: retries that
 * rotate through the resolvers, a bound on the records per response, a check that the response can
 * be normalised, and turning an RCODE other than NOERROR or NXDOMAIN into an {@link
 * UpstreamFailure}, so that no such response reaches the validator. Every failure is also reported
 * to the {@link LookupContext} of the lookup, when the executor is one.
 */
final class UpstreamResolver implements Resolver {
  private static final System.Logger LOG = System.getLogger(UpstreamResolver.class.getName());

  private final List<Resolver> resolvers;
  private final List<String> labels;
  private final int retries;
  private final int maxRecordsPerResponse;
  private final AtomicInteger nextResolver = new AtomicInteger();

  /**
   * Creates the upstream side over the given resolvers.
   *
   * @param resolvers one resolver per upstream server, each sending a query to one server
   * @param labels a name for each resolver in messages, such as {@code 127.0.0.1#53}
   */
  UpstreamResolver(
      List<? extends Resolver> resolvers, List<String> labels, DnsFetcherSettings settings) {
    if (resolvers.isEmpty() || resolvers.size() != labels.size()) {
      throw new IllegalArgumentException("Need one label for each of at least one resolver");
    }
    this.resolvers = List.copyOf(resolvers);
    this.labels = List.copyOf(labels);
    this.retries = settings.retries();
    this.maxRecordsPerResponse = settings.maxRecordsPerResponse();
  }

  /**
   * Creates the upstream side over one {@link SimpleResolver} per address, with the settings' query
   * timeout, EDNS0 payload size and the DO bit.
   *
   * @throws IllegalArgumentException if {@code addresses} is empty
   */
  static UpstreamResolver forAddresses(
      List<InetSocketAddress> addresses, DnsFetcherSettings settings) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("No upstream resolver address to send queries to");
    }
    List<SimpleResolver> resolvers = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (InetSocketAddress address : addresses) {
      SimpleResolver resolver = new SimpleResolver(address);
      // NOTE: dnsjava 3.6.4 checks these timeouts only after a selector wait (at most one second)
      // in which no socket was ready, so under steady traffic a query may wait longer. The lookup
      // timeout of DnsjavaFetcher still ends every lookup in time.
      resolver.setTimeout(settings.queryTimeout());
      resolver.setEDNS(0, settings.udpPayloadSize(), ExtendedFlags.DO, List.of());
      resolver.setIgnoreTruncation(false);
      resolvers.add(resolver);
      labels.add(address.getAddress().getHostAddress() + "#" + address.getPort());
    }
    return new UpstreamResolver(resolvers, labels, settings);
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    int first = Math.floorMod(nextResolver.getAndIncrement(), resolvers.size());
    return attempt(query, executor, first, 0);
  }

  private CompletionStage<Message> attempt(
      Message query, Executor executor, int first, int attempt) {
    int index = (first + attempt) % resolvers.size();
    Resolver resolver = resolvers.get(index);
    String label = labels.get(index);
    return resolver
        .sendAsync(query, executor)
        .handle(
            (response, error) -> {
              UpstreamFailure failure =
                  error != null
                      ? transportFailure(label, query, unwrap(error))
                      : checkResponse(label, query, response);
              if (failure == null) {
                return CompletableFuture.completedFuture(response);
              }
              if (attempt < retries && isRetryable(failure)) {
                LOG.log(
                    Level.DEBUG,
                    "Retrying query {0} after attempt {1}: {2}",
                    describe(query),
                    attempt + 1,
                    failure.getMessage());
                return attempt(query, executor, first, attempt + 1);
              }
              if (executor instanceof LookupContext context) {
                context.recordFailure(failure);
              }
              return CompletableFuture.<Message>failedFuture(failure);
            })
        .thenCompose(stage -> stage);
  }

  /**
   * Returns whether another attempt may help: always after a transport problem; after an RCODE
   * failure only when there is another resolver to ask, because one resolver answers the same
   * question the same way.
   */
  private boolean isRetryable(UpstreamFailure failure) {
    return failure.rcode() < 0 || resolvers.size() > 1;
  }

  private static UpstreamFailure transportFailure(String label, Message query, Throwable error) {
    String detail =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    String message;
    if (error instanceof java.net.SocketTimeoutException) {
      message = "No response from " + label + " to " + describe(query) + ": timed out";
    } else if (error instanceof WireParseException) {
      message =
          "Invalid response from "
              + label
              + " to "
              + describe(query)
              + ": "
              + detail
              + parseHint(query, detail);
    } else {
      message = "Query " + describe(query) + " to " + label + " failed: " + detail;
    }
    return new UpstreamFailure(message, error);
  }

  /**
   * Explains dnsjava's terse "end of input" parse error for TLSA queries: dnsjava 3.6.4 rejects a
   * TLSA record with empty certificate association data and so the whole response.
   */
  private static String parseHint(Message query, String detail) {
    Record question = query.getQuestion();
    if (question != null && question.getType() == Type.TLSA && detail.contains("end of input")) {
      return " (a record is truncated, for example a TLSA record with empty certificate"
          + " association data, which RFC 6698 section 2.1 does not allow)";
    }
    return "";
  }

  private @Nullable UpstreamFailure checkResponse(String label, Message query, Message response) {
    // A message without the QR bit, or of another opcode, is not a response to a query (RFC 1035
    // section 4.1.1). A reflected query would otherwise read as an empty answer, and in trusted
    // mode, where queries carry the AD bit, as a secure "no such records".
    if (!response.getHeader().getFlag(Flags.QR)
        || response.getHeader().getOpcode() != query.getHeader().getOpcode()) {
      return new UpstreamFailure(
          "Invalid response from "
              + label
              + " to "
              + describe(query)
              + ": the message is not a response to a standard query (QR bit clear or another"
              + " opcode)",
          -1,
          null);
    }
    // SimpleResolver already retried a truncated UDP response over TCP, so a response that still
    // has the TC bit was truncated over TCP too and cannot be complete (RFC 7766 section 5).
    if (response.getHeader().getFlag(Flags.TC)) {
      return new UpstreamFailure(
          "Truncated response from "
              + label
              + " to "
              + describe(query)
              + ": the TC bit is set even over TCP, so the answer is incomplete; check the"
              + " resolver",
          -1,
          null);
    }
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return new UpstreamFailure(
          label + " returned " + Rcode.string(rcode) + " to " + describe(query),
          rcode,
          ResponseReader.extendedError(response));
    }
    int records = 0;
    for (int section = Section.ANSWER; section <= Section.ADDITIONAL; section++) {
      records += response.getSection(section).size();
    }
    if (records > maxRecordsPerResponse) {
      return new UpstreamFailure(
          "Response from "
              + label
              + " to "
              + describe(query)
              + " has "
              + records
              + " records, more than the limit of "
              + maxRecordsPerResponse,
          -1,
          null);
    }
    if (response.normalize(query) == null) {
      return new UpstreamFailure(
          "Invalid response from "
              + label
              + " to "
              + describe(query)
              + ": its records do not form a valid answer (for example several DNAME records at"
              + " one name)",
          -1,
          null);
    }
    return null;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  static String describe(Message query) {
    Record question = query.getQuestion();
    if (question == null) {
      return "(no question)";
    }
    return question.getName() + "/" + Type.string(question.getType());
  }

  // The validator configures its head resolver through these methods; they apply to every
  // resolver.

  @Override
  public void setPort(int port) {
    resolvers.forEach(r -> r.setPort(port));
  }

  @Override
  public void setTCP(boolean flag) {
    resolvers.forEach(r -> r.setTCP(flag));
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    resolvers.forEach(r -> r.setIgnoreTruncation(flag));
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    resolvers.forEach(r -> r.setEDNS(version, payloadSize, flags, options));
  }

  @Override
  public void setTSIGKey(TSIG key) {
    resolvers.forEach(r -> r.setTSIGKey(key));
  }

  @Override
  public void setTimeout(Duration timeout) {
    resolvers.forEach(r -> r.setTimeout(timeout));
  }

  @Override
  public Duration getTimeout() {
    return resolvers.get(0).getTimeout();
  }
}
