package io.github.dane4j.core.internal;

import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.VerificationResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The verification algorithm behind {@link DaneVerifier}. */
public final class ChainVerifier {
  private final DaneVerifier settings;

  /** Creates a verifier run with the settings of {@code settings}. */
  public ChainVerifier(DaneVerifier settings) {
    this.settings = settings;
  }

  /** Verifies {@code chain} against {@code records} at {@code at}. */
  public VerificationResult verify(
      List<X509Certificate> chain,
      List<TlsaRecord> records,
      List<String> referenceNames,
      Instant at) {
    // TODO: replaced by the verification algorithm.
    if (chain.isEmpty() || records.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    throw new UnsupportedOperationException(
        "not implemented yet for profile "
            + settings.profile()
            + chain
            + records
            + referenceNames
            + at);
  }
}
