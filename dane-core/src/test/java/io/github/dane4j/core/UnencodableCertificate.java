package io.github.dane4j.core;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * A certificate whose DER encoding cannot be produced: {@link #getEncoded} and {@link
 * #getTBSCertificate} throw, and every other method delegates to a real certificate. Certificates
 * parsed by the JDK's certificate factory keep their encoding, but other {@link X509Certificate}
 * implementations may fail to produce one.
 */
@SuppressWarnings("JavaUtilDate") // X509Certificate's API returns and accepts java.util.Date
final class UnencodableCertificate extends X509Certificate {
  private static final long serialVersionUID = 1L;

  private final X509Certificate delegate;

  UnencodableCertificate(X509Certificate delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] getEncoded() throws CertificateEncodingException {
    throw new CertificateEncodingException("This test certificate cannot be encoded");
  }

  @Override
  public byte[] getTBSCertificate() throws CertificateEncodingException {
    throw new CertificateEncodingException("This test certificate cannot be encoded");
  }

  @Override
  public void verify(PublicKey key)
      throws CertificateException,
          NoSuchAlgorithmException,
          InvalidKeyException,
          NoSuchProviderException,
          SignatureException {
    delegate.verify(key);
  }

  @Override
  public void verify(PublicKey key, String sigProvider)
      throws CertificateException,
          NoSuchAlgorithmException,
          InvalidKeyException,
          NoSuchProviderException,
          SignatureException {
    delegate.verify(key, sigProvider);
  }

  @Override
  public String toString() {
    return "UnencodableCertificate[" + delegate.getSubjectX500Principal() + "]";
  }

  @Override
  public PublicKey getPublicKey() {
    return delegate.getPublicKey();
  }

  @Override
  public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
    delegate.checkValidity();
  }

  @Override
  public void checkValidity(Date date)
      throws CertificateExpiredException, CertificateNotYetValidException {
    delegate.checkValidity(date);
  }

  @Override
  public int getVersion() {
    return delegate.getVersion();
  }

  @Override
  public BigInteger getSerialNumber() {
    return delegate.getSerialNumber();
  }

  @Override
  @SuppressWarnings("deprecation") // an abstract method of X509Certificate
  public Principal getIssuerDN() {
    return delegate.getIssuerDN();
  }

  @Override
  @SuppressWarnings("deprecation") // an abstract method of X509Certificate
  public Principal getSubjectDN() {
    return delegate.getSubjectDN();
  }

  @Override
  public X500Principal getIssuerX500Principal() {
    return delegate.getIssuerX500Principal();
  }

  @Override
  public X500Principal getSubjectX500Principal() {
    return delegate.getSubjectX500Principal();
  }

  @Override
  public Date getNotBefore() {
    return delegate.getNotBefore();
  }

  @Override
  public Date getNotAfter() {
    return delegate.getNotAfter();
  }

  @Override
  public byte[] getSignature() {
    return delegate.getSignature();
  }

  @Override
  public String getSigAlgName() {
    return delegate.getSigAlgName();
  }

  @Override
  public String getSigAlgOID() {
    return delegate.getSigAlgOID();
  }

  @Override
  public byte @Nullable [] getSigAlgParams() {
    return delegate.getSigAlgParams();
  }

  @Override
  public boolean @Nullable [] getIssuerUniqueID() {
    return delegate.getIssuerUniqueID();
  }

  @Override
  public boolean @Nullable [] getSubjectUniqueID() {
    return delegate.getSubjectUniqueID();
  }

  @Override
  public boolean @Nullable [] getKeyUsage() {
    return delegate.getKeyUsage();
  }

  @Override
  public @Nullable List<String> getExtendedKeyUsage() throws CertificateParsingException {
    return delegate.getExtendedKeyUsage();
  }

  @Override
  public int getBasicConstraints() {
    return delegate.getBasicConstraints();
  }

  @Override
  public @Nullable Collection<List<?>> getSubjectAlternativeNames()
      throws CertificateParsingException {
    return delegate.getSubjectAlternativeNames();
  }

  @Override
  public boolean hasUnsupportedCriticalExtension() {
    return delegate.hasUnsupportedCriticalExtension();
  }

  @Override
  public @Nullable Set<String> getCriticalExtensionOIDs() {
    return delegate.getCriticalExtensionOIDs();
  }

  @Override
  public @Nullable Set<String> getNonCriticalExtensionOIDs() {
    return delegate.getNonCriticalExtensionOIDs();
  }

  @Override
  public byte @Nullable [] getExtensionValue(String oid) {
    return delegate.getExtensionValue(oid);
  }
}
