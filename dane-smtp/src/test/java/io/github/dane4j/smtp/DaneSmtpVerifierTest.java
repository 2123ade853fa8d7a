package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.Certificates.spkiSha256;
import static io.github.dane4j.smtp.MailWorld.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.DaneTrustManager;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.DnsCache;
import io.github.dane4j.dns.DnsFetchers;
import io.github.dane4j.smtp.internal.StrictJsonParser;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyManagementException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verifier's API against one signed domain whose MX host {@code mx1} has a matching "3 1 1"
 * record and {@code mx2} a record that matches nothing: reports and their JSON, the asynchronous
 * forms, the MTA helper and its SSL objects, option checks and the DNS provider rules.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaneSmtpVerifierTest {
  private static final String DOMAIN = "example.test";
  private static final String MX1 = "mx1.example.test";
  private static final String MX2 = "mx2.example.test";
  private static final String TLS12_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

  private static TestChain mx1Chain;
  private static MailWorld world;

  @BeforeAll
  static void startWorld() {
    mx1Chain = chain(MX1);
    TestChain mx2Chain = chain(MX2);
    world =
        MailWorld.start(
            TestSmtpServer.builder().serverName(MX1).certificate(served(mx1Chain)),
            TestSmtpServer.builder().serverName(MX2).certificate(served(mx2Chain)));
    world.dns(
        List.of(
            TestZone.builder("example.test.")
                .mx("@", 10, MX1 + ".")
                .mx("@", 20, MX2 + ".")
                .a("mx1", ip(0))
                .a("mx2", ip(1))
                .tlsa(
                    world.tlsaPrefix() + ".mx1", 3, 1, 1, spkiSha256(mx1Chain.leaf().certificate()))
                .tlsa(world.tlsaPrefix() + ".mx2", 3, 1, 1, "00".repeat(32))
                .build()));
  }

  @AfterAll
  static void stopWorld() {
    world.close();
  }

  @Test
  void readmeExample_fiveLines_verifiesDomain() {
    DaneSmtpVerifier.Builder builder = world.verifier();
    // The README's five lines, with the builder above standing for DaneSmtp.verifier().
    try (DaneSmtpVerifier verifier = builder.build()) {
      DomainReport report = verifier.verifyDomain("example.test");
      System.out.println(report.verdict() + ": " + report.assessment().message());
      assertThat(report.toJson()).contains("\"verdict\"");
      assertThat(report.hosts()).hasSize(2);
    }
  }

  @Test
  void verifyDomain_oneGoodOneBadHost_worstHostDecides() {
    DomainReport report;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      report = verifier.verifyDomain(DOMAIN);
    }

    assertThat(report.hosts())
        .extracting(HostReport::verdict)
        .containsExactly(Verdict.AUTHENTICATED, Verdict.DANE_FAILURE);
    assertThat(report.hosts())
        .extracting(host -> host.preference().orElse(-1))
        .containsExactly(10, 20);
    assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
    assertThat(report.accepted()).isTrue();
    assertThat(report.assessment().fixHint()).isNotBlank();
  }

  @Test
  void toJson_domainReport_everyLevelHasVerdict() {
    DomainReport report;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      report = verifier.verifyDomain(DOMAIN);
    }

    Map<?, ?> root = asMap(StrictJsonParser.parse(report.toJson()));
    List<?> hosts = asList(root.get("hosts"));
    assertThat(root.get("schema")).isEqualTo("dane4j-smtp-report");
    assertThat(root.get("schemaVersion")).isEqualTo(BigDecimal.ONE);
    assertThat(root.get("type")).isEqualTo("domain");
    assertThat(root.get("verdict")).isEqualTo("dane-failure");
    assertThat(hosts).hasSize(2);
    for (Object host : hosts) {
      assertThat(asMap(host).get("verdict")).isIn("authenticated", "dane-failure");
      for (Object address : asList(asMap(host).get("addresses"))) {
        assertThat(asMap(address).get("verdict")).isIn("authenticated", "dane-failure");
        assertThat(asMap(address).get("fixHint")).isInstanceOf(String.class);
      }
    }
  }

  @Test
  void toJson_hostReport_typeHostWithRfc8460Policy() {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      report = verifier.verifyHost(MX1);
    }

    Map<?, ?> root = asMap(StrictJsonParser.parse(report.toJson()));
    Map<?, ?> policy = asMap(root.get("rfc8460Policy"));
    assertThat(root.get("type")).isEqualTo("host");
    assertThat(root.get("verdict")).isEqualTo("authenticated");
    assertThat(policy.get("policyType")).isEqualTo("tlsa");
    assertThat(List.copyOf(asList(policy.get("policyStrings"))))
        .isEqualTo(List.of("3 1 1 " + spkiSha256(mx1Chain.leaf().certificate())));
  }

  @Test
  void toJson_hostReport_addressHasTlsParameters() {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      report = verifier.verifyHost(MX1);
    }

    Map<?, ?> root = asMap(StrictJsonParser.parse(report.toJson()));
    List<?> addresses = asList(root.get("addresses"));
    assertThat(addresses).isNotEmpty();
    for (Object address : addresses) {
      assertThat(asMap(address).get("tlsProtocol")).isEqualTo("TLSv1.3");
      assertThat(asMap(address).get("cipherSuite")).isInstanceOf(String.class);
      assertThat(asMap(address).get("namedGroup")).isEqualTo("x25519");
      assertThat(asMap(address).get("tlsProvider")).isEqualTo("sunjsse");
    }
  }

  @Test
  void dnsCache_secondVerification_sendsNoQuery() {
    DnsCache cache = DnsCache.builder().build();
    DomainReport first;
    DomainReport second;
    List<?> queriesOfSecond;
    try (DaneSmtpVerifier verifier = world.verifier().dnsCache(cache).build()) {
      first = verifier.verifyDomain(DOMAIN);
      world.dnsServer().clearQueryLog();
      second = verifier.verifyDomain(DOMAIN);
      queriesOfSecond = world.dnsServer().queryLog();
    }

    assertThat(queriesOfSecond).isEmpty();
    assertThat(first.hosts())
        .extracting(HostReport::verdict)
        .containsExactly(Verdict.AUTHENTICATED, Verdict.DANE_FAILURE);
    assertThat(second.hosts())
        .extracting(HostReport::verdict)
        .containsExactly(Verdict.AUTHENTICATED, Verdict.DANE_FAILURE);
    assertThat(cache.statistics().hits()).isPositive();
    // Closing the verifier that created the fetcher drops the fetcher's entries.
    assertThat(cache.statistics().size()).isZero();
  }

  @Test
  void noDnsCache_secondVerification_queriesAgain() {
    List<?> queriesOfSecond;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      verifier.verifyDomain(DOMAIN);
      world.dnsServer().clearQueryLog();
      verifier.verifyDomain(DOMAIN);
      queriesOfSecond = world.dnsServer().queryLog();
    }

    // The validator keeps the zone keys, so the data queries remain: MX, addresses, TLSA.
    assertThat(queriesOfSecond).isNotEmpty();
  }

  @Test
  void verifyDomainAsync_completesWithSameVerdicts() throws Exception {
    try (DaneSmtpVerifier verifier = world.verifier().concurrency(1).build()) {
      CompletableFuture<DomainReport> first = verifier.verifyDomainAsync(DOMAIN);
      CompletableFuture<HostReport> second = verifier.verifyHostAsync(MX1);

      assertThat(first.get(30, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(second.get(30, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  @Test
  void verifyDomain_closedVerifier_throwsIllegalState() {
    DaneSmtpVerifier verifier = world.verifier().build();
    verifier.close();

    assertThatThrownBy(() -> verifier.verifyDomain(DOMAIN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void close_verificationInFlight_completesExceptionally() {
    DaneSmtpVerifier verifier = world.verifier().build();
    CompletableFuture<DomainReport> domain = verifier.verifyDomainAsync(DOMAIN);
    CompletableFuture<HostReport> host = verifier.verifyHostAsync(MX1);

    verifier.close();

    assertThat(domain)
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class)
        .withMessageContaining("closed");
    assertThat(host)
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_synchronousCallerWaiting_throwsIllegalState() throws Exception {
    DaneSmtpVerifier verifier = world.verifier().build();
    CompletableFuture<DomainReport> waiting =
        CompletableFuture.supplyAsync(() -> verifier.verifyDomain(DOMAIN));

    verifier.close();

    assertThat(waiting)
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void verifyDomain_invalidName_throwsIllegalArgumentNamingIt() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      assertThatThrownBy(() -> verifier.verifyDomain("bad..example"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad..example");
    }
  }

  @Test
  void requireDomain_internationalisedName_convertedToALabels() {
    assertThat(DaneSmtpVerifier.requireDomain("Bücher.Example.", "domain"))
        .isEqualTo("xn--bcher-kva.example");
  }

  @Test
  void verifyHost_invalidAddressLiteral_throwsIllegalArgument() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      assertThatThrownBy(() -> verifier.verifyHost("[192.0.2.1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("address literal");
    }
  }

  @Test
  void verifyHost_outOfRangeOctet_throwsBeforeAnyLookup() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      assertThatThrownBy(() -> verifier.verifyHost("[999.1.1.1]"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[999.1.1.1]")
          .hasMessageContaining("[IPv6:2001:db8::1]");
    }
  }

  @Test
  void verifyHost_shortDottedLiteral_throwsIllegalArgument() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      assertThatThrownBy(() -> verifier.verifyHost("[127.2]"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[127.2]");
    }
  }

  @Test
  void verifyHost_ipv6LoopbackLiteral_accepted() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      HostReport report = verifier.verifyHost("[IPv6:::1]");

      assertThat(report.policy().addresses())
          .extracting(InetAddress::getHostAddress)
          .containsExactly("0:0:0:0:0:0:0:1");
    }
  }

  @Test
  void verifyDomain_addressLiteral_pointsToVerifyHost() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      assertThatThrownBy(() -> verifier.verifyDomain("[127.0.0.2]"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("verifyHost");
    }
  }

  @Test
  void hostPolicy_addressLiteral_pointsToVerifyHost() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      assertThatThrownBy(() -> verifier.hostPolicy("[127.0.0.2]", DOMAIN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("verifyHost");
    }
  }

  @Test
  void verifyDomain_lineBreakInName_escapedInMessage() {
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      assertThatThrownBy(() -> verifier.verifyDomain("example.test\r\nRCPT TO:<x>"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("example.test\\r\\nRCPT")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void builder_invalidOptions_throwIllegalArgument() {
    DaneSmtpVerifier.Builder builder = DaneSmtp.verifier();

    assertThatThrownBy(() -> builder.port(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.concurrency(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(builder::addressFamilies).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.timeouts(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_jndiProviderWithoutOptIn_throwsIllegalState() {
    DaneSmtpVerifier.Builder builder = DaneSmtp.verifier().dns("jndi", world.dnsSettings());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("insecureAllowUnverifiedDns(true)");
  }

  @Test
  void jndiProvider_withOptIn_opportunisticWithoutTlsaQueries() {
    world.dnsServer().clearQueryLog();
    DomainReport report;
    try (DaneSmtpVerifier verifier =
        world
            .verifier()
            .dns("jndi", world.dnsSettings())
            .insecureAllowUnverifiedDns(true)
            .build()) {
      report = verifier.verifyDomain(DOMAIN);
    }

    assertThat(report.hosts()).extracting(HostReport::verdict).containsOnly(Verdict.OPPORTUNISTIC);
    assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    assertThat(world.dnsServer().queryLog())
        .noneMatch(query -> query.type() == org.xbill.DNS.Type.TLSA);
  }

  @Test
  void unverifiedAnswers_withoutOptIn_lookupFailure() {
    try (DnsFetcher jndi = DnsFetchers.create("jndi", world.dnsSettings());
        DaneSmtpVerifier verifier = world.verifier().dns(new RenamedFetcher(jndi)).build()) {
      DomainReport report = verifier.verifyDomain(DOMAIN);

      assertThat(report.verdict()).isEqualTo(Verdict.LOOKUP_FAILURE);
      assertThat(report.assessment().reasonCode()).contains("dnssec-status-unverified");
      assertThat(report.hosts()).isEmpty();
    }
  }

  @Test
  void hostPolicy_secureMx_nextHopNamesAndAddresses() {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      policy = verifier.hostPolicy(MX1, DOMAIN);
    }

    assertThat(policy.tlsPolicy()).isEqualTo(TlsPolicy.DANE_AUTHENTICATION);
    assertThat(policy.tlsPolicy().tlsRequired()).isTrue();
    assertThat(policy.referenceNames()).containsExactly(MX1, DOMAIN);
    assertThat(policy.addresses()).containsExactly(MailWorld.loopback(0));
    assertThat(policy.tlsaRecords()).hasSize(1);
    assertThat(policy.port()).isEqualTo(world.port());
  }

  @Test
  void hostPolicy_hostNotListedInMx_onlyBaseDomainIsReferenceName() {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      // An existing name without MX records, so its implicit MX host is itself, not MX1.
      policy = verifier.hostPolicy(MX1, MX2);
    }

    assertThat(policy.referenceNames()).containsExactly(MX1);
  }

  @Test
  void sslSocketFactory_matchingRecord_handshakeSucceedsWithSni() throws Exception {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      policy = verifier.hostPolicy(MX1, DOMAIN);
    }
    InetSocketAddress address = new InetSocketAddress(policy.addresses().get(0), policy.port());

    try (SSLSocket socket = StarttlsClient.upgrade(address, policy.sslSocketFactory(), MX1)) {
      assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
    }
    assertThat(world.server(0).sessions()).last().extracting(s -> s.sniHostName()).isEqualTo(MX1);
  }

  @Test
  void sslSocketFactory_mismatchingRecord_handshakeFails() {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      policy = verifier.hostPolicy(MX2, DOMAIN);
    }
    InetSocketAddress address = new InetSocketAddress(policy.addresses().get(0), policy.port());

    assertThatThrownBy(() -> StarttlsClient.upgrade(address, policy.sslSocketFactory(), MX2))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void sslSocketFactory_auditOnlyMismatch_handshakeSucceeds() throws Exception {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().auditOnly(true).build()) {
      policy = verifier.hostPolicy(MX2, DOMAIN);
    }
    InetSocketAddress address = new InetSocketAddress(policy.addresses().get(0), policy.port());

    try (SSLSocket socket = StarttlsClient.upgrade(address, policy.sslSocketFactory(), MX2)) {
      assertThat(socket.getSession().getPeerCertificates()).isNotEmpty();
    }
  }

  private static HostPolicy tls12Policy(TlsProvider provider) {
    ConnectorSettings settings =
        ConnectorSettings.builder()
            .ehloName("client.example.test")
            .tlsProvider(provider)
            .tlsProtocols(List.of("TLSv1.2"))
            .cipherSuites(List.of(TLS12_SUITE))
            .build();
    try (DaneSmtpVerifier verifier = world.verifier().connector(settings).build()) {
      return verifier.hostPolicy(MX1, DOMAIN);
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void sslSocketFactory_tls12Only_negotiatesConfiguredVersionAndSuite(TlsProvider provider)
      throws Exception {
    HostPolicy policy = tls12Policy(provider);
    InetSocketAddress address = new InetSocketAddress(policy.addresses().get(0), policy.port());

    try (SSLSocket socket = StarttlsClient.upgrade(address, policy.sslSocketFactory(), MX1)) {
      assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.2");
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(socket.getSession().getCipherSuite()).isEqualTo(TLS12_SUITE);
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void sslContext_tls12Only_defaultsAndEnginesRestricted(TlsProvider provider) {
    HostPolicy policy = tls12Policy(provider);
    SSLContext context = policy.sslContext();

    assertThat(context.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.2");
    assertThat(context.getDefaultSSLParameters().getCipherSuites()).containsExactly(TLS12_SUITE);
    assertThat(context.createSSLEngine().getEnabledProtocols()).containsExactly("TLSv1.2");
    assertThat(context.getSocketFactory().getDefaultCipherSuites()).containsExactly(TLS12_SUITE);
    assertThat(policy.sslEngine(ip(0), policy.port()).getEnabledProtocols())
        .containsExactly("TLSv1.2");
    assertThat(policy.sslEngine(ip(0), policy.port()).getEnabledCipherSuites())
        .containsExactly(TLS12_SUITE);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void sslContext_defaultSettings_enablesTls13AndTls12(TlsProvider provider) {
    ConnectorSettings settings =
        ConnectorSettings.builder().ehloName("client.example.test").tlsProvider(provider).build();
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().connector(settings).build()) {
      policy = verifier.hostPolicy(MX1, DOMAIN);
    }

    assertThat(policy.sslEngine(ip(0), policy.port()).getEnabledProtocols())
        .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    assertThat(policy.tlsProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void sslContext_init_rejectedBecauseTrustManagerIsSet() {
    SSLContext context = tls12Policy(TlsProvider.SUNJSSE).sslContext();

    assertThatThrownBy(() -> context.init(null, null, null))
        .isInstanceOf(KeyManagementException.class);
  }

  @Test
  void newTrustManager_eachCall_newInstanceWithReferenceNames() {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      policy = verifier.hostPolicy(MX1, DOMAIN);
    }
    DaneTrustManager first = policy.newTrustManager();

    assertThat(first).isNotSameAs(policy.newTrustManager());
    assertThat(first.tlsRequired()).isTrue();
    assertThat(first.referenceNames()).containsExactly(MX1, DOMAIN);
  }

  @Test
  void sslEngine_setsSniToBaseDomain() {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      policy = verifier.hostPolicy(MX1, DOMAIN);
    }
    SSLEngine engine = policy.sslEngine(ip(0), policy.port());

    assertThat(engine.getUseClientMode()).isTrue();
    assertThat(engine.getSSLParameters().getServerNames()).containsExactly(new SNIHostName(MX1));
  }

  @Test
  void hostPolicy_unreachableHost_sslObjectsThrowIllegalState() {
    HostPolicy policy;
    try (DaneSmtpVerifier verifier = world.verifier().build()) {
      policy = verifier.hostPolicy("nowhere.example.test", DOMAIN);
    }

    assertThat(policy.tlsPolicy()).isEqualTo(TlsPolicy.UNREACHABLE);
    assertThat(policy.unreachableAssessment().map(Assessment::verdict))
        .contains(Verdict.CONNECTION_FAILURE);
    assertThatThrownBy(policy::newTrustManager)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nowhere.example.test");
    assertThatThrownBy(policy::sslSocketFactory).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void addressFamilies_ipv6Only_noAddressRecords() {
    HostReport report;
    try (DaneSmtpVerifier verifier = world.verifier().addressFamilies(AddressFamily.IPV6).build()) {
      report = verifier.verifyHost(MX1);
    }

    assertThat(report.verdict()).isEqualTo(Verdict.CONNECTION_FAILURE);
    assertThat(report.assessment().reasonCode()).contains("no-address-records");
  }

  private static List<?> asList(@Nullable Object value) {
    assertThat(value).isInstanceOf(List.class);
    return value instanceof List<?> list ? list : List.of();
  }

  private static Map<?, ?> asMap(@Nullable Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  /** A fetcher under another provider name, so that the verifier's JNDI check does not apply. */
  private static final class RenamedFetcher implements DnsFetcher {
    private final DnsFetcher delegate;

    RenamedFetcher(DnsFetcher delegate) {
      this.delegate = delegate;
    }

    @Override
    public String providerName() {
      return "unverified-test";
    }

    @Override
    public CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query) {
      return delegate.tlsa(query);
    }

    @Override
    public CompletionStage<DnsAnswer<MxRecord>> mx(String domain) {
      return delegate.mx(domain);
    }

    @Override
    public CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family) {
      return delegate.addresses(host, family);
    }

    @Override
    public CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name) {
      return delegate.cnameChain(name);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
