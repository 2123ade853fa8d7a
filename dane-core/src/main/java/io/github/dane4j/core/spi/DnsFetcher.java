package io.github.dane4j.core.spi;

import io.github.dane4j.core.TlsaRecord;
import java.net.InetAddress;
import java.util.concurrent.CompletionStage;

/**
 * Fetches the DNS records that DANE for SMTP needs, each with its DNSSEC status.
 *
 * <p>Implementations live in other modules (dane-dns provides dnsjava and JNDI based ones) and are
 * created through a {@link DnsFetcherProvider}. Every method returns a stage that completes with an
 * answer, also for lookup failures and timeouts, no later than the lookup timeout of the fetcher's
 * {@link DnsFetcherSettings}; it completes exceptionally only for a bug. Names are absolute, in
 * A-label form, with or without the trailing dot. {@link #blocking()} gives a view that waits for
 * the answers.
 *
 * <p>Implementations are thread-safe and do not hold a thread per lookup while waiting for a
 * response, unless they document otherwise.
 */
public interface DnsFetcher extends AutoCloseable {

  /** Returns the name of the provider that created this fetcher, such as {@code dnsjava}. */
  String providerName();

  /**
   * Looks up the TLSA RRset at {@link TlsaQuery#ownerName()}, following CNAMEs (RFC 7672 section
   * 2.2.3).
   *
   * @throws NullPointerException if {@code query} is null
   */
  CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query);

  /**
   * Looks up the MX RRset of a domain, following CNAMEs.
   *
   * @throws IllegalArgumentException if {@code domain} is not a valid domain name in A-label form
   * @throws NullPointerException if {@code domain} is null
   */
  CompletionStage<DnsAnswer<MxRecord>> mx(String domain);

  /**
   * Looks up the A ({@link AddressFamily#IPV4}) or AAAA records of a host, following CNAMEs.
   *
   * @throws IllegalArgumentException if {@code host} is not a valid domain name in A-label form
   * @throws NullPointerException if an argument is null
   */
  CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family);

  /**
   * Follows the CNAME chain that starts at {@code name}, one query of type CNAME per hop, and
   * returns the hops with their own DNSSEC status (RFC 7672 section 2.1.3). The records are empty
   * when {@code name} is not an alias; the kind is then NODATA, or NXDOMAIN when the name does not
   * exist. An error at any hop makes the whole answer a failure.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid domain name in A-label form
   * @throws NullPointerException if {@code name} is null
   */
  CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name);

  /** Returns a view of this fetcher whose methods wait for the answers. */
  default BlockingDnsFetcher blocking() {
    return new BlockingDnsFetcher(this);
  }

  /** Releases the fetcher's resources; lookups started afterwards fail. */
  @Override
  void close();
}
