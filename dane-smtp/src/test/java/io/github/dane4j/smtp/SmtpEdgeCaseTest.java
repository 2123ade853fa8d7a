package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.Certificates.chain;
import static io.github.dane4j.smtp.Certificates.served;
import static io.github.dane4j.smtp.Certificates.spkiSha256;
import static io.github.dane4j.smtp.MailWorld.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.testkit.dns.TestZone;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.Misbehaviour;
import io.github.dane4j.testkit.smtp.SmtpSession;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STARTTLS, TLS and SMTP protocol edge cases end to end through the verifier. Every scripted
 * misbehaviour of the testkit SMTP server runs with usable TLSA records, and some without. Each
 * must give the expected verdict and RFC 8460 result type, close its connection and end within the
 * test's timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpEdgeCaseTest {
  private static final String DOMAIN = "example.test";
  private static final String MX1 = "mx1.example.test";
  private static final Duration SESSION_WAIT = Duration.ofSeconds(15);

  private static TestChain mx1Chain;

  @BeforeAll
  static void createChain() {
    mx1Chain = chain(MX1);
  }

  /** The result of one domain verification and what the server saw. */
  private record Run(DomainReport report, SmtpSession session) {
    AddressReport address() {
      return report.hosts().get(0).addresses().get(0);
    }
  }

  /**
   * Verifies {@code example.test}, whose one MX host runs with the misbehaviours, and waits for the
   * server to see the connection end.
   *
   * @param tlsa the TLSA record at the host, or null for a secure NODATA
   */
  private static Run verify(@Nullable String tlsa, Misbehaviour... misbehaviours) throws Exception {
    return verify(tlsa, UnaryOperator.identity(), misbehaviours);
  }

  private static Run verify(
      @Nullable String tlsa,
      UnaryOperator<DaneSmtpVerifier.Builder> options,
      Misbehaviour... misbehaviours)
      throws Exception {
    try (MailWorld world =
        MailWorld.start(
            TestSmtpServer.builder()
                .serverName(MX1)
                .certificate(served(mx1Chain))
                .misbehaviours(misbehaviours))) {
      TestZone.Builder zone =
          TestZone.builder("example.test.").mx("@", 10, MX1 + ".").a("mx1", ip(0));
      if (tlsa != null) {
        String[] fields = tlsa.split(" ", -1);
        zone.tlsa(
            world.tlsaPrefix() + ".mx1",
            Integer.parseInt(fields[0]),
            Integer.parseInt(fields[1]),
            Integer.parseInt(fields[2]),
            fields[3]);
      }
      world.dns(List.of(zone.build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = options.apply(world.verifier()).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      return new Run(report, world.server(0).awaitSession(SESSION_WAIT));
    }
  }

  private static String matchingRecord() {
    return "3 1 1 " + spkiSha256(mx1Chain.leaf().certificate());
  }

  /** Expected outcome of each misbehaviour when the host has a usable matching TLSA record. */
  static Stream<Arguments> withUsableTlsa() {
    return Stream.of(
        expect(
            Misbehaviour.NO_STARTTLS_ADVERTISED,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
            "starttls-not-offered"),
        expect(
            Misbehaviour.STARTTLS_REPLY_454,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
            "starttls-refused"),
        expect(
            Misbehaviour.STARTTLS_REPLY_501,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
            "starttls-refused"),
        expect(
            Misbehaviour.STARTTLS_REPLY_502,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
            "starttls-refused"),
        expect(
            Misbehaviour.STARTTLS_REPLY_250,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "smtp-protocol-error"),
        expect(
            Misbehaviour.STARTTLS_REPLY_2201,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "smtp-protocol-error"),
        expect(
            Misbehaviour.STARTTLS_DROP_AFTER_220,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "tls-handshake-failed"),
        expect(
            Misbehaviour.STARTTLS_PLAINTEXT_AFTER_220,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "starttls-plaintext-injection"),
        expect(Misbehaviour.STARTTLS_MULTILINE_220, Verdict.AUTHENTICATED, null, null),
        expect(
            Misbehaviour.HANDSHAKE_FAILURE_ALERT,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "tls-handshake-failed"),
        expect(
            Misbehaviour.HANDSHAKE_ABORT,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "tls-handshake-failed"),
        expect(
            Misbehaviour.HANDSHAKE_WRONG_PRIVATE_KEY,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "tls-handshake-failed"),
        expect(Misbehaviour.GREETING_MULTILINE, Verdict.AUTHENTICATED, null, null),
        expect(Misbehaviour.GREETING_FRAGMENTED, Verdict.AUTHENTICATED, null, null),
        expect(
            Misbehaviour.GREETING_554, Verdict.CONNECTION_FAILURE, null, "smtp-greeting-refused"),
        expect(
            Misbehaviour.GREETING_OVERLONG_LINE,
            Verdict.CONNECTION_FAILURE,
            null,
            "smtp-reply-line-too-long"),
        expect(Misbehaviour.SILENT, Verdict.CONNECTION_FAILURE, null, "smtp-read-timeout"),
        expect(
            Misbehaviour.EHLO_ENDLESS_CONTINUATION,
            Verdict.CONNECTION_FAILURE,
            null,
            "smtp-reply-too-many-lines"),
        expect(
            Misbehaviour.EHLO_MISMATCHED_CODE,
            Verdict.CONNECTION_FAILURE,
            null,
            "smtp-protocol-error"),
        expect(Misbehaviour.EHLO_CODE_600, Verdict.CONNECTION_FAILURE, null, "smtp-protocol-error"),
        expect(Misbehaviour.EHLO_BARE_FINAL_LINE, Verdict.AUTHENTICATED, null, null),
        expect(Misbehaviour.EHLO_LOWER_CASE_KEYWORDS, Verdict.AUTHENTICATED, null, null),
        expect(
            Misbehaviour.EHLO_REJECTED_500,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
            "starttls-not-offered"),
        expect(
            Misbehaviour.POST_TLS_EHLO_554,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "smtp-ehlo-after-tls-failed"),
        expect(Misbehaviour.POST_TLS_STARTTLS_ADVERTISED, Verdict.AUTHENTICATED, null, null),
        expect(
            Misbehaviour.POST_TLS_SILENT,
            Verdict.DANE_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "smtp-read-timeout"),
        expect(Misbehaviour.DRIP, Verdict.AUTHENTICATED, null, null));
  }

  private static Arguments expect(
      Misbehaviour misbehaviour,
      Verdict verdict,
      @Nullable Rfc8460ResultType resultType,
      @Nullable String reasonCode) {
    return Arguments.of(misbehaviour, verdict, resultType, reasonCode);
  }

  @Test
  void withUsableTlsa_coversEveryMisbehaviour() {
    assertThat(withUsableTlsa().map(arguments -> arguments.get()[0]))
        .containsExactlyInAnyOrder((Object[]) Misbehaviour.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withUsableTlsa")
  void misbehaviour_usableTlsa_expectedVerdict(
      Misbehaviour misbehaviour,
      Verdict verdict,
      @Nullable Rfc8460ResultType resultType,
      @Nullable String reasonCode)
      throws Exception {
    Run run = verify(matchingRecord(), misbehaviour);
    AddressReport address = run.address();

    assertThat(address.verdict()).isEqualTo(verdict);
    assertThat(address.assessment().resultType()).isEqualTo(Optional.ofNullable(resultType));
    assertThat(address.assessment().reasonCode()).isEqualTo(Optional.ofNullable(reasonCode));
    assertThat(run.report().verdict()).isEqualTo(verdict);
    assertThat(run.session().ended()).isTrue();
    assertThat(address.accepted()).isEqualTo(verdict == Verdict.AUTHENTICATED);
  }

  /** Expected outcome of the misbehaviours that differ when DANE does not apply. */
  static Stream<Arguments> withoutTlsa() {
    return Stream.of(
        expect(
            Misbehaviour.NO_STARTTLS_ADVERTISED,
            Verdict.NO_STARTTLS,
            Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
            "starttls-not-offered"),
        expect(
            Misbehaviour.STARTTLS_REPLY_454,
            Verdict.NO_STARTTLS,
            Rfc8460ResultType.STARTTLS_NOT_SUPPORTED,
            "starttls-refused"),
        expect(
            Misbehaviour.STARTTLS_PLAINTEXT_AFTER_220,
            Verdict.CONNECTION_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "starttls-plaintext-injection"),
        expect(
            Misbehaviour.HANDSHAKE_FAILURE_ALERT,
            Verdict.CONNECTION_FAILURE,
            Rfc8460ResultType.VALIDATION_FAILURE,
            "tls-handshake-failed"),
        expect(
            Misbehaviour.GREETING_554, Verdict.CONNECTION_FAILURE, null, "smtp-greeting-refused"),
        expect(Misbehaviour.GREETING_MULTILINE, Verdict.OPPORTUNISTIC, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withoutTlsa")
  void misbehaviour_secureNodataTlsa_expectedVerdict(
      Misbehaviour misbehaviour,
      Verdict verdict,
      @Nullable Rfc8460ResultType resultType,
      @Nullable String reasonCode)
      throws Exception {
    Run run = verify(null, misbehaviour);
    AddressReport address = run.address();

    assertThat(address.verdict()).isEqualTo(verdict);
    assertThat(address.assessment().resultType()).isEqualTo(Optional.ofNullable(resultType));
    assertThat(address.assessment().reasonCode()).isEqualTo(Optional.ofNullable(reasonCode));
    assertThat(run.session().ended()).isTrue();
  }

  // RFC 7672 section 2.2: with usable TLSA records and no STARTTLS in EHLO, no mail goes to this
  // server.

  @Test
  void usableTlsa_starttlsNotAdvertised_notAcceptedAndNoMailCommand() throws Exception {
    Run run = verify(matchingRecord(), Misbehaviour.NO_STARTTLS_ADVERTISED);

    assertThat(run.address().verdict()).isEqualTo(Verdict.DANE_FAILURE);
    assertThat(run.report().accepted()).isFalse();
    assertThat(run.session().commands()).noneMatch(command -> command.startsWith("MAIL"));
  }

  // RFC 7672 section 2.2, RFC 3207 section 4: with usable TLSA records, a 454 reply to STARTTLS
  // leads to no cleartext retry on a second connection.

  @Test
  void usableTlsa_starttls454_noSecondConnection() throws Exception {
    try (MailWorld world =
        MailWorld.start(
            TestSmtpServer.builder()
                .serverName(MX1)
                .certificate(served(mx1Chain))
                .misbehaviours(Misbehaviour.STARTTLS_REPLY_454))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .tlsa(
                      world.tlsaPrefix() + ".mx1",
                      3,
                      1,
                      1,
                      spkiSha256(mx1Chain.leaf().certificate()))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().mode(RunMode.DELIVERY).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }
      world.server(0).awaitSession(SESSION_WAIT);

      assertThat(report.verdict()).isEqualTo(Verdict.DANE_FAILURE);
      assertThat(report.assessment().resultType())
          .contains(Rfc8460ResultType.STARTTLS_NOT_SUPPORTED);
      assertThat(report.accepted()).isFalse();
      assertThat(world.server(0).sessions()).hasSize(1);
    }
  }

  // RFC 7672 section 2.2: with a secure NODATA for TLSA and no STARTTLS, cleartext is allowed.

  @Test
  void secureNodataTlsa_noStarttls_cleartextAccepted() throws Exception {
    Run run = verify(null, Misbehaviour.NO_STARTTLS_ADVERTISED);

    assertThat(run.address().verdict()).isEqualTo(Verdict.NO_STARTTLS);
    assertThat(run.address().accepted()).isTrue();
    assertThat(run.report().accepted()).isTrue();
  }

  // RFC 7672 section 8.1: a server that ignores SNI and presents a chain for another name still
  // matches "3 1 1".

  @Test
  void serverIgnoringSni_chainForOtherName_authenticatedByDaneEe() throws Exception {
    TestChain otherName = chain("default.other.test");
    try (MailWorld world =
        MailWorld.start(TestSmtpServer.builder().serverName(MX1).certificate(served(otherName)))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .a("mx1", ip(0))
                  .tlsa(
                      world.tlsaPrefix() + ".mx1",
                      3,
                      1,
                      1,
                      spkiSha256(otherName.leaf().certificate()))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(report.verdict()).isEqualTo(Verdict.AUTHENTICATED);
      assertThat(world.server(0).awaitSession(SESSION_WAIT).sniHostName()).isEqualTo(MX1);
    }
  }

  // RFC 3207 section 4: plaintext after the STARTTLS 220 is never read as TLS data.

  @Test
  void plaintextAfterStarttls220_abortedBeforeHandshake() throws Exception {
    Run run = verify(matchingRecord(), Misbehaviour.STARTTLS_PLAINTEXT_AFTER_220);

    assertThat(run.address().connection().tlsEstablished()).isFalse();
    assertThat(run.session().tlsNegotiated()).isFalse();
    assertThat(run.address().verdict()).isEqualTo(Verdict.DANE_FAILURE);
  }

  // RFC 3207 section 4.2: STARTTLS advertised again inside TLS is not used a second time.

  @Test
  void starttlsAdvertisedInsideTls_sentOnlyOnce() throws Exception {
    Run run = verify(matchingRecord(), Misbehaviour.POST_TLS_STARTTLS_ADVERTISED);

    assertThat(run.session().commands().stream().filter(c -> c.equalsIgnoreCase("STARTTLS")))
        .hasSize(1);
    assertThat(run.address().connection().tlsCapabilities()).contains("STARTTLS");
    assertThat(run.address().verdict()).isEqualTo(Verdict.AUTHENTICATED);
  }

  // RFC 5321 section 3.1: a 554 greeting gets QUIT, and a delivering run goes on to the next MX
  // host.

  @Test
  void greeting554_quitSentAndNextHostAccepts() throws Exception {
    TestChain mx2Chain = chain("mx2.example.test");
    try (MailWorld world =
        MailWorld.start(
            TestSmtpServer.builder()
                .serverName(MX1)
                .certificate(served(mx1Chain))
                .misbehaviours(Misbehaviour.GREETING_554),
            TestSmtpServer.builder()
                .serverName("mx2.example.test")
                .certificate(served(mx2Chain)))) {
      world.dns(
          List.of(
              TestZone.builder("example.test.")
                  .mx("@", 10, MX1 + ".")
                  .mx("@", 20, "mx2.example.test.")
                  .a("mx1", ip(0))
                  .a("mx2", ip(1))
                  .tlsa(
                      world.tlsaPrefix() + ".mx1",
                      3,
                      1,
                      1,
                      spkiSha256(mx1Chain.leaf().certificate()))
                  .tlsa(
                      world.tlsaPrefix() + ".mx2",
                      3,
                      1,
                      1,
                      spkiSha256(mx2Chain.leaf().certificate()))
                  .build()));
      DomainReport report;
      try (DaneSmtpVerifier verifier = world.verifier().mode(RunMode.DELIVERY).build()) {
        report = verifier.verifyDomain(DOMAIN);
      }

      assertThat(world.server(0).awaitSession(SESSION_WAIT).commands()).containsExactly("QUIT");
      assertThat(report.hosts())
          .extracting(HostReport::verdict)
          .containsExactly(Verdict.CONNECTION_FAILURE, Verdict.AUTHENTICATED);
      assertThat(report.acceptedAddress().orElseThrow().address().getAddress())
          .isEqualTo(MailWorld.loopback(1));
    }
  }

  // RFC 7672 section 2.2: with only unusable records, a missing STARTTLS is still a failure.

  @Test
  void unusableTlsa_noStarttls_daneFailureNeverCleartext() throws Exception {
    Run run = verify("4 1 1 " + "00".repeat(32), Misbehaviour.NO_STARTTLS_ADVERTISED);

    assertThat(run.address().verdict()).isEqualTo(Verdict.DANE_FAILURE);
    assertThat(run.address().assessment().resultType())
        .contains(Rfc8460ResultType.STARTTLS_NOT_SUPPORTED);
    assertThat(run.address().accepted()).isFalse();
  }

  @Test
  void auditOnly_noStarttlsWithUsableTlsa_stillBlocks() throws Exception {
    Run run =
        verify(
            matchingRecord(),
            builder -> builder.auditOnly(true),
            Misbehaviour.NO_STARTTLS_ADVERTISED);

    assertThat(run.address().verdict()).isEqualTo(Verdict.DANE_FAILURE);
    assertThat(run.address().accepted()).isFalse();
  }
}
