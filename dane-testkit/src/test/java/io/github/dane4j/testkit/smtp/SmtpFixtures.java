package io.github.dane4j.testkit.smtp;

import io.github.dane4j.testkit.pki.IssuedChain;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.TestChain;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** A test chain shared by the SMTP server tests, and a builder that presents it. */
final class SmtpFixtures {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final TestChain CHAIN = TestChain.create(KeyType.EC_P256, "mx.example.com");

  private SmtpFixtures() {}

  static X509Certificate root() {
    return CHAIN.root().certificate();
  }

  static IssuedChain issued(TestChain chain) {
    return new IssuedChain(chain.leaf().keyPair().getPrivate(), chain.chainWithoutRoot());
  }

  /** Returns a builder for a server that presents {@link #CHAIN} without its root. */
  static TestSmtpServer.Builder serverBuilder() {
    return TestSmtpServer.builder().certificate(issued(CHAIN));
  }
}
