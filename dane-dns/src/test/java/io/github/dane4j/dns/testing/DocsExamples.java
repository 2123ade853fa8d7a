package io.github.dane4j.dns.testing;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.DnsFetchers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The code of docs/dns.md, kept here so that it compiles with every change. DocsExamplesTest checks
 * that each line of the page's Java examples occurs here. Only {@link #anchorsAsText()} is called
 * by a test. The other methods would query the system's resolvers or port 53, which tests must not
 * do.
 */
public final class DocsExamples {
  private DocsExamples() {}

  static void inProcessDefault() throws InterruptedException {
    try (DnsFetcher fetcher = DnsFetchers.create(DnsFetcherSettings.defaults())) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx.example.com", 25));
      if (answer.isSecure()) {
        answer.records().forEach(System.out::println);
      }
    }
  }

  static DnsFetcherSettings privateTree() {
    return DnsFetcherSettings.builder()
        .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
        .rootTrustAnchors(false)
        .trustAnchorFile(Path.of("/etc/unbound/test.anchor"))
        .build();
  }

  /** Returns the settings of the trust anchors example. */
  public static DnsFetcherSettings anchorsAsText() {
    return DnsFetcherSettings.builder()
        .rootTrustAnchors(false)
        .trustAnchors(
            """
            . IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
            """)
        .build();
  }

  static void trustedLocalResolver() throws InterruptedException {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .validation(DnsFetcherSettings.Validation.TRUSTED_RESOLVER)
            .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
            .build();
    try (DnsFetcher fetcher = DnsFetchers.create("dnsjava", settings)) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx.example.com", 25));
      System.out.println(answer);
    }
  }

  static void jndi() throws InterruptedException {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))
            .build();
    try (DnsFetcher fetcher = DnsFetchers.create("jndi", settings)) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx.example.com", 25));
      System.out.println(answer.status());
    }
  }

  static void cached() {
    DnsCache cache = DnsCache.builder().maxEntries(100_000).build();
    DnsFetcher fetcher = cache.wrap(DnsFetchers.create(DnsFetcherSettings.defaults()));
    fetcher.close();
    System.out.println(cache.statistics());
  }
}
