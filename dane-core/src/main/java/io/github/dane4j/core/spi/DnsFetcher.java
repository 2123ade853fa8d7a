package io.github.dane4j.core.spi;

import io.github.dane4j.core.TlsaRecord;
import java.net.InetAddress;
import java.util.concurrent.CompletionStage;

/**
 * Fetches the DNS records that DANE for SMTP needs, each with its DNSSEC status.
 *
 * <p>Implementations live in other modules (dane-dns provides dnsjava and JNDI based ones) and are
 * found through {@link DnsFetcherProvider}. Every method returns a stage that completes with an
 * answer, also for lookup failures and timeouts; it completes exceptionally only for a bug or a
 * misuse. Names are absolute, in A-label form, with or without the trailing dot.
 */
public interface DnsFetcher extends AutoCloseable {

  /** Returns the name of the provider that created this fetcher, such as {@code dnsjava}. */
  String providerName();

  /** Looks up the TLSA RRset at {@link TlsaQuery#ownerName()}, following CNAMEs. */
  CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query);

  /** Looks up the MX RRset of a domain, following CNAMEs. */
  CompletionStage<DnsAnswer<MxRecord>> mx(String domain);

  /** Looks up the A ({@link AddressFamily#IPV4}) or AAAA records of a host, following CNAMEs. */
  CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family);

  /**
   * Follows the CNAME chain that starts at {@code name}, one query per hop, and returns the hops
   * with their own DNSSEC status (RFC 7672 section 2.1.3). The records are empty when {@code name}
   * is not an alias.
   */
  CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name);

  /** Releases the fetcher's resources; lookups started afterwards fail. */
  @Override
  void close();
}
