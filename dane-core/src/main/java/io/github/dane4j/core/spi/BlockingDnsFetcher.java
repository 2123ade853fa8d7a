package io.github.dane4j.core.spi;

import io.github.dane4j.core.TlsaRecord;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A view of a {@link DnsFetcher} whose methods wait for the answer. Each method waits no longer
 * than the fetcher's lookup timeout, because the fetcher completes every lookup by then.
 *
 * <pre>{@code
 * DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx.example.com", 25));
 * }</pre>
 */
public final class BlockingDnsFetcher {
  private final DnsFetcher fetcher;

  /**
   * Creates a view of {@code fetcher}; {@link DnsFetcher#blocking()} is the usual way.
   *
   * @throws NullPointerException if {@code fetcher} is null
   */
  public BlockingDnsFetcher(DnsFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  /**
   * Looks up a TLSA RRset and waits for the answer; see {@link DnsFetcher#tlsa(TlsaQuery)}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws IllegalStateException if the fetcher failed with an exception, which is a bug
   * @throws NullPointerException if {@code query} is null
   */
  public DnsAnswer<TlsaRecord> tlsa(TlsaQuery query) throws InterruptedException {
    return await(fetcher.tlsa(query));
  }

  /**
   * Looks up an MX RRset and waits for the answer; see {@link DnsFetcher#mx(String)}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws IllegalArgumentException if {@code domain} is not a valid domain name
   * @throws IllegalStateException if the fetcher failed with an exception, which is a bug
   * @throws NullPointerException if {@code domain} is null
   */
  public DnsAnswer<MxRecord> mx(String domain) throws InterruptedException {
    return await(fetcher.mx(domain));
  }

  /**
   * Looks up addresses and waits for the answer; see {@link DnsFetcher#addresses(String,
   * AddressFamily)}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws IllegalArgumentException if {@code host} is not a valid domain name
   * @throws IllegalStateException if the fetcher failed with an exception, which is a bug
   * @throws NullPointerException if an argument is null
   */
  public DnsAnswer<InetAddress> addresses(String host, AddressFamily family)
      throws InterruptedException {
    return await(fetcher.addresses(host, family));
  }

  /**
   * Follows a CNAME chain and waits for the answer; see {@link DnsFetcher#cnameChain(String)}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws IllegalArgumentException if {@code name} is not a valid domain name
   * @throws IllegalStateException if the fetcher failed with an exception, which is a bug
   * @throws NullPointerException if {@code name} is null
   */
  public DnsAnswer<CnameHop> cnameChain(String name) throws InterruptedException {
    return await(fetcher.cnameChain(name));
  }

  private static <T> DnsAnswer<T> await(CompletionStage<DnsAnswer<T>> stage)
      throws InterruptedException {
    try {
      return stage.toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "The DNS fetcher failed with an exception instead of returning a failure answer",
          e.getCause());
    }
  }
}
