package io.github.dane4j.dns.testing;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherProvider;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A provider registered only in the test resources' {@code META-INF/services}, standing for one
 * that a third party adds. Its fetcher fails every lookup.
 */
public final class ThirdPartyProvider implements DnsFetcherProvider {

  /** The provider name. */
  public static final String NAME = "example-third-party";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DnsFetcher create(DnsFetcherSettings settings) {
    return new DnsFetcher() {
      @Override
      public String providerName() {
        return NAME;
      }

      @Override
      public CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query) {
        return failure(query.ownerName());
      }

      @Override
      public CompletionStage<DnsAnswer<MxRecord>> mx(String domain) {
        return failure(domain);
      }

      @Override
      public CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family) {
        return failure(host);
      }

      @Override
      public CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name) {
        return failure(name);
      }

      @Override
      public void close() {}
    };
  }

  private static <T> CompletionStage<DnsAnswer<T>> failure(String name) {
    return CompletableFuture.completedFuture(
        new DnsAnswer<>(
            name,
            AnswerKind.FAILURE,
            DnssecStatus.UNVERIFIED,
            List.of(),
            List.of(name),
            Duration.ZERO,
            -1,
            null,
            "This provider does not look anything up",
            AuthenticitySource.NOT_ESTABLISHED));
  }
}
