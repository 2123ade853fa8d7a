package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the handshake parser on hostile input: random bytes and mutated real messages never
 * make it throw, and it returns either nothing or a group name of bounded length.
 */
class NamedGroupsPropertiesTest {
  private static final int MAX_NAME_LENGTH = "X25519MLKEM768".length();

  @Property(tries = 2000)
  void find_randomBytes_neverThrows(
      @ForAll @Size(max = 2000) byte[] received,
      @ForAll @IntRange(min = -10, max = 2100) int length,
      @ForAll("cipherSuites") String cipherSuite) {
    Optional<String> group = NamedGroups.find(received, length, cipherSuite);

    assertThat(group.map(String::length).orElse(0)).isLessThanOrEqualTo(MAX_NAME_LENGTH);
  }

  @Property(tries = 2000)
  void find_mutatedHandshake_neverThrows(
      @ForAll("handshakes") byte[] handshake,
      @ForAll @IntRange(min = 0, max = 20) int mutations,
      @ForAll long seed,
      @ForAll("cipherSuites") String cipherSuite) {
    byte[] mutated = handshake.clone();
    Random random = new Random(seed);
    for (int i = 0; i < mutations && mutated.length > 0; i++) {
      mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
    }

    Optional<String> group = NamedGroups.find(mutated, mutated.length, cipherSuite);

    assertThat(group.map(String::length).orElse(0)).isLessThanOrEqualTo(MAX_NAME_LENGTH);
  }

  @Provide
  Arbitrary<String> cipherSuites() {
    return Arbitraries.of(
        "TLS_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "");
  }

  @Provide
  Arbitrary<byte[]> handshakes() {
    return Arbitraries.integers()
        .between(1, 300)
        .flatMap(
            recordSize ->
                Arbitraries.of(
                    HandshakeMessages.records(recordSize, HandshakeMessages.serverHello13(0x001D)),
                    HandshakeMessages.records(
                        recordSize, HandshakeMessages.helloRetryRequest(0x0017)),
                    HandshakeMessages.records(
                        recordSize,
                        HandshakeMessages.serverHello12(0xC02B),
                        HandshakeMessages.certificate(400),
                        HandshakeMessages.serverKeyExchange(3, 0x0017),
                        HandshakeMessages.serverHelloDone())));
  }
}
