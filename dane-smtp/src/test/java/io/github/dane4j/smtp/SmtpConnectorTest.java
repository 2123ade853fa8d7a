package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.CLIENT_NAME;
import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.SESSION_WAIT;
import static io.github.dane4j.smtp.ConnectorFixtures.daneEe;
import static io.github.dane4j.smtp.ConnectorFixtures.daneTa;
import static io.github.dane4j.smtp.ConnectorFixtures.served;
import static io.github.dane4j.smtp.ConnectorFixtures.settings;
import static io.github.dane4j.smtp.ConnectorFixtures.target;
import static io.github.dane4j.smtp.ConnectorFixtures.unusable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.DaneTrustOutcome;
import io.github.dane4j.core.Rfc8460ResultType;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.Misbehaviour;
import io.github.dane4j.testkit.smtp.SmtpSession;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end tests of the connector against the testkit SMTP server, once per TLS provider. Every
 * step timeout is 2 seconds and every test must end within 20 seconds.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SmtpConnectorTest {
  private static TestChain chain;
  private static TestChain otherChain;

  @BeforeAll
  static void createChains() {
    chain = TestChain.create(KeyType.EC_P256, MX);
    otherChain = TestChain.create(KeyType.EC_P256, "other.example.net");
  }

  /** The connector's result and what the server saw on the same connection. */
  private record Run(SmtpConnectionResult result, SmtpSession session) {}

  private static Run run(TlsProvider provider, Misbehaviour... misbehaviours) throws Exception {
    return run(provider, List.of(daneEe(chain.leaf().certificate())), misbehaviours);
  }

  private static Run run(TlsProvider provider, List<TlsaRecord> records, Misbehaviour... bad)
      throws Exception {
    try (TestSmtpServer server =
        TestSmtpServer.builder()
            .serverName(MX)
            .certificate(served(chain))
            .misbehaviours(bad)
            .build()
            .start()) {
      SmtpConnectionResult result =
          SmtpConnector.create(settings(provider))
              .connect(target(server, records.toArray(new TlsaRecord[0])));
      // The server sees the connection end only after the connector closed its socket.
      return new Run(result, server.awaitSession(SESSION_WAIT));
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_matchingDaneEe_succeedsAuthenticated(TlsProvider provider) throws Exception {
    Run run = run(provider);
    SmtpConnectionResult result = run.result();

    assertThat(result.failure()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(result.daneAuthenticated()).isTrue();
    assertThat(result.resultType()).isEmpty();
    assertThat(result.tlsProvider()).isEqualTo(provider);
    assertThat(result.starttlsOffered()).isTrue();
    assertThat(result.starttlsReply().map(SmtpReply::code)).contains(220);
    assertThat(result.tlsEstablished()).isTrue();
    assertThat(result.tlsProtocol()).contains("TLSv1.3");
    assertThat(result.cipherSuite())
        .hasValueSatisfying(suite -> assertThat(suite).startsWith("TLS_"));
    assertThat(result.namedGroup()).contains("x25519");
    assertThat(result.presentedChain()).containsExactlyElementsOf(chain.chain());
    assertThat(result.trustOutcome().map(DaneTrustOutcome::mode))
        .contains(DaneTrustOutcome.Mode.AUTHENTICATED);
    assertThat(result.verificationResult())
        .hasValueSatisfying(v -> assertThat(v.authenticated()).isTrue());
    assertThat(result.tlsCapabilities()).doesNotContain("STARTTLS").contains("PIPELINING");
    assertThat(result.tlsaOwnerName())
        .isEqualTo("_" + result.address().getPort() + "._tcp." + MX + ".");
    assertThat(run.session().sniHostName()).isEqualTo(MX);
    assertThat(run.session().tlsNegotiated()).isTrue();
    assertThat(run.session().ehloNames()).containsExactly(CLIENT_NAME, CLIENT_NAME);
    assertThat(run.session().commands())
        .containsExactly("EHLO " + CLIENT_NAME, "STARTTLS", "EHLO " + CLIENT_NAME, "QUIT");
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_success_recordsTranscript(TlsProvider provider) throws Exception {
    SmtpConnectionResult result = run(provider).result();

    List<String> lines = result.transcript().stream().map(TranscriptEntry::toString).toList();
    assertThat(lines).contains("C: EHLO " + CLIENT_NAME, "C: STARTTLS", "C: QUIT");
    assertThat(lines).anyMatch(line -> line.startsWith("S: 220 "));
    assertThat(result.transcript().stream().filter(TranscriptEntry::tls).map(TranscriptEntry::line))
        .contains("EHLO " + CLIENT_NAME, "QUIT");
    assertThat(result.transcriptTruncated()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_daneEeMismatch_failsNotTrusted(TlsProvider provider) throws Exception {
    Run run = run(provider, List.of(daneEe(otherChain.leaf().certificate())));
    SmtpConnectionResult result = run.result();

    assertThat(result.failure()).contains(FailureKind.DANE_VERIFICATION_FAILED);
    assertThat(result.resultType()).contains(Rfc8460ResultType.CERTIFICATE_NOT_TRUSTED);
    assertThat(result.failureReasonCode()).contains("dane-no-match");
    assertThat(result.daneAuthenticated()).isFalse();
    assertThat(result.tlsEstablished()).isFalse();
    assertThat(result.verificationResult()).isPresent();
    assertThat(result.presentedChain()).containsExactlyElementsOf(chain.chain());
    assertThat(run.session().tlsNegotiated()).isFalse();
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_daneTaWrongName_failsHostMismatch(TlsProvider provider) throws Exception {
    try (TestSmtpServer server =
        TestSmtpServer.builder().serverName(MX).certificate(served(otherChain)).build().start()) {
      SmtpConnectionResult result =
          SmtpConnector.create(settings(provider))
              .connect(target(server, daneTa(otherChain.intermediate().certificate())));

      assertThat(result.failure()).contains(FailureKind.DANE_VERIFICATION_FAILED);
      assertThat(result.resultType()).contains(Rfc8460ResultType.CERTIFICATE_HOST_MISMATCH);
      assertThat(result.failureReasonCode()).contains("certificate-host-mismatch");
      assertThat(server.awaitSession(SESSION_WAIT).ended()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_daneTaMatchingName_succeeds(TlsProvider provider) throws Exception {
    Run run = run(provider, List.of(daneTa(chain.intermediate().certificate())));

    assertThat(run.result().succeeded()).isTrue();
    assertThat(run.result().daneAuthenticated()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_onlyUnusableRecords_succeedsUnauthenticated(TlsProvider provider) throws Exception {
    SmtpConnectionResult result = run(provider, List.of(unusable())).result();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.daneAuthenticated()).isFalse();
    assertThat(result.trustOutcome().map(DaneTrustOutcome::mode))
        .contains(DaneTrustOutcome.Mode.UNAUTHENTICATED_TLS);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_noStarttlsAdvertised_failsStarttlsNotSupported(TlsProvider provider)
      throws Exception {
    Run run = run(provider, Misbehaviour.NO_STARTTLS_ADVERTISED);
    SmtpConnectionResult result = run.result();

    assertThat(result.failure()).contains(FailureKind.NO_STARTTLS);
    assertThat(result.resultType()).contains(Rfc8460ResultType.STARTTLS_NOT_SUPPORTED);
    assertThat(result.starttlsOffered()).isFalse();
    assertThat(result.starttlsReply()).isEmpty();
    assertThat(run.session().commands()).containsExactly("EHLO " + CLIENT_NAME, "QUIT");
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_starttls454_failsStarttlsRefused(TlsProvider provider) throws Exception {
    assertStarttlsRefused(run(provider, Misbehaviour.STARTTLS_REPLY_454), 454);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_starttls501_failsStarttlsRefused(TlsProvider provider) throws Exception {
    assertStarttlsRefused(run(provider, Misbehaviour.STARTTLS_REPLY_501), 501);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_starttls502_failsStarttlsRefused(TlsProvider provider) throws Exception {
    assertStarttlsRefused(run(provider, Misbehaviour.STARTTLS_REPLY_502), 502);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_starttls250_protocolErrorWithoutTls(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.STARTTLS_REPLY_250);

    assertThat(run.result().failure()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(run.result().starttlsReply().map(SmtpReply::code)).contains(250);
    assertThat(run.result().tlsEstablished()).isFalse();
    assertThat(run.session().tlsNegotiated()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_starttlsFourDigitCode_protocolErrorWithoutTls(TlsProvider provider)
      throws Exception {
    Run run = run(provider, Misbehaviour.STARTTLS_REPLY_2201);

    assertThat(run.result().failure()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(run.result().message()).contains("2201");
    assertThat(run.result().tlsEstablished()).isFalse();
    assertThat(run.session().tlsNegotiated()).isFalse();
  }

  private static void assertStarttlsRefused(Run run, int code) {
    SmtpConnectionResult result = run.result();
    assertThat(result.failure()).contains(FailureKind.STARTTLS_REFUSED);
    assertThat(result.resultType()).contains(Rfc8460ResultType.STARTTLS_NOT_SUPPORTED);
    assertThat(result.starttlsOffered()).isTrue();
    assertThat(result.starttlsReply().map(SmtpReply::code)).contains(code);
    assertThat(result.tlsEstablished()).isFalse();
    assertThat(run.session().commands()).endsWith("STARTTLS", "QUIT");
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_dropAfter220_failsHandshake(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.STARTTLS_DROP_AFTER_220);

    assertThat(run.result().failure()).contains(FailureKind.HANDSHAKE_FAILED);
    assertThat(run.result().resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_plaintextAfter220_failsInjection(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.STARTTLS_PLAINTEXT_AFTER_220);
    SmtpConnectionResult result = run.result();

    assertThat(result.failure()).contains(FailureKind.PLAINTEXT_INJECTION);
    assertThat(result.resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
    assertThat(result.message()).contains("250 injected");
    assertThat(result.tlsEstablished()).isFalse();
    assertThat(result.trustOutcome()).isEmpty();
    assertThat(run.session().tlsNegotiated()).isFalse();
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_multiLine220_succeeds(TlsProvider provider) throws Exception {
    SmtpConnectionResult result = run(provider, Misbehaviour.STARTTLS_MULTILINE_220).result();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.starttlsReply().map(SmtpReply::lines)).contains(List.of("ready", "go"));
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_handshakeAlert_failsHandshake(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.HANDSHAKE_FAILURE_ALERT);

    assertThat(run.result().failure()).contains(FailureKind.HANDSHAKE_FAILED);
    assertThat(run.result().resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_handshakeAbort_failsHandshake(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.HANDSHAKE_ABORT);

    assertThat(run.result().failure()).contains(FailureKind.HANDSHAKE_FAILED);
    assertThat(run.result().resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_wrongPrivateKey_failsHandshakeDespiteMatch(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.HANDSHAKE_WRONG_PRIVATE_KEY);
    SmtpConnectionResult result = run.result();

    assertThat(result.failure()).contains(FailureKind.HANDSHAKE_FAILED);
    assertThat(result.resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
    assertThat(result.daneAuthenticated()).isFalse();
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_multiLineGreeting_succeeds(TlsProvider provider) throws Exception {
    SmtpConnectionResult result = run(provider, Misbehaviour.GREETING_MULTILINE).result();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.greeting().map(reply -> reply.lines().size())).contains(3);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_fragmentedGreeting_succeeds(TlsProvider provider) throws Exception {
    SmtpConnectionResult result = run(provider, Misbehaviour.GREETING_FRAGMENTED).result();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.greeting().map(SmtpReply::code)).contains(220);
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_greeting554_failsRefusedAndQuits(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.GREETING_554);

    assertThat(run.result().failure()).contains(FailureKind.GREETING_REFUSED);
    assertThat(run.result().resultType()).isEmpty();
    assertThat(run.result().greeting().map(SmtpReply::code)).contains(554);
    assertThat(run.session().commands()).containsExactly("QUIT");
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_overlongGreeting_failsLineTooLong(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.GREETING_OVERLONG_LINE);

    assertThat(run.result().failure()).contains(FailureKind.LINE_TOO_LONG);
    assertThat(run.result().resultType()).isEmpty();
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_silentServer_failsReadTimeout(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.SILENT);

    assertThat(run.result().failure()).contains(FailureKind.READ_TIMEOUT);
    assertThat(run.result().resultType()).isEmpty();
    assertThat(run.result().greeting()).isEmpty();
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_endlessEhloReply_failsTooManyLines(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.EHLO_ENDLESS_CONTINUATION);

    assertThat(run.result().failure()).contains(FailureKind.TOO_MANY_LINES);
    assertThat(run.result().resultType()).isEmpty();
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_ehloCodeChanges_failsProtocolError(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.EHLO_MISMATCHED_CODE);

    assertThat(run.result().failure()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(run.result().resultType()).isEmpty();
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_ehloCode600_failsProtocolError(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.EHLO_CODE_600);

    assertThat(run.result().failure()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(run.result().resultType()).isEmpty();
    assertThat(run.result().message()).contains("600");
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_bareFinalEhloLine_succeeds(TlsProvider provider) throws Exception {
    assertThat(run(provider, Misbehaviour.EHLO_BARE_FINAL_LINE).result().succeeded()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_lowerCaseKeywords_findsStarttls(TlsProvider provider) throws Exception {
    SmtpConnectionResult result = run(provider, Misbehaviour.EHLO_LOWER_CASE_KEYWORDS).result();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.capabilities()).contains("STARTTLS", "PIPELINING");
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_ehloRejected_fallsBackToHeloWithoutStarttls(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.EHLO_REJECTED_500);
    SmtpConnectionResult result = run.result();

    assertThat(result.failure()).contains(FailureKind.NO_STARTTLS);
    assertThat(result.resultType()).contains(Rfc8460ResultType.STARTTLS_NOT_SUPPORTED);
    assertThat(result.heloFallback()).isTrue();
    assertThat(run.session().commands())
        .containsExactly("EHLO " + CLIENT_NAME, "HELO " + CLIENT_NAME, "QUIT");
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_postTlsEhlo554_failsPostTlsEhlo(TlsProvider provider) throws Exception {
    Run run = run(provider, Misbehaviour.POST_TLS_EHLO_554);

    assertThat(run.result().failure()).contains(FailureKind.POST_TLS_EHLO_FAILED);
    assertThat(run.result().resultType()).contains(Rfc8460ResultType.VALIDATION_FAILURE);
    assertThat(run.result().tlsEstablished()).isTrue();
    assertThat(run.session().commands()).endsWith("QUIT");
    assertThat(run.session().ended()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void connect_starttlsAdvertisedAgain_doesNotRepeatStarttls(TlsProvider provider)
      throws Exception {
    Run run = run(provider, Misbehaviour.POST_TLS_STARTTLS_ADVERTISED);

    assertThat(run.result().succeeded()).isTrue();
    assertThat(run.result().tlsCapabilities()).contains("STARTTLS");
    assertThat(run.session().commands()).containsOnlyOnce("STARTTLS");
  }
}
