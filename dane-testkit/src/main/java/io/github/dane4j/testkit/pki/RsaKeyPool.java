package io.github.dane4j.testkit.pki;

import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-JVM pool of RSA-2048 key pairs, because generating one is slow (an estimate: often a few
 * hundred milliseconds, since it searches for random primes). The pool has {@value #SIZE} slots,
 * filled on first use and handed out in turn, so any {@value #SIZE} consecutive requests get
 * distinct keys.
 */
final class RsaKeyPool {
  static final int SIZE = 8;

  private static final KeyPair[] SLOTS = new KeyPair[SIZE];
  private static final AtomicInteger NEXT_SLOT = new AtomicInteger();

  private RsaKeyPool() {}

  static KeyPair take() {
    int slot = Math.floorMod(NEXT_SLOT.getAndIncrement(), SIZE);
    synchronized (SLOTS) {
      KeyPair keyPair = SLOTS[slot];
      if (keyPair == null) {
        keyPair = KeyType.RSA_2048.generateKeyPair();
        SLOTS[slot] = keyPair;
      }
      return keyPair;
    }
  }
}
