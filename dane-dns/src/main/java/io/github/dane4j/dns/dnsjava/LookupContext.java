package io.github.dane4j.dns.dnsjava;

import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The executor handed to one {@code Resolver.sendAsync} call, which also collects the upstream
 * failures of that call.
 *
 * <p>The in-process validator ({@link DnssecValidator}, and dnsjava's {@code ValidatingResolver}
 * 3.6.4 as well) passes the executor it was given on to every upstream query of the validation, the
 * DNSKEY and DS queries included, so {@link UpstreamResolver} can report failures here. {@link
 * DnssecValidator} fails the lookup when such a query fails, but dnsjava's validator swallows some
 * of those failures: when a key query fails while it validates an NXDOMAIN response, it returns the
 * NXDOMAIN without the AD bit, which would read as an insecure answer although nothing was proven.
 * A lookup that saw an upstream failure and did not end secure is therefore a failure, whichever
 * validator runs.
 */
final class LookupContext implements Executor {
  private final Executor delegate;
  private volatile @Nullable UpstreamFailure firstFailure;

  LookupContext(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(command);
  }

  /** Records a failed upstream query; the first one is kept. */
  synchronized void recordFailure(UpstreamFailure failure) {
    if (firstFailure == null) {
      firstFailure = failure;
    }
  }

  /** Returns the first failed upstream query, or null when every query got a usable response. */
  @Nullable UpstreamFailure firstFailure() {
    return firstFailure;
  }
}
