package io.github.dane4j.core;

import org.jspecify.annotations.Nullable;

/**
 * What verification made of one TLSA record of the RRset.
 *
 * @param record the record
 * @param unusableReason why the record took no part in matching, or null when it was usable
 * @param matched whether the record matched a certificate (it may still have failed a later check,
 *     such as the path or name check of DANE-TA)
 */
public record RecordCheck(
    TlsaRecord record, @Nullable UnusableReason unusableReason, boolean matched) {
  /** Returns whether the record was usable. */
  public boolean usable() {
    return unusableReason == null;
  }
}
