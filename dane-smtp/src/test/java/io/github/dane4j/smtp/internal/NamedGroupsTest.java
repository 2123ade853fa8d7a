package io.github.dane4j.smtp.internal;

import static io.github.dane4j.smtp.internal.HandshakeMessages.APPLICATION_DATA;
import static io.github.dane4j.smtp.internal.HandshakeMessages.CHANGE_CIPHER_SPEC;
import static io.github.dane4j.smtp.internal.HandshakeMessages.certificate;
import static io.github.dane4j.smtp.internal.HandshakeMessages.concat;
import static io.github.dane4j.smtp.internal.HandshakeMessages.helloRetryRequest;
import static io.github.dane4j.smtp.internal.HandshakeMessages.record;
import static io.github.dane4j.smtp.internal.HandshakeMessages.records;
import static io.github.dane4j.smtp.internal.HandshakeMessages.serverHello12;
import static io.github.dane4j.smtp.internal.HandshakeMessages.serverHello13;
import static io.github.dane4j.smtp.internal.HandshakeMessages.serverHelloDone;
import static io.github.dane4j.smtp.internal.HandshakeMessages.serverKeyExchange;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamedGroupsTest {
  private static final String TLS13_SUITE = "TLS_AES_128_GCM_SHA256";
  private static final String ECDHE_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
  private static final int ECDHE_SUITE_ID = 0xC02B;

  private static Optional<String> find(byte[] records, String cipherSuite) {
    return NamedGroups.find(records, records.length, cipherSuite);
  }

  @ParameterizedTest
  @CsvSource({
    "23, secp256r1",
    "24, secp384r1",
    "25, secp521r1",
    "29, x25519",
    "30, x448",
    "256, ffdhe2048",
    "257, ffdhe3072",
    "258, ffdhe4096",
    "259, ffdhe6144",
    "260, ffdhe8192",
    "4588, X25519MLKEM768",
    "2570, 0x0a0a",
    "65535, 0xffff"
  })
  void name_registeredAndUnknownIds_isIanaNameOrHex(int id, String expected) {
    assertThat(NamedGroups.name(id)).isEqualTo(expected);
  }

  @Test
  void find_tls13ServerHello_isKeyShareGroup() {
    byte[] received =
        concat(records(1 << 14, serverHello13(0x001D)), record(APPLICATION_DATA, new byte[40]));

    assertThat(find(received, TLS13_SUITE)).contains("x25519");
  }

  @Test
  void find_tls13HybridGroup_isMlKemName() {
    assertThat(find(records(1 << 14, serverHello13(0x11EC)), TLS13_SUITE))
        .contains("X25519MLKEM768");
  }

  @Test
  void find_helloRetryRequest_isSelectedGroup() {
    byte[] received =
        concat(
            records(1 << 14, helloRetryRequest(0x0018)),
            record(CHANGE_CIPHER_SPEC, new byte[] {1}),
            records(1 << 14, serverHello13(0x0018)));

    assertThat(find(received, TLS13_SUITE)).contains("secp384r1");
  }

  @Test
  void find_serverHelloSplitAcrossRecords_isKeyShareGroup() {
    assertThat(find(records(7, serverHello13(0x0017)), TLS13_SUITE)).contains("secp256r1");
  }

  @Test
  void find_tls12Ecdhe_isServerKeyExchangeCurve() {
    byte[] received =
        records(
            1 << 14,
            serverHello12(ECDHE_SUITE_ID),
            certificate(1500),
            serverKeyExchange(3, 0x001D),
            serverHelloDone());

    assertThat(find(received, ECDHE_SUITE)).contains("x25519");
  }

  @Test
  void find_tls12NonEcdheSuite_isEmpty() {
    byte[] received =
        records(
            1 << 14,
            serverHello12(0x009E),
            certificate(100),
            serverKeyExchange(3, 0x001D),
            serverHelloDone());

    assertThat(find(received, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")).isEmpty();
  }

  @Test
  void find_tls12ExplicitCurve_isEmpty() {
    byte[] received = records(1 << 14, serverHello12(ECDHE_SUITE_ID), serverKeyExchange(1, 0x001D));

    assertThat(find(received, ECDHE_SUITE)).isEmpty();
  }

  @Test
  void find_tls12WithoutServerKeyExchange_isEmpty() {
    byte[] received = records(1 << 14, serverHello12(0x009C), certificate(100), serverHelloDone());

    assertThat(find(received, "TLS_RSA_WITH_AES_128_GCM_SHA256")).isEmpty();
  }

  @Test
  void find_serverKeyExchangeAfterNonHandshakeRecord_isEmpty() {
    byte[] received =
        concat(
            records(1 << 14, serverHello12(ECDHE_SUITE_ID)),
            record(APPLICATION_DATA, new byte[10]),
            records(1 << 14, serverKeyExchange(3, 0x001D)));

    assertThat(find(received, ECDHE_SUITE)).isEmpty();
  }

  @Test
  void find_truncatedServerHello_isEmpty() {
    byte[] whole = records(1 << 14, serverHello13(0x001D));

    for (int length = 0; length < whole.length; length++) {
      byte[] truncated = Arrays.copyOf(whole, length);
      assertThat(find(truncated, TLS13_SUITE)).as("first %d bytes", length).isEmpty();
    }
  }

  @Test
  void find_lengthBeyondArray_readsOnlyArray() {
    byte[] whole = records(1 << 14, serverHello13(0x001D));

    assertThat(NamedGroups.find(whole, whole.length + 100, TLS13_SUITE)).contains("x25519");
  }

  @Test
  void find_alertRecord_isEmpty() {
    assertThat(find(record(21, new byte[] {2, 40}), TLS13_SUITE)).isEmpty();
  }
}
