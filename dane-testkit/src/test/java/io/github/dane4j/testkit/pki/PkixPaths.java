package io.github.dane4j.testkit.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** Runs the JDK's RFC 5280 path validation, without revocation checks, for the tests. */
final class PkixPaths {
  private PkixPaths() {}

  /**
   * Validates {@code path} (leaf first, anchor left out) against {@code anchor}.
   *
   * @throws GeneralSecurityException if validation fails
   */
  static void validate(List<X509Certificate> path, X509Certificate anchor)
      throws GeneralSecurityException {
    CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
  }
}
