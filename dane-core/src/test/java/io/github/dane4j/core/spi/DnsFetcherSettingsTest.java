package io.github.dane4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.dane4j.core.spi.DnsFetcherSettings.Validation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DnsFetcherSettingsTest {
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);

  @Test
  void defaults_validatedInProcess() {
    DnsFetcherSettings settings = DnsFetcherSettings.defaults();

    assertThat(settings.resolvers()).isEmpty();
    assertThat(settings.validation()).isEqualTo(Validation.IN_PROCESS);
    assertThat(settings.rootTrustAnchors()).isTrue();
    assertThat(settings.allowUnauthenticatedAdBitFromRemoteResolvers()).isFalse();
    assertThat(settings.queryTimeout()).isEqualTo(DnsFetcherSettings.DEFAULT_QUERY_TIMEOUT);
    assertThat(settings.retries()).isEqualTo(DnsFetcherSettings.DEFAULT_RETRIES);
    assertThat(settings.lookupTimeout()).isEqualTo(DnsFetcherSettings.DEFAULT_LOOKUP_TIMEOUT);
    assertThat(settings.executor()).isNull();
  }

  @Test
  void build_inProcessWithoutAnyAnchor_configurationError() {
    DnsFetcherSettings.Builder builder = DnsFetcherSettings.builder().rootTrustAnchors(false);

    assertThatIllegalStateException()
        .isThrownBy(builder::build)
        .withMessageContaining("no trust anchor");
  }

  @Test
  void build_trustedResolverWithoutAnchors_accepted() {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .validation(Validation.TRUSTED_RESOLVER)
            .rootTrustAnchors(false)
            .resolver(LOOPBACK)
            .build();

    assertThat(settings.validation()).isEqualTo(Validation.TRUSTED_RESOLVER);
  }

  @Test
  void build_trustedRemoteResolverWithoutOptIn_rejected() {
    DnsFetcherSettings.Builder builder =
        DnsFetcherSettings.builder()
            .validation(Validation.TRUSTED_RESOLVER)
            .resolver(new InetSocketAddress("192.0.2.53", 53));

    assertThatIllegalStateException()
        .isThrownBy(builder::build)
        .withMessageContaining("not on the loopback interface");
  }

  @Test
  void build_trustedRemoteResolverWithOptIn_accepted() {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .validation(Validation.TRUSTED_RESOLVER)
            .resolver(new InetSocketAddress("192.0.2.53", 53))
            .allowUnauthenticatedAdBitFromRemoteResolvers(true)
            .build();

    assertThat(settings.allowUnauthenticatedAdBitFromRemoteResolvers()).isTrue();
  }

  @Test
  void resolver_unresolvedAddress_rejected() {
    InetSocketAddress unresolved = InetSocketAddress.createUnresolved("dns.example", 53);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DnsFetcherSettings.builder().resolver(unresolved))
        .withMessageContaining("give an IP address");
  }

  @Test
  void resolver_portZero_rejected() {
    InetSocketAddress portZero = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DnsFetcherSettings.builder().resolver(portZero))
        .withMessageContaining("port");
  }

  @Test
  void limits_outOfRange_rejected() {
    DnsFetcherSettings.Builder builder = DnsFetcherSettings.builder();

    assertThatIllegalArgumentException().isThrownBy(() -> builder.retries(-1));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.retries(11));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.maxAliasHops(0));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.maxAliasHops(33));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.maxRecordsPerResponse(0));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.udpPayloadSize(511));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.udpPayloadSize(4097));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.queryTimeout(Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.lookupTimeout(Duration.ofSeconds(-1)));
  }

  @Test
  void trustAnchors_blankText_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DnsFetcherSettings.builder().trustAnchors("  \n"))
        .withMessageContaining("DS or DNSKEY");
  }

  @Test
  void toBuilder_roundTrip_sameValues() {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(LOOPBACK)
            .rootTrustAnchors(false)
            .trustAnchors(". IN DS 1 8 2 00")
            .trustAnchorFile(Path.of("anchors.txt"))
            .queryTimeout(Duration.ofMillis(750))
            .retries(3)
            .lookupTimeout(Duration.ofSeconds(4))
            .maxAliasHops(4)
            .maxRecordsPerResponse(100)
            .udpPayloadSize(1400)
            .build();

    DnsFetcherSettings copy = settings.toBuilder().build();

    assertThat(copy.toString()).isEqualTo(settings.toString());
    assertThat(copy.trustAnchorTexts()).isEqualTo(settings.trustAnchorTexts());
  }
}
