package io.github.dane4j.smtp;

import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.TestChain;
import io.github.dane4j.testkit.smtp.TestSmtpServer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** Names, timeouts, TLSA records and DNS answers for the connector tests. */
final class ConnectorFixtures {
  static final String MX = "mx.example.org";
  static final String CLIENT_NAME = "client.example.net";

  /** The timeout of every connector step in the tests, short so that failures show fast. */
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(2);

  /** How long a test waits for the server to see the connection end. */
  static final Duration SESSION_WAIT = Duration.ofSeconds(10);

  private ConnectorFixtures() {}

  static ConnectorSettings settings(TlsProvider provider) {
    return ConnectorSettings.builder()
        .tlsProvider(provider)
        .connectTimeout(STEP_TIMEOUT)
        .readTimeout(STEP_TIMEOUT)
        .greetingTimeout(STEP_TIMEOUT)
        .commandTimeout(STEP_TIMEOUT)
        .handshakeTimeout(STEP_TIMEOUT)
        .ehloName(CLIENT_NAME)
        .build();
  }

  static IssuedChain served(TestChain chain) {
    return new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chain());
  }

  /** Returns a "3 1 1" record for the certificate's public key. */
  static TlsaRecord daneEe(X509Certificate certificate) {
    return TlsaRecord.of(3, 1, 1, sha256(certificate.getPublicKey().getEncoded()));
  }

  /** Returns a "2 0 1" record for the whole certificate. */
  static TlsaRecord daneTa(X509Certificate certificate) {
    try {
      return TlsaRecord.of(2, 0, 1, sha256(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns a record with an unassigned usage, which makes it unusable. */
  static TlsaRecord unusable() {
    return TlsaRecord.of(4, 1, 1, new byte[32]);
  }

  static SmtpTarget.Builder targetFor(TestSmtpServer server) {
    return SmtpTarget.builder().address(server.address());
  }

  static SmtpTarget target(TestSmtpServer server, TlsaRecord... records) {
    return targetFor(server).tlsaRecords(List.of(records), List.of(MX)).build();
  }

  /** Returns an insecure NODATA answer for the TLSA owner name of {@code port}. */
  static DnsAnswer<TlsaRecord> insecureNodata(int port) {
    String owner = "_" + port + "._tcp." + MX;
    return new DnsAnswer<>(
        owner,
        AnswerKind.NODATA,
        DnssecStatus.INSECURE,
        List.of(),
        List.of(owner),
        Duration.ofMinutes(5),
        0,
        null,
        "",
        AuthenticitySource.VALIDATED_IN_PROCESS);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
