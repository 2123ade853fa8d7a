package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.testing.DnsWorld;
import io.github.dane4j.testkit.dns.Breakage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** Trust anchors: built-in root anchors, anchors from files and from code, and none at all. */
class TrustAnchorsTest {
  private static final InetSocketAddress NOWHERE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

  private static DnsWorld world;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
  }

  @AfterAll
  static void stopWorld() {
    world.close();
  }

  @Test
  void rootAnchors_parseAsIanaPublishedDsRecords() throws Exception {
    List<DSRecord> anchors = new ArrayList<>();
    try (Master master =
        new Master(
            new ByteArrayInputStream(TrustAnchors.ROOT_ANCHORS.getBytes(StandardCharsets.US_ASCII)),
            Name.root,
            0)) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        anchors.add((DSRecord) record);
      }
    }

    // Values of https://data.iana.org/root-anchors/root-anchors.xml: KSK-2017 and KSK-2024.
    assertThat(anchors).hasSize(2);
    assertThat(anchors).allMatch(ds -> ds.getName().equals(Name.root));
    assertThat(anchors).allMatch(ds -> ds.getAlgorithm() == DNSSEC.Algorithm.RSASHA256);
    assertThat(anchors).allMatch(ds -> ds.getDigestID() == DNSSEC.Digest.SHA256);
    assertThat(anchors).extracting(DSRecord::getFootprint).containsExactly(20326, 38696);
    assertThat(anchors)
        .extracting(ds -> HexFormat.of().withUpperCase().formatHex(ds.getDigest()))
        .containsExactly(
            "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
            "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16");
  }

  @Test
  void validator_defaultSettings_rootAnchorsOnly() {
    ValidatingResolver validator =
        DnsjavaFetcherProvider.validator(
            new SimpleResolver(NOWHERE), DnsFetcherSettings.builder().resolver(NOWHERE).build());

    RRset root = validator.getTrustAnchors().find(Name.root, org.xbill.DNS.DClass.IN);

    assertThat(validator.getTrustAnchors().items()).hasSize(1);
    assertThat(root).isNotNull();
    assertThat(root.rrs(false))
        .extracting(record -> ((DSRecord) record).getFootprint())
        .containsExactlyInAnyOrder(20326, 38696);
  }

  @Test
  void tlsa_anchorFromFile_secure(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("test.anchor");
    Files.writeString(
        file,
        "; Unbound trust-anchor-file\n" + world.server().trustAnchors(),
        StandardCharsets.US_ASCII);
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(world.server().address())
            .rootTrustAnchors(false)
            .trustAnchorFile(file)
            .build();

    try (DnsFetcher fetcher = new DnsjavaFetcherProvider().create(settings)) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx1.example.test", 25));

      assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    }
  }

  @Test
  void tlsa_anchorAsDnskey_secure() throws Exception {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(world.server().address())
            .rootTrustAnchors(false)
            .trustAnchors(testDnskeys())
            .build();

    try (DnsFetcher fetcher = new DnsjavaFetcherProvider().create(settings)) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx1.example.test", 25));

      assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    }
  }

  @Test
  void tlsa_anchorOfAnotherTree_insecure() throws Exception {
    // Only the root anchors: nothing under test. chains to them, so the answers are insecure.
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder().resolver(world.server().address()).build();

    try (DnsFetcher fetcher = new DnsjavaFetcherProvider().create(settings)) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx1.example.test", 25));

      assertThat(answer.status()).isNotEqualTo(DnssecStatus.SECURE);
    }
  }

  @Test
  void settings_noAnchorAtAll_configurationError() {
    DnsFetcherSettings.Builder builder =
        DnsFetcherSettings.builder().resolver(NOWHERE).rootTrustAnchors(false);

    assertThatIllegalStateException()
        .isThrownBy(builder::build)
        .withMessageContaining("no trust anchor");
  }

  @Test
  void create_anchorTextWithoutDsOrDnskey_rejected() {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(NOWHERE)
            .rootTrustAnchors(false)
            .trustAnchors("example.test. 3600 IN A 192.0.2.1\n")
            .build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DnsjavaFetcherProvider().create(settings))
        .withMessageContaining("contains no DS or DNSKEY record");
  }

  @Test
  void create_malformedAnchorText_rejectedNamingTheSource() {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(NOWHERE)
            .rootTrustAnchors(false)
            .trustAnchors(". IN DS not-a-key-tag 8 2 00\n")
            .build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DnsjavaFetcherProvider().create(settings))
        .withMessageContaining("trust anchors given in code");
  }

  @Test
  void create_missingAnchorFile_rejectedNamingTheFile(@TempDir Path directory) {
    Path missing = directory.resolve("missing.anchor");
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(NOWHERE)
            .rootTrustAnchors(false)
            .trustAnchorFile(missing)
            .build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DnsjavaFetcherProvider().create(settings))
        .withMessageContaining(missing.toString());
  }

  @Test
  void create_unparsableDnskeyAnchor_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors("test. IN DNSKEY 257 3 13 AAAA\n"))
        .withMessageContaining("No usable trust anchor for test.")
        .withMessageContaining("public key that cannot be parsed");
  }

  @Test
  void create_shortRsaDnskeyAnchor_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors("test. IN DNSKEY 257 3 8 AwEAAQ==\n"))
        .withMessageContaining("No usable trust anchor for test.")
        .withMessageContaining("DNSKEY 1803 for test. has a public key that cannot be parsed");
  }

  @Test
  void create_768BitRsaDnskeyAnchor_rejected() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(768);
    DNSKEYRecord key =
        new DNSKEYRecord(
            Name.fromConstantString("test."),
            org.xbill.DNS.DClass.IN,
            3600,
            257,
            DNSKEYRecord.Protocol.DNSSEC,
            DNSSEC.Algorithm.RSASHA256,
            generator.generateKeyPair().getPublic());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors(key + "\n"))
        .withMessageContaining(
            "has a 768-bit RSA modulus; the validator requires at least 1024 bits");
  }

  @Test
  void create_revokedDnskeyAnchor_rejected() throws Exception {
    // 385 and 384 are the flags 257 and 256 with REVOKE (128) added.
    String revoked =
        testDnskeys().replaceAll("(DNSKEY\\s+)257", "$1385").replaceAll("(DNSKEY\\s+)256", "$1384");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors(revoked))
        .withMessageContaining("REVOKE flag");
  }

  @Test
  void create_dsWithUnknownDigestType_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors("test. IN DS 12345 13 9 " + "AB".repeat(32) + "\n"))
        .withMessageContaining(
            "DS 12345 for test. uses digest type 9, which is not supported; give a SHA-256 (2) or"
                + " SHA-384 (4) DS record");
  }

  @Test
  void create_dsWithUnknownAlgorithm_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors("test. IN DS 12345 200 2 " + "AB".repeat(32) + "\n"))
        .withMessageContaining("DS 12345 for test. uses algorithm 200, which is not supported");
  }

  @Test
  void create_unusableAnchorOfDnsjavaValidator_rejected() {
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(NOWHERE)
            .rootTrustAnchors(false)
            .trustAnchors("test. IN DS 12345 13 9 " + "AB".repeat(32) + "\n")
            .build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DnsjavaFetcherProvider.validator(new SimpleResolver(NOWHERE), settings))
        .withMessageContaining("digest type 9");
  }

  @Test
  void tlsa_mixedAnchorSet_stillValidates() throws Exception {
    String anchors =
        "test. IN DS 12345 13 9 "
            + "AB".repeat(32)
            + "\ntest. IN DS 12345 200 2 "
            + "AB".repeat(32)
            + "\ntest. IN DNSKEY 257 3 13 AAAA\n"
            + world.server().trustAnchors();

    try (DnsFetcher fetcher = createWithAnchors(anchors)) {
      DnsAnswer<TlsaRecord> signed = fetcher.blocking().tlsa(TlsaQuery.tcp("mx1.example.test", 25));
      DnsAnswer<TlsaRecord> forged =
          fetcher.blocking().tlsa(TlsaQuery.tcp(DnsWorld.bogusHost(Breakage.WRONG_KEY), 25));

      assertThat(signed.status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(forged.status()).isEqualTo(DnssecStatus.BOGUS);
    }
  }

  @Test
  void create_originDirective_rejectedNamingTheLine() {
    String anchors = "; test zone\n$ORIGIN test.\n@ IN DS 12345 13 2 " + "AB".repeat(32) + "\n";

    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors(anchors))
        .withMessageContaining("trust anchors given in code: line 2: the $ORIGIN directive");
  }

  @Test
  void create_includeDirective_rejectedNamingTheLine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors("$INCLUDE /etc/hosts\n"))
        .withMessageContaining("line 1: the $INCLUDE directive");
  }

  @Test
  void create_generateDirective_rejectedNamingTheLine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors("$GENERATE 1-2 host$ A 192.0.2.$\n"))
        .withMessageContaining("line 1: the $GENERATE directive");
  }

  @Test
  void create_relativeOwner_rejectedNamingTheLine() {
    String anchors =
        world.server().trustAnchors() + "example IN DS 12345 13 2 " + "AB".repeat(32) + "\n";
    int line = (int) world.server().trustAnchors().lines().count() + 1;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors(anchors))
        .withMessageContaining("line " + line + ": the owner name example is relative");
  }

  @Test
  void create_classOtherThanIn_rejectedNamingTheLine() {
    String anchors = "\ntest. CH DS 12345 13 2 " + "AB".repeat(32) + "\n";

    assertThatIllegalArgumentException()
        .isThrownBy(() -> createWithAnchors(anchors))
        .withMessageContaining("line 2: record ")
        .withMessageContaining("has class CH; trust anchors must be class IN");
  }

  @Test
  void create_severalSources_eachParsedOnItsOwn() {
    // A second source counts its lines from 1: the first one's lines do not shift them.
    DnsFetcherSettings settings =
        DnsFetcherSettings.builder()
            .resolver(world.server().address())
            .rootTrustAnchors(false)
            .trustAnchors(world.server().trustAnchors())
            .trustAnchors("$ORIGIN test.\n")
            .build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DnsjavaFetcherProvider().create(settings))
        .withMessageContaining("line 1: the $ORIGIN directive");
  }

  @Test
  void tlsa_ttlDirectiveAndMultiLineDnskey_secure() throws Exception {
    StringBuilder anchors = new StringBuilder("$TTL 3600\n");
    try (Master master =
        new Master(
            new ByteArrayInputStream(testDnskeys().getBytes(StandardCharsets.US_ASCII)),
            Name.root,
            0)) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        DNSKEYRecord key = (DNSKEYRecord) record;
        anchors.append(
            String.format(
                "%s IN DNSKEY %d %d %d ( ; key tag %d%n  %s )%n",
                key.getName(),
                key.getFlags(),
                key.getProtocol(),
                key.getAlgorithm(),
                key.getFootprint(),
                Base64.getEncoder().encodeToString(key.getKey())));
      }
    }

    try (DnsFetcher fetcher = createWithAnchors(anchors.toString())) {
      DnsAnswer<TlsaRecord> answer = fetcher.blocking().tlsa(TlsaQuery.tcp("mx1.example.test", 25));

      assertThat(answer.status()).isEqualTo(DnssecStatus.SECURE);
    }
  }

  /** Creates an in-process validating fetcher over the test world with only {@code anchors}. */
  private static DnsFetcher createWithAnchors(String anchors) {
    return new DnsjavaFetcherProvider()
        .create(
            DnsFetcherSettings.builder()
                .resolver(world.server().address())
                .rootTrustAnchors(false)
                .trustAnchors(anchors)
                .build());
  }

  /** Returns the DNSKEY records of the test world's anchor zone, found through a plain query. */
  private static String testDnskeys() throws Exception {
    SimpleResolver resolver = new SimpleResolver(world.server().address());
    org.xbill.DNS.Message response =
        resolver.send(
            org.xbill.DNS.Message.newQuery(
                Record.newRecord(
                    Name.fromConstantString("test."),
                    org.xbill.DNS.Type.DNSKEY,
                    org.xbill.DNS.DClass.IN)));
    StringBuilder text = new StringBuilder();
    for (Record record : response.getSection(org.xbill.DNS.Section.ANSWER)) {
      if (record.getType() == org.xbill.DNS.Type.DNSKEY) {
        text.append(record).append('\n');
      }
    }
    return text.toString();
  }
}
