package io.github.dane4j.testkit.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain that a TLS server presents, leaf first, with the leaf's private key.
 *
 * @param key the private key of the leaf certificate
 * @param chain the certificates to send, leaf first; copied, so later changes to the argument do
 *     not show
 */
public record IssuedChain(PrivateKey key, List<X509Certificate> chain) {
  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if {@code chain} is empty
   */
  public IssuedChain {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("Certificate chain is empty; put the leaf first");
    }
  }
}
