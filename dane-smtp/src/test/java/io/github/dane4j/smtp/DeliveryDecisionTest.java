package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.certSha256;
import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.Certificates.spkiSha256;
import static io.github.dane4j.smtp.MailWorld.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.testkit.dns.Behaviour;
import io.github.dane4j.testkit.dns.Breakage;
import io.github.dane4j.testkit.dns.ObservedQuery;
import io.github.dane4j.testkit.dns.Reply;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.SmtpSession;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Type;

/**
 * The RFC 7672 delivery decisions end to end: MX lookup, address and CNAME lookups, candidate TLSA
 * base domains, TLSA lookups, reference identifiers, SNI and the policy knobs, through the verifier
 * against a signed zone tree and SMTP servers on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveryDecisionTest {
  private static final String DOMAIN = "example.test";
  private static final String MX1 = "mx1.example.test";
  private static final String MX2 = "mx2.example.test";
  private static final Duration SESSION_WAIT = Duration.ofSeconds(10);

  private static TestChain mx1Chain;
  private static TestChain mx2Chain;

  /** A chain whose leaf names only the next-hop domain, so only that reference id matches. */
  private static TestChain nextHopOnlyChain;

  @BeforeAll
  static void createChains() {
    mx1Chain = chain(MX1);
    mx2Chain = chain(MX2);
    nextHopOnlyChain = chain(DOMAIN);
  }

  private static TestSmtpServer.Builder server(String name, TestChain chain) {
    return TestSmtpServer.builder().serverName(name).certificate(served(chain));
  }

  private static String daneEe(TestChain chain) {
    return spkiSha256(chain.leaf().certificate());
  }

  private static String daneTa(TestChain chain) {
    return certSha256(chain.intermediate().certificate());
  }

  private static List<ObservedQuery> tlsaQueries(MailWorld world) {
    return world.dnsServer().queryLog().stream().filter(q -> q.type() == Type.TLSA).toList();
  }

  // RFC 7672 section 2.1.2: a failed MX lookup defers the whole destination and contacts no
  // server.

  @Test
  void mxLookup_servfail_defersWithoutContactingServers() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .build()),
          Behaviour.forQuery("example.test.", Type.MX, Reply.servfail()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.verdict()).isEqualTo(Verdict.LOOKUP_FAILURE);
      assertThat(report.assessment().resultType()).contains(Rfc8460ResultType.DNSSEC_INVALID);
      assertThat(report.assessment().reasonCode()).contains("mx-lookup-failed");
      assertThat(report.mx().kind()).isEqualTo(AnswerKind.FAILURE);
      assertThat(report.hosts()).isEmpty();
      assertThat(report.accepted()).isFalse();
      assertThat(world.server(0).sessions()).isEmpty();
    }
  }

  @Test
  void mxLookup_bogusSignature_defersWithoutContactingServers() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .broken("@", Type.MX, Breakage.EXPIRED_SIGNATURES)
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.verdict()).isEqualTo(Verdict.LOOKUP_FAILURE);
      assertThat(report.mx().status()).isEqualTo(DnssecStatus.BOGUS);
      assertThat(report.hosts()).isEmpty();
      assertThat(world.server(0).sessions()).isEmpty();
    }
  }

  // RFC 7672 section 2.1.2: a failed address lookup rules out only that host.

  @Test
  void addressLookup_bogusOnFirstHost_deliversViaSecond() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain), server(MX2, mx2Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .mx("@", 20, MX2 + ".")
                  .a("mx1", ip(0))
                  .a("mx2", ip(1))
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .tlsa(world.tlsaPrefix() + ".mx2", 3, 1, 1, daneEe(mx2Chain))
                  .broken("mx1", Type.A, Breakage.WRONG_KEY)
                  .build()));
      DomainReport monitor;
      DomainReport delivery;
      try (DaneSmtpVerifier verifier = world.verifier().build();
          DaneSmtpVerifier mta = world.verifier().mode(RunMode.DELIVERY).build()) {
        monitor = verifier.verifyDomain(DOMAIN);
        delivery = mta.verifyDomain(DOMAIN);
      }

      assertThat(monitor.hosts())
          .extracting(HostReport::verdict)
          .containsExactly(Verdict.LOOKUP_FAILURE, Verdict.AUTHENTICATED);
      assertThat(monitor.hosts().get(0).assessment().reasonCode())
          .contains("address-lookup-failed");
      assertThat(monitor.hosts().get(0).addresses()).isEmpty();
      assertThat(monitor.verdict()).isEqualTo(Verdict.LOOKUP_FAILURE);
      assertThat(delivery.accepted()).isTrue();
      assertThat(delivery.acceptedAddress().orElseThrow().address().getAddress())
          .isEqualTo(MailWorld.loopback(1));
      assertThat(delivery.assessment().fixHint()).doesNotContain("is deferred");
      assertThat(world.server(0).sessions()).isEmpty();
    }
  }

  // RFC 7672 section 2.2.2: insecure address records mean no TLSA lookup, so opportunistic TLS.

  @Test
  void addressRecords_insecure_noTlsaQueryAndOpportunistic() throws Exception {
    try (MailWorld world = MailWorld.start(server("mx.unsigned.test", mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.").mx("@", 10, "mx.unsigned.test.").build(),
              TestZone.builder("unsigned.test.")
                  .unsigned()
                  .a("mx", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostReport host = report.hosts().get(0);

      assertThat(host.policy().addressStatus()).contains(DnssecStatus.INSECURE);
      assertThat(host.policy().candidateBaseDomains()).isEmpty();
      assertThat(host.policy().tlsPolicy()).isEqualTo(TlsPolicy.OPPORTUNISTIC);
      assertThat(host.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
      assertThat(tlsaQueries(world)).isEmpty();
    }
  }

  // RFC 7672 sections 2.2.3 and 3.2.2: a secure CNAME makes the expanded name the TLSA base
  // domain and the SNI name. With the next-hop domain, it is a reference identifier.

  @Test
  void mxHostAlias_secureChainWithTlsaAtTarget_expandedNameIsBaseDomain() throws Exception {
    try (MailWorld world = MailWorld.start(server("mxb.other.test", nextHopOnlyChain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .cname("mx1", "mxb.other.test.")
                  .build(),
              TestZone.builder("other.test.")
                  .a("mxb", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mxb", 2, 0, 1, daneTa(nextHopOnlyChain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();
      SmtpSession session = world.server(0).awaitSession(SESSION_WAIT);

      assertThat(policy.candidateBaseDomains()).containsExactly("mxb.other.test", MX1);
      assertThat(policy.tlsaBaseDomain()).contains("mxb.other.test");
      assertThat(policy.referenceNames()).containsExactly("mxb.other.test", DOMAIN);
      assertThat(policy.sniHostName()).contains("mxb.other.test");
      assertThat(session.sniHostName()).isEqualTo("mxb.other.test");
      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  // RFC 7672 section 2.2.3: without TLSA at the expanded name, the original name is the TLSA base
  // domain.

  @Test
  void mxHostAlias_tlsaOnlyAtOriginal_originalIsBaseDomainAndSni() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .cname("mx1", "mxb.other.test.")
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .build(),
              TestZone.builder("other.test.").a("mxb", ip(0)).build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();
      SmtpSession session = world.server(0).awaitSession(SESSION_WAIT);

      assertThat(policy.tlsaLookups())
          .extracting(TlsaLookup::kind)
          .containsExactly(AnswerKind.NXDOMAIN, AnswerKind.RECORDS);
      assertThat(policy.tlsaLookups().get(0).status()).isEqualTo(DnssecStatus.SECURE);
      assertThat(policy.tlsaBaseDomain()).contains(MX1);
      assertThat(session.sniHostName()).isEqualTo(MX1);
      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  // RFC 7672 section 2.2.3: with TLSA at both names, only the expanded name's RRset counts.

  @Test
  void mxHostAlias_tlsaAtBothNames_expandedRrsetDecides() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .cname("mx1", "mxb.other.test.")
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .build(),
              TestZone.builder("other.test.")
                  .a("mxb", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mxb", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostReport host = report.hosts().get(0);

      assertThat(host.policy().tlsaLookups()).hasSize(1);
      assertThat(host.policy().tlsaBaseDomain()).contains("mxb.other.test");
      assertThat(host.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(host.assessment().reasonCode()).contains("dane-no-match");
    }
  }

  // RFC 7672 section 2.2.2: a secure CNAME to insecure address records leaves only the original
  // name.

  @Test
  void mxHostAlias_targetAddressInsecure_onlyOriginalIsCandidate() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .cname("mx1", "mxc.unsigned.test.")
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .build(),
              TestZone.builder("unsigned.test.").unsigned().a("mxc", ip(0)).build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();

      assertThat(policy.addressStatus()).contains(DnssecStatus.INSECURE);
      assertThat(policy.candidateBaseDomains()).containsExactly(MX1);
      assertThat(policy.tlsaBaseDomain()).contains(MX1);
      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  // RFC 7672 section 2.2.2: an insecure first CNAME means no DANE for the host.

  @Test
  void mxHostAlias_firstCnameInsecure_noTlsaQuery() throws Exception {
    try (MailWorld world = MailWorld.start(server("mxb.other.test", mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.").mx("@", 10, "mx.unsigned.test.").build(),
              TestZone.builder("unsigned.test.").unsigned().cname("mx", "mxb.other.test.").build(),
              TestZone.builder("other.test.")
                  .a("mxb", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mxb", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();

      assertThat(policy.cnameChain())
          .extracting(CnameHop::status)
          .containsExactly(DnssecStatus.INSECURE);
      assertThat(policy.candidateBaseDomains()).isEmpty();
      assertThat(tlsaQueries(world)).isEmpty();
      assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    }
  }

  // RFC 7672 section 2.1.3: a chain that turns insecure after a secure first hop leaves only the
  // original name.

  @Test
  void mxHostAlias_chainTurnsInsecure_onlyOriginalIsCandidate() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .cname("mx1", "a.unsigned.test.")
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .build(),
              TestZone.builder("unsigned.test.").unsigned().cname("a", "b.other.test.").build(),
              TestZone.builder("other.test.")
                  .a("b", ip(0))
                  .tlsa(world.tlsaPrefix() + ".b", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();

      assertThat(policy.cnameChain())
          .extracting(CnameHop::status)
          .containsExactly(DnssecStatus.SECURE, DnssecStatus.INSECURE);
      assertThat(policy.candidateBaseDomains()).containsExactly(MX1);
      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  // RFC 7672 section 2.2.3: names in the middle of a CNAME chain are never candidates.

  @Test
  void mxHostAlias_tlsaAtIntermediateAlias_neverUsed() throws Exception {
    try (MailWorld world = MailWorld.start(server("b.other.test", mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .cname("mx1", "a.other.test.")
                  .build(),
              TestZone.builder("other.test.")
                  .cname("a", "b.other.test.")
                  .a("b", ip(0))
                  .tlsa(world.tlsaPrefix() + ".a", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();

      assertThat(policy.candidateBaseDomains()).containsExactly("b.other.test", MX1);
      assertThat(policy.tlsaLookups())
          .extracting(TlsaLookup::baseDomain)
          .containsExactly("b.other.test", MX1);
      assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    }
  }

  // RFC 7672 section 2.1.2: a failed TLSA lookup makes the host unreachable, and the next
  // candidate is not tried.

  @Test
  void tlsaLookup_servfailAtExpandedName_hostUnreachable() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .cname("mx1", "mxb.other.test.")
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .build(),
              TestZone.builder("other.test.").a("mxb", ip(0)).build()),
          Behaviour.forQuery(world.tlsaPrefix() + ".mxb.other.test.", Type.TLSA, Reply.servfail()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostReport host = report.hosts().get(0);

      assertThat(host.policy().tlsPolicy()).isEqualTo(TlsPolicy.UNREACHABLE);
      assertThat(host.policy().tlsaLookups()).hasSize(1);
      assertThat(host.verdict()).isEqualTo(Verdict.LOOKUP_FAILURE);
      assertThat(host.assessment().resultType()).contains(Rfc8460ResultType.DNSSEC_INVALID);
      assertThat(host.assessment().reasonCode()).contains("tlsa-lookup-failed");
      assertThat(world.server(0).sessions()).isEmpty();
    }
  }

  // RFC 7672 section 2.2.3: a CNAME on the TLSA owner name leaves the TLSA base domain as it is.

  @Test
  void tlsaOwnerAlias_secure_baseDomainStaysHostName() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, nextHopOnlyChain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .cname(world.tlsaPrefix() + ".mx1", "tlsa._dane.example.test.")
                  .tlsa("tlsa._dane", 2, 0, 1, daneTa(nextHopOnlyChain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();

      assertThat(policy.tlsaLookups().get(0).namesFollowed()).hasSize(2);
      assertThat(policy.tlsaBaseDomain()).contains(MX1);
      assertThat(policy.referenceNames()).containsExactly(MX1, DOMAIN);
      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  // RFC 7672 section 2.2.3: a TLSA owner name that leads into an unsigned zone has no secure TLSA
  // RRset.

  @Test
  void tlsaOwnerAlias_intoUnsignedZone_opportunistic() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .cname(world.tlsaPrefix() + ".mx1", "tlsa.unsigned.test.")
                  .build(),
              TestZone.builder("unsigned.test.")
                  .unsigned()
                  .tlsa("tlsa", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostPolicy policy = report.hosts().get(0).policy();

      assertThat(policy.tlsaLookups().get(0).status()).isEqualTo(DnssecStatus.INSECURE);
      assertThat(policy.tlsPolicy()).isEqualTo(TlsPolicy.OPPORTUNISTIC);
      assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    }
  }

  // RFC 7672 section 2.2.1: the more preferred host comes first, even without TLSA.

  @Test
  void delivery_preferredHostWithoutTlsa_triedFirstAndAccepted() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain), server(MX2, mx2Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .mx("@", 20, MX2 + ".")
                  .a("mx1", ip(0))
                  .a("mx2", ip(1))
                  .tlsa(world.tlsaPrefix() + ".mx2", 3, 1, 1, daneEe(mx2Chain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().mode(RunMode.DELIVERY).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.hosts()).extracting(HostReport::host).containsExactly(MX1);
      assertThat(report.hosts().get(0).verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
      assertThat(report.accepted()).isTrue();
      assertThat(world.server(1).sessions()).isEmpty();
    }
  }

  // RFC 5321 section 5.1: hosts of equal preference may come in either order.

  @Test
  void delivery_equalPreference_oneHostAccepts() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain), server(MX2, mx2Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .mx("@", 10, MX2 + ".")
                  .a("mx1", ip(0))
                  .a("mx2", ip(1))
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, daneEe(mx1Chain))
                  .build()));
      DomainReport delivery;
      DomainReport monitor;
      try (DaneSmtpVerifier mta = world.verifier().mode(RunMode.DELIVERY).build();
          DaneSmtpVerifier verifier = world.verifier().build()) {
        delivery = mta.verifyDomain(DOMAIN);
        monitor = verifier.verifyDomain(DOMAIN);
      }

      assertThat(delivery.hosts()).hasSize(1);
      assertThat(delivery.hosts().get(0).host()).isIn(MX1, MX2);
      assertThat(delivery.accepted()).isTrue();
      assertThat(monitor.hosts())
          .extracting(HostReport::verdict)
          .containsExactly(Verdict.AUTHENTICATED, Verdict.OPPORTUNISTIC);
      assertThat(monitor.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    }
  }

  // RFC 7672 section 2.2.1: after a DANE failure, the next host may take the mail with
  // opportunistic TLS.

  @Test
  void delivery_daneFailureThenHostWithoutTlsa_acceptedBySecond() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain), server(MX2, mx2Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .mx("@", 20, MX2 + ".")
                  .a("mx1", ip(0))
                  .a("mx2", ip(1))
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().mode(RunMode.DELIVERY).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.hosts())
          .extracting(HostReport::verdict)
          .containsExactly(Verdict.DANE_FAILURE, Verdict.OPPORTUNISTIC);
      assertThat(report.hosts().get(0).assessment().resultType())
          .contains(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
      assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(report.acceptedAddress().orElseThrow().address().getAddress())
          .isEqualTo(MailWorld.loopback(1));
      assertThat(world.server(0).awaitSession(SESSION_WAIT).commands())
          .doesNotContain("MAIL FROM:<>");
    }
  }

  // RFC 7672 section 2.2.1: a DANE-mandatory destination with an insecure MX RRset is deferred.

  @Test
  void daneRequired_insecureMx_deferredWithoutContactingServers() throws Exception {
    try (MailWorld world = MailWorld.start(server("mx.insecure.test", mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("insecure.test.")
                  .unsigned()
                  .mx("@", 10, "mx.insecure.test.")
                  .a("mx", ip(0))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().daneRequired("insecure.test").build()) {
        report = verifier.verifyDomain("insecure.test");
      }

      assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(report.assessment().resultType()).contains(Rfc8460ResultType.DANE_REQUIRED);
      assertThat(report.hosts()).isEmpty();
      assertThat(report.accepted()).isFalse();
      assertThat(world.server(0).sessions()).isEmpty();
    }
  }

  // RFC 7672 section 6: a DANE-mandatory destination whose TLSA records are all unusable is
  // deferred.

  @Test
  void daneRequired_allRecordsUnusable_deferred() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx1", 4, 1, 1, daneEe(mx1Chain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().daneRequired(DOMAIN).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostReport host = report.hosts().get(0);

      assertThat(host.policy().tlsPolicy()).isEqualTo(TlsPolicy.UNREACHABLE);
      assertThat(host.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(host.assessment().resultType()).contains(Rfc8460ResultType.DANE_REQUIRED);
      assertThat(report.accepted()).isFalse();
      assertThat(world.server(0).sessions()).isEmpty();
    }
  }

  @Test
  void daneRequired_hostWithoutTlsa_deferred() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.").mx("@", 10, MX1 + ".").a("mx1", ip(0)).build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().daneRequired(DOMAIN).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(report.assessment().reasonCode()).contains("dane-required-no-tlsa");
      assertThat(world.server(0).sessions()).isEmpty();
    }
  }

  // RFC 7672 section 2.2: an address-literal next hop gets no DNS lookup and no DANE.

  @Test
  void verifyHost_addressLiteral_noDnsAndNoSni() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(List.of(TestZone.builder("example.test.").build()));
      HostReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyHost("[" + ip(0) + "]");
      }
      SmtpSession session = world.server(0).awaitSession(SESSION_WAIT);

      assertThat(report.policy().tlsPolicy()).isEqualTo(TlsPolicy.OPPORTUNISTIC);
      assertThat(report.policy().referenceNames()).isEmpty();
      assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
      assertThat(session.sniHostName()).isNull();
      assertThat(world.dnsServer().queryLog()).isEmpty();
    }
  }

  // RFC 7672 section 2.2.2: without MX records, the domain is its own host and its name the TLSA
  // base domain.

  @Test
  void mxNodata_domainWithTlsa_domainIsBaseDomain() throws Exception {
    TestChain domainChain = chain(DOMAIN);
    try (MailWorld world = MailWorld.start(server(DOMAIN, domainChain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .a("@", ip(0))
                  .tlsa(world.tlsaPrefix(), 3, 1, 1, daneEe(domainChain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.mx().kind()).isEqualTo(AnswerKind.NODATA);
      assertThat(report.mx().implicitMx()).isTrue();
      assertThat(report.hosts()).extracting(HostReport::host).containsExactly(DOMAIN);
      assertThat(report.hosts().get(0).policy().tlsaBaseDomain()).contains(DOMAIN);
      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  // RFC 7672 section 2.2.3: the TLSA owner name carries the port actually used.

  @Test
  void verifyHost_nonDefaultPort_queriesTlsaForThatPort() throws Exception {
    try (MailWorld world = MailWorld.start(server("relay.example.test", mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .a("relay", ip(0))
                  .tlsa("_25._tcp.relay", 3, 1, 1, spkiSha256(mx1Chain.leaf().certificate()))
                  .build()));
      HostReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyHost("relay.example.test");
      }

      assertThat(tlsaQueries(world))
          .extracting(query -> query.name().toString())
          .containsOnly(world.tlsaPrefix() + ".relay.example.test.");
      assertThat(report.policy().tlsaLookups().get(0).ownerName())
          .isEqualTo(world.tlsaPrefix() + ".relay.example.test.");
      assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
    }
  }

  @Test
  void verifyHost_relayName_isReferenceIdentifier() throws Exception {
    TestChain relayChain = chain("relay.example.test");
    try (MailWorld world = MailWorld.start(server("relay.example.test", relayChain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.").cname("relay", "smtp.other.test.").build(),
              TestZone.builder("other.test.")
                  .a("smtp", ip(0))
                  .tlsa(world.tlsaPrefix() + ".smtp", 2, 0, 1, daneTa(relayChain))
                  .build()));
      HostReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyHost("relay.example.test");
      }

      assertThat(report.policy().referenceNames())
          .containsExactly("smtp.other.test", "relay.example.test");
      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
    }
  }

  // RFC 7672 section 2.2.1: an insecure MX RRset never yields secure delivery to the domain, and
  // the next-hop domain is then no reference identifier.

  @Test
  void insecureMx_hostAuthenticated_domainOnlyOpportunistic() throws Exception {
    TestChain hostChain = chain("mx.other.test");
    try (MailWorld world = MailWorld.start(server("mx.other.test", hostChain))) {
      world.dns(
          List.of(
              TestZone.builder("insecure.test.").unsigned().mx("@", 10, "mx.other.test.").build(),
              TestZone.builder("other.test.")
                  .a("mx", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx", 3, 1, 1, daneEe(hostChain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain("insecure.test");
      }
      HostReport host = report.hosts().get(0);

      assertThat(report.mx().status()).isEqualTo(DnssecStatus.INSECURE);
      assertThat(host.verdict()).isEqualTo(Verdict.AUTHENTICATED);
      assertThat(host.policy().referenceNames()).containsExactly("mx.other.test");
      assertThat(report.verdict()).isEqualTo(Verdict.OPPORTUNISTIC);
      assertThat(report.assessment().reasonCode()).contains("mx-insecure");
    }
  }

  @Test
  void insecureMx_daneTaWithNextHopName_hostMismatch() throws Exception {
    TestChain chain = chain("insecure.test");
    try (MailWorld world = MailWorld.start(server("mx.other.test", chain))) {
      world.dns(
          List.of(
              TestZone.builder("insecure.test.").unsigned().mx("@", 10, "mx.other.test.").build(),
              TestZone.builder("other.test.")
                  .a("mx", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx", 2, 0, 1, daneTa(chain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain("insecure.test");
      }

      assertThat(report.hosts().get(0).verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(report.hosts().get(0).assessment().resultType())
          .contains(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH);
    }
  }

  @Test
  void nullMx_connectionFailureWithoutHosts() throws Exception {
    try (MailWorld world = MailWorld.start()) {
      world.dns(List.of(TestZone.builder("example.test.").mx("@", 0, ".").build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.mx().nullMx()).isTrue();
      assertThat(report.verdict()).isEqualTo(Verdict.CONNECTION_FAILURE);
      assertThat(report.assessment().reasonCode()).contains("null-mx");
      assertThat(report.hosts()).isEmpty();
    }
  }

  @Test
  void mxHost_withoutAddressRecords_connectionFailure() throws Exception {
    try (MailWorld world = MailWorld.start()) {
      world.dns(
          List.of(TestZone.builder("example.test.").mx("@", 10, "nowhere.example.test.").build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostReport host = report.hosts().get(0);

      assertThat(host.verdict()).isEqualTo(Verdict.CONNECTION_FAILURE);
      assertThat(host.assessment().reasonCode()).contains("no-address-records");
      assertThat(host.policy().tlsPolicy()).isEqualTo(TlsPolicy.UNREACHABLE);
    }
  }

  @Test
  void tlsaAllUnusable_tlsWithoutAuthentication() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx1", 1, 1, 1, daneEe(mx1Chain))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      HostReport host = report.hosts().get(0);

      assertThat(host.policy().tlsPolicy()).isEqualTo(TlsPolicy.TLS_WITHOUT_AUTHENTICATION);
      assertThat(host.verdict()).isEqualTo(Verdict.UNAUTHENTICATED_TLS);
      assertThat(host.assessment().resultType()).contains(Rfc8460ResultType.TLSA_INVALID);
      assertThat(host.accepted()).isTrue();
    }
  }

  // RFC 7672 section 9.1: audit-only mode reports a DANE failure but does not block.

  @Test
  void auditOnly_daneMismatch_reportedButAccepted() throws Exception {
    try (MailWorld world = MailWorld.start(server(MX1, mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .tlsa(world.tlsaPrefix() + ".mx1", 3, 1, 1, "00".repeat(32))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().auditOnly(true).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(report.accepted()).isTrue();
      assertThat(report.auditOnly()).isTrue();
    }
  }

  @Test
  void auditOnly_daneRequiredInsecureMx_hostsCheckedAndReported() throws Exception {
    try (MailWorld world = MailWorld.start(server("mx.insecure.test", mx1Chain))) {
      world.dns(
          List.of(
              TestZone.builder("insecure.test.")
                  .unsigned()
                  .mx("@", 10, "mx.insecure.test.")
                  .a("mx", ip(0))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier =
          world.verifier().daneRequired("insecure.test").auditOnly(true).build()) {
        report = verifier.verifyDomain("insecure.test");
      }

      assertThat(report.hosts()).hasSize(1);
      assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(report.assessment().resultType()).contains(Rfc8460ResultType.DANE_REQUIRED);
      assertThat(report.accepted()).isTrue();
    }
  }
}
