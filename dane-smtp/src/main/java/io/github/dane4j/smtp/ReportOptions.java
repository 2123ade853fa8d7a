package io.github.dane4j.smtp;

import io.github.dane4j.core.spi.AddressFamily;
import java.util.List;

/** The verifier settings that a report records, so that a reader can reproduce the run. */
record ReportOptions(
    int port,
    TlsMode tlsMode,
    RunMode mode,
    boolean auditOnly,
    List<AddressFamily> addressFamilies,
    String dnsProvider,
    TlsProvider tlsProvider) {
  ReportOptions {
    addressFamilies = List.copyOf(addressFamilies);
  }
}
