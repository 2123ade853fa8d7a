package io.github.dane4j.core;

import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnssecStatus;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** TLSA records, DNS answers and PKIX trust managers for the trust manager tests. */
final class TrustManagerFixtures {
  static final String BASE_DOMAIN = "mx.example.org";
  static final String QUERY_NAME = "_25._tcp." + BASE_DOMAIN;

  private TrustManagerFixtures() {}

  /** Returns a "3 1 1" record for the certificate's public key. */
  static TlsaRecord daneEeSpkiSha256(X509Certificate certificate) throws GeneralSecurityException {
    return TlsaRecord.of(3, 1, 1, sha256(certificate.getPublicKey().getEncoded()));
  }

  /** Returns a "2 0 1" record for the whole certificate. */
  static TlsaRecord daneTaCertSha256(X509Certificate certificate) throws GeneralSecurityException {
    return TlsaRecord.of(2, 0, 1, sha256(certificate.getEncoded()));
  }

  /** Returns an answer with records, or of another kind with no records. */
  static DnsAnswer<TlsaRecord> answer(
      AnswerKind kind, DnssecStatus status, List<TlsaRecord> records) {
    AuthenticitySource authenticity =
        status == DnssecStatus.UNVERIFIED
            ? AuthenticitySource.NOT_ESTABLISHED
            : AuthenticitySource.VALIDATED_IN_PROCESS;
    int rcode = 0; // NOERROR
    if (kind == AnswerKind.NXDOMAIN) {
      rcode = 3;
    } else if (kind == AnswerKind.FAILURE) {
      rcode = 2; // SERVFAIL
    }
    return new DnsAnswer<>(
        QUERY_NAME,
        kind,
        status,
        records,
        List.of(QUERY_NAME),
        Duration.ofMinutes(5),
        rcode,
        null,
        kind == AnswerKind.FAILURE ? "SERVFAIL from the test" : "",
        authenticity);
  }

  static DnsAnswer<TlsaRecord> secure(TlsaRecord... records) {
    return answer(AnswerKind.RECORDS, DnssecStatus.SECURE, List.of(records));
  }

  static DnsAnswer<TlsaRecord> insecure(TlsaRecord... records) {
    return answer(AnswerKind.RECORDS, DnssecStatus.INSECURE, List.of(records));
  }

  /** Returns the JDK's PKIX trust manager with {@code root} as its only trust anchor. */
  static X509ExtendedTrustManager pkixTrusting(X509Certificate root)
      throws GeneralSecurityException, java.io.IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("root", root);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager extended) {
        return extended;
      }
    }
    throw new AssertionError("The PKIX TrustManagerFactory returned no X509ExtendedTrustManager");
  }

  private static byte[] sha256(byte[] data) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
