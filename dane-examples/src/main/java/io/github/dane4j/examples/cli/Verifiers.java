package io.github.dane4j.examples.cli;

import io.github.dane4j.smtp.DaneSmtpVerifier;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** Builds verifiers and turns their argument errors into one-line usage errors. */
final class Verifiers {
  private Verifiers() {}

  /**
   * Builds the verifier and warns on {@code err} when DNSSEC cannot be validated.
   *
   * @throws UsageException if the builder rejects an option
   */
  static DaneSmtpVerifier build(DaneSmtpVerifier.Builder builder, DnsOptions dns, PrintWriter err) {
    if (dns.jndi()) {
      err.println(
          "warning: --jndi cannot validate DNSSEC, so DANE is not applied and every host is"
              + " checked with opportunistic TLS only");
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException("Invalid DNS or connection options: " + e.getMessage(), e);
    }
  }

  /**
   * Runs a verification whose argument was given on the command line.
   *
   * @throws UsageException if the verifier rejects the argument
   */
  static <T> T call(Supplier<T> verification, String parameter, String value) {
    try {
      return verification.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid " + parameter + " '" + value + "': " + e.getMessage(), e);
    }
  }
}
