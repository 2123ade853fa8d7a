package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.core.TlsaParseException;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * The dnsjava fetcher: lookups through dnsjava's in-process validator or a trusted validating
 * resolver, as {@link QuerySender} is set up by {@link DnsjavaFetcherProvider}.
 */
final class DnsjavaFetcher implements DnsFetcher {
  private static final System.Logger LOG = System.getLogger(DnsjavaFetcher.class.getName());

  private final QuerySender sender;
  private volatile boolean closed;

  DnsjavaFetcher(QuerySender sender) {
    this.sender = sender;
  }

  /** Returns how the answers of this fetcher establish their DNSSEC status. */
  AuthenticitySource authenticity() {
    return sender.authenticity();
  }

  @Override
  public String providerName() {
    return DnsjavaFetcherProvider.NAME;
  }

  @Override
  public CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query) {
    Objects.requireNonNull(query, "query");
    Name owner = Names.parse(query.ownerName(), "TLSA owner name");
    return lookup(owner, () -> RecordLookup.start(sender, owner, Type.TLSA, DnsjavaFetcher::tlsa));
  }

  @Override
  public CompletionStage<DnsAnswer<MxRecord>> mx(String domain) {
    Name name = Names.parse(domain, "MX domain");
    return lookup(name, () -> RecordLookup.start(sender, name, Type.MX, DnsjavaFetcher::mx));
  }

  @Override
  public CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family) {
    Objects.requireNonNull(family, "family");
    Name name = Names.parse(host, "host name");
    int type = family == AddressFamily.IPV4 ? Type.A : Type.AAAA;
    return lookup(name, () -> RecordLookup.start(sender, name, type, DnsjavaFetcher::address));
  }

  @Override
  public CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name) {
    Name start = Names.parse(name, "name");
    return lookup(start, () -> CnameChainLookup.start(sender, start));
  }

  @Override
  public void close() {
    // dnsjava's NIO selector thread is shared by the whole JVM, so there is nothing of our own to
    // stop; lookups started from now on fail.
    closed = true;
  }

  /**
   * Runs a lookup under the lookup timeout; the returned stage completes on the fetcher's executor
   * with an answer, never exceptionally.
   */
  private <T> CompletionStage<DnsAnswer<T>> lookup(
      Name name, Supplier<CompletableFuture<DnsAnswer<T>>> lookup) {
    if (closed) {
      return CompletableFuture.completedFuture(
          failure(name, "The DNS fetcher is closed; create a new one"));
    }
    Duration timeout = sender.settings().lookupTimeout();
    CompletableFuture<DnsAnswer<T>> work;
    try {
      work = lookup.get();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Lookup of " + name + " failed to start", e);
      work = CompletableFuture.completedFuture(failure(name, "Lookup failed: " + e));
    }
    return work.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handleAsync(
            (answer, error) -> {
              if (answer != null) {
                return answer;
              }
              if (error instanceof TimeoutException) {
                return failure(name, "Lookup of " + name + " timed out after " + timeout);
              }
              LOG.log(Level.DEBUG, "Lookup of " + name + " failed", error);
              return failure(name, "Lookup failed: " + error);
            },
            sender.executor());
  }

  private <T> DnsAnswer<T> failure(Name name, String reason) {
    return new DnsAnswer<>(
        Names.toText(name),
        AnswerKind.FAILURE,
        DnssecStatus.INDETERMINATE,
        List.of(),
        List.of(Names.toText(name)),
        Duration.ZERO,
        -1,
        null,
        reason,
        sender.authenticity());
  }

  private static TlsaRecord tlsa(Record record) {
    TLSARecord tlsa = (TLSARecord) record;
    try {
      return TlsaRecord.of(
          tlsa.getCertificateUsage(),
          tlsa.getSelector(),
          tlsa.getMatchingType(),
          tlsa.getCertificateAssociationData());
    } catch (TlsaParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static MxRecord mx(Record record) {
    MXRecord mx = (MXRecord) record;
    return new MxRecord(mx.getPriority(), Names.toText(mx.getTarget()));
  }

  private static InetAddress address(Record record) {
    if (record instanceof ARecord a) {
      return a.getAddress();
    }
    return ((AAAARecord) record).getAddress();
  }
}
