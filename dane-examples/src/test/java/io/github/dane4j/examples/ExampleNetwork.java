package io.github.dane4j.examples;

import io.github.dane4j.examples.demo.DemoNetwork;
import io.github.dane4j.smtp.DaneSmtpVerifier;

/** The demo network and a verifier for it, shared by the example tests of one class. */
public final class ExampleNetwork implements AutoCloseable {
  private final DemoNetwork network;
  private final DaneSmtpVerifier verifier;

  private ExampleNetwork(DemoNetwork network, DaneSmtpVerifier verifier) {
    this.network = network;
    this.verifier = verifier;
  }

  /** Starts the demo network and builds a verifier for it. */
  public static ExampleNetwork start() {
    DemoNetwork network = DemoNetwork.start();
    try {
      return new ExampleNetwork(network, network.verifier().build());
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  public DemoNetwork network() {
    return network;
  }

  public DaneSmtpVerifier verifier() {
    return verifier;
  }

  @Override
  public void close() {
    verifier.close();
    network.close();
  }
}
