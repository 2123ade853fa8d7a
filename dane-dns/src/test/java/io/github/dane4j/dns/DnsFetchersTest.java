package io.github.dane4j.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherProvider;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.dns.testing.ThirdPartyProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Provider lookup by name through ServiceLoader. */
class DnsFetchersTest {
  // Fetchers are only created here, never asked, so nothing is sent to this address.
  private static final DnsFetcherSettings SETTINGS =
      DnsFetcherSettings.builder()
          .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9))
          .build();

  @Test
  void providers_builtIn_dnsjavaAndJndiRegistered() {
    assertThat(DnsFetchers.providers())
        .extracting(DnsFetcherProvider::name)
        .contains("dnsjava", "jndi");
  }

  @Test
  void provider_nameInOtherCase_found() {
    assertThat(DnsFetchers.provider("DNSJava")).isPresent();
  }

  @Test
  void provider_unknownName_empty() {
    assertThat(DnsFetchers.provider("no-such-provider")).isEmpty();
  }

  @Test
  void create_byName_fetcherOfThatProvider() {
    try (DnsFetcher dnsjava = DnsFetchers.create("dnsjava", SETTINGS);
        DnsFetcher jndi = DnsFetchers.create("jndi", SETTINGS)) {
      assertThat(dnsjava.providerName()).isEqualTo("dnsjava");
      assertThat(jndi.providerName()).isEqualTo("jndi");
    }
  }

  @Test
  void create_withoutName_dnsjava() {
    try (DnsFetcher fetcher = DnsFetchers.create(SETTINGS)) {
      assertThat(fetcher.providerName()).isEqualTo(DnsFetchers.DEFAULT_PROVIDER);
    }
  }

  @Test
  void create_thirdPartyProviderOnClassPath_found() {
    try (DnsFetcher fetcher = DnsFetchers.create(ThirdPartyProvider.NAME, SETTINGS)) {
      assertThat(fetcher.providerName()).isEqualTo(ThirdPartyProvider.NAME);
    }
  }

  @Test
  void create_unknownName_errorListsAvailableProviders() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DnsFetchers.create("unbound", SETTINGS))
        .withMessageContaining("\"unbound\"")
        .withMessageContaining("dnsjava")
        .withMessageContaining("jndi");
  }
}
