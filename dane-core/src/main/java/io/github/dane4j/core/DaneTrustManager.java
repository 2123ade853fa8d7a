package io.github.dane4j.core;

import io.github.dane4j.core.DaneTrustOutcome.Mode;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnssecStatus;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A JSSE trust manager for TLS clients that authenticates the server with DANE, following the TLS
 * discovery rules of RFC 7672 section 2.2.
 *
 * <pre>{@code
 * DaneTrustManager trustManager = DaneTrustManager.builder()
 *     .tlsa(tlsaAnswer)                       // DnsAnswer<TlsaRecord> from a validating fetcher
 *     .referenceNames(List.of("mx.example.org", "example.org"))
 *     .build();
 * SSLSocketFactory factory = DaneSsl.socketFactory(trustManager, "mx.example.org");
 * }</pre>
 *
 * <p>What happens depends on the TLSA answer given to the builder:
 *
 * <ul>
 *   <li>A secure RRset with at least one usable record: the chain must be authenticated by {@link
 *       DaneVerifier}, otherwise the check throws {@link DaneCertificateException}.
 *   <li>A secure RRset whose records are all unusable: any chain is accepted and the outcome is
 *       {@link Mode#UNAUTHENTICATED_TLS}. TLS is still required.
 *   <li>An insecure RRset, or a secure or insecure NODATA or NXDOMAIN: DANE does not apply. Any
 *       chain is accepted, unless a PKIX delegate is set, which then decides.
 *   <li>A lookup failure (bogus, indeterminate, failed) or an answer whose DNSSEC status is
 *       unverified: the builder rejects it, because RFC 7672 section 2.1.2 requires that the server
 *       be treated as unreachable, never that the client fall back to unauthenticated TLS.
 * </ul>
 *
 * <p>{@link #lastOutcome()} tells which case applied in the most recent check.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>All six check methods go through one check that fails closed. The client-side methods
 *       always throw, because this class authenticates servers only. The two-argument {@link
 *       #checkServerTrusted(X509Certificate[], String)} and the connection variants called with a
 *       null socket or engine throw too: JSSE never calls them for an {@code
 *       X509ExtendedTrustManager}, so such a call comes from a wrapper that lost the connection,
 *       and the PKIX delegate needs the connection for its algorithm constraints.
 *   <li>Endpoint identification ({@code SSLParameters.setEndpointIdentificationAlgorithm}) plays no
 *       part in a DANE decision, even when the socket or engine has an algorithm set: RFC 7672
 *       section 3.2 defines its own name checks, which {@link DaneVerifier} applies. JSSE adds no
 *       check of its own because this class extends {@code X509ExtendedTrustManager}. The PKIX
 *       delegate receives the socket or engine unchanged and does apply the algorithm.
 *   <li>A resumed TLS session skips the trust manager. Use {@link DaneSsl}, which creates a fresh
 *       {@code SSLContext} per connection, so that every connection is checked against the current
 *       TLSA RRset.
 * </ul>
 *
 * <p>Instances are thread-safe. {@link #lastOutcome()} reports the most recent check of any
 * connection, so use one trust manager per connection when the outcome matters.
 */
public final class DaneTrustManager extends X509ExtendedTrustManager {
  private static final System.Logger LOGGER = System.getLogger(DaneTrustManager.class.getName());
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  /** The secure TLSA records, or an empty list when DANE does not apply. */
  private final List<TlsaRecord> secureRecords;

  private final String tlsaDescription;
  private final List<String> referenceNames;
  private final DaneVerifier verifier;
  private final @Nullable X509ExtendedTrustManager pkixDelegate;
  private volatile @Nullable DaneTrustOutcome lastOutcome;

  private DaneTrustManager(Builder builder, List<TlsaRecord> secureRecords, String description) {
    this.secureRecords = secureRecords;
    this.tlsaDescription = description;
    this.referenceNames = List.copyOf(builder.referenceNames);
    this.verifier = builder.verifier != null ? builder.verifier : DaneVerifier.builder().build();
    this.pkixDelegate = builder.pkixDelegate;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns whether the TLSA RRset is secure and not empty. Then TLS is mandatory, even when all
   * records are unusable (RFC 7672 section 2.2).
   */
  public boolean tlsRequired() {
    return !secureRecords.isEmpty();
  }

  /** Returns the reference identifiers, primary (the TLSA base domain) first. */
  public List<String> referenceNames() {
    return referenceNames;
  }

  /**
   * Returns the outcome of the most recent check, including one that threw, or empty before the
   * first check.
   */
  public Optional<DaneTrustOutcome> lastOutcome() {
    return Optional.ofNullable(lastOutcome);
  }

  /**
   * Checks the server's chain for a TLS connection over {@code socket}.
   *
   * @throws DaneCertificateException if DANE applies and does not authenticate the chain
   * @throws CertificateException if {@code socket} is null, or the PKIX delegate rejects the chain
   * @throws IllegalArgumentException if {@code chain} or {@code authType} is null or empty
   */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
      throws CertificateException {
    check(Call.SERVER, chain, authType, socket, null);
  }

  /**
   * Checks the server's chain for a TLS connection driven by {@code engine}.
   *
   * @throws DaneCertificateException if DANE applies and does not authenticate the chain
   * @throws CertificateException if {@code engine} is null, or the PKIX delegate rejects the chain
   * @throws IllegalArgumentException if {@code chain} or {@code authType} is null or empty
   */
  @Override
  public void checkServerTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
      throws CertificateException {
    check(Call.SERVER, chain, authType, null, engine);
  }

  /**
   * Always throws: without the socket or engine the check cannot be tied to a connection, and JSSE
   * never calls this method for an {@code X509ExtendedTrustManager}.
   *
   * @throws CertificateException always
   * @throws IllegalArgumentException if {@code chain} or {@code authType} is null or empty
   */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(Call.SERVER_WITHOUT_CONNECTION, chain, authType, null, null);
  }

  /**
   * Always throws: this trust manager authenticates servers only.
   *
   * @throws CertificateException always
   * @throws IllegalArgumentException if {@code chain} or {@code authType} is null or empty
   */
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
      throws CertificateException {
    check(Call.CLIENT, chain, authType, socket, null);
  }

  /**
   * Always throws: this trust manager authenticates servers only.
   *
   * @throws CertificateException always
   * @throws IllegalArgumentException if {@code chain} or {@code authType} is null or empty
   */
  @Override
  public void checkClientTrusted(
      X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
      throws CertificateException {
    check(Call.CLIENT, chain, authType, null, engine);
  }

  /**
   * Always throws: this trust manager authenticates servers only.
   *
   * @throws CertificateException always
   * @throws IllegalArgumentException if {@code chain} or {@code authType} is null or empty
   */
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(Call.CLIENT, chain, authType, null, null);
  }

  /**
   * Returns an empty array: DANE trust anchors come from TLSA records, not from a list of issuers,
   * and client certificates are not requested by this trust manager.
   */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS.clone();
  }

  /** The kind of trust manager call: client side, or server side with or without a connection. */
  private enum Call {
    CLIENT,
    SERVER_WITHOUT_CONNECTION,
    SERVER
  }

  private void check(
      Call call,
      X509Certificate @Nullable [] chainArray,
      @Nullable String authType,
      @Nullable Socket socket,
      @Nullable SSLEngine engine)
      throws CertificateException {
    if (chainArray == null || chainArray.length == 0) {
      record(Mode.FAILED, null, List.of(), "The server presented no certificate");
      throw new IllegalArgumentException("Invalid certificate chain: null or empty");
    }
    for (X509Certificate certificate : chainArray) {
      if (certificate == null) {
        record(Mode.FAILED, null, List.of(), "The certificate chain contains a null element");
        throw new IllegalArgumentException("Invalid certificate chain: it contains a null element");
      }
    }
    List<X509Certificate> chain = List.of(chainArray);
    if (authType == null || authType.isEmpty()) {
      record(Mode.FAILED, null, chain, "The authentication type is missing");
      throw new IllegalArgumentException("Invalid authentication type: null or empty");
    }
    if (call == Call.CLIENT) {
      throw reject(
          chain,
          "DaneTrustManager authenticates TLS servers only and rejects every client certificate;"
              + " configure a different trust manager for client authentication");
    }
    if (call == Call.SERVER_WITHOUT_CONNECTION || (socket == null && engine == null)) {
      throw reject(
          chain,
          "DaneTrustManager rejects a check without the SSLSocket or SSLEngine of the connection;"
              + " pass the trust manager to an SSLContext (see DaneSsl) instead of wrapping it");
    }

    if (secureRecords.isEmpty()) {
      checkWithoutDane(chain, authType, socket, engine);
    } else {
      checkWithDane(chain);
    }
  }

  private void checkWithDane(List<X509Certificate> chain) throws CertificateException {
    VerificationResult result;
    try {
      result = verifier.verify(chain, secureRecords, referenceNames);
    } catch (RuntimeException e) {
      // Fail closed: a verifier that cannot decide must not let the handshake continue.
      String message = "DANE verification failed unexpectedly: " + e;
      record(Mode.FAILED, null, chain, message);
      throw new CertificateException(message, e);
    }

    if (result.authenticated()) {
      record(Mode.AUTHENTICATED, result, chain, result::message);
    } else if (result.noUsableRecords()) {
      // RFC 7672 section 2.2: with no usable record TLS is still required, but any chain is
      // accepted because authentication is impossible.
      record(
          Mode.UNAUTHENTICATED_TLS,
          result,
          chain,
          "The secure " + tlsaDescription + " holds no usable record; TLS without authentication");
    } else {
      record(Mode.FAILED, result, chain, result.message());
      throw new DaneCertificateException(result);
    }
  }

  private void checkWithoutDane(
      List<X509Certificate> chain,
      String authType,
      @Nullable Socket socket,
      @Nullable SSLEngine engine)
      throws CertificateException {
    X509ExtendedTrustManager delegate = pkixDelegate;
    if (delegate == null) {
      record(
          Mode.DANE_NOT_APPLICABLE_ACCEPTED,
          null,
          chain,
          "DANE does not apply (" + tlsaDescription + ") and no PKIX delegate is set");
      return;
    }

    X509Certificate[] chainArray = chain.toArray(new X509Certificate[0]);
    try {
      if (socket != null) {
        delegate.checkServerTrusted(chainArray, authType, socket);
      } else {
        delegate.checkServerTrusted(chainArray, authType, engine);
      }
    } catch (CertificateException | RuntimeException e) {
      record(
          Mode.PKIX_DELEGATE_FAILED,
          null,
          chain,
          "DANE does not apply ("
              + tlsaDescription
              + ") and the PKIX delegate rejected the chain: "
              + e.getMessage());
      throw e;
    }
    record(
        Mode.PKIX_DELEGATE_ACCEPTED,
        null,
        chain,
        "DANE does not apply (" + tlsaDescription + ") and the PKIX delegate accepted the chain");
  }

  private CertificateException reject(List<X509Certificate> chain, String message) {
    record(Mode.FAILED, null, chain, message);
    return new CertificateException(message);
  }

  private void record(
      Mode mode, @Nullable VerificationResult result, List<X509Certificate> chain, String message) {
    record(mode, result, chain, () -> message);
  }

  private void record(
      Mode mode,
      @Nullable VerificationResult result,
      List<X509Certificate> chain,
      Supplier<String> message) {
    DaneTrustOutcome outcome = DaneTrustOutcome.of(mode, result, chain, message);
    lastOutcome = outcome;
    if (LOGGER.isLoggable(Level.DEBUG)) {
      LOGGER.log(Level.DEBUG, "DANE trust check for {0}: {1}", referenceNames.get(0), outcome);
    }
  }

  /**
   * Builds a {@link DaneTrustManager}. The TLSA data ({@link #tlsa} or {@link #tlsaRecords}) and
   * the reference names are required.
   */
  public static final class Builder {
    private @Nullable List<TlsaRecord> secureRecords;
    private String tlsaDescription = "";
    private List<String> referenceNames = List.of();
    private @Nullable DaneVerifier verifier;
    private @Nullable X509ExtendedTrustManager pkixDelegate;

    private Builder() {}

    /**
     * Sets the TLSA answer for the TLSA base domain, as a DNSSEC-aware fetcher returned it.
     *
     * @throws IllegalArgumentException if the lookup failed, or the answer is bogus, indeterminate
     *     or unverified: RFC 7672 section 2.1.2 requires treating the server as unreachable, so no
     *     trust manager can be built
     * @throws IllegalStateException if the TLSA data was already set
     */
    public Builder tlsa(DnsAnswer<TlsaRecord> answer) {
      requireTlsaUnset();
      String query = "TLSA answer for " + answer.queryName();
      if (answer.isLookupFailure()) {
        throw new IllegalArgumentException(
            "The "
                + query
                + " is a lookup failure ("
                + answer.kind()
                + ", "
                + answer.status()
                + (answer.reason().isEmpty() ? "" : ": " + answer.reason())
                + "). RFC 7672 section 2.1.2 requires treating this server as unreachable: try the"
                + " next MX host or defer delivery, and never fall back to TLS without DANE");
      }
      if (answer.status() == DnssecStatus.UNVERIFIED) {
        throw new IllegalArgumentException(
            "The "
                + query
                + " has DNSSEC status UNVERIFIED: the DNS provider cannot tell secure from"
                + " insecure, so whether DANE applies is unknown (RFC 7672 section 2.1.1). Use a"
                + " DNSSEC-validating fetcher, or pass records known to be secure with"
                + " tlsaRecords(...)");
      }

      if (answer.isSecure() && answer.kind() == AnswerKind.RECORDS) {
        this.secureRecords = List.copyOf(answer.records());
        this.tlsaDescription = "TLSA RRset of " + answer.finalName();
      } else {
        this.secureRecords = List.of();
        this.tlsaDescription = describeNonApplicable(answer);
      }
      return this;
    }

    /**
     * Sets TLSA records that the caller asserts are DNSSEC-secure (RFC 6698 section 4.1 allows only
     * secure records to be used).
     *
     * @throws IllegalArgumentException if {@code records} is empty: an empty RRset means DANE does
     *     not apply, which {@link #tlsa} with a NODATA answer expresses
     * @throws IllegalStateException if the TLSA data was already set
     */
    public Builder tlsaRecords(Collection<TlsaRecord> records) {
      requireTlsaUnset();
      if (records.isEmpty()) {
        throw new IllegalArgumentException(
            "Missing TLSA records: an empty RRset means DANE does not apply, so pass the DNS"
                + " answer with tlsa(...) instead");
      }
      this.secureRecords = List.copyOf(records);
      this.tlsaDescription = "TLSA RRset asserted secure by the caller";
      return this;
    }

    /**
     * Sets the reference identifiers for name checks (RFC 7672 section 3.2.3): the TLSA base domain
     * first, then for example the next-hop domain. Names are A-labels and may end with a dot.
     *
     * @throws IllegalArgumentException if the list is empty or a name is not a host name
     */
    public Builder referenceNames(List<String> names) {
      List<String> copy = List.copyOf(names);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException(
            "Missing reference names: give at least the TLSA base domain (RFC 7672 section"
                + " 3.2.3)");
      }
      for (String name : copy) {
        HostNameSyntax.requireHostName(name, "reference name");
      }
      this.referenceNames = copy;
      return this;
    }

    /** Sets the verifier. The default is {@code DaneVerifier.builder().build()} (SMTP profile). */
    public Builder verifier(DaneVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    /**
     * Sets a trust manager that decides when DANE does not apply (insecure or absent TLSA records).
     * It receives the same chain, authentication type and socket or engine. Without one any chain
     * is accepted in that case, as opportunistic TLS does (RFC 7672 section 2.2). It is never used
     * when a secure TLSA RRset exists.
     */
    public Builder pkixDelegate(X509ExtendedTrustManager delegate) {
      this.pkixDelegate = delegate;
      return this;
    }

    /**
     * Builds the trust manager.
     *
     * @throws IllegalStateException if the TLSA data or the reference names are missing
     */
    public DaneTrustManager build() {
      List<TlsaRecord> records = secureRecords;
      if (records == null) {
        throw new IllegalStateException(
            "Missing TLSA data: call tlsa(answer) or tlsaRecords(records) before build()");
      }
      if (referenceNames.isEmpty()) {
        throw new IllegalStateException(
            "Missing reference names: call referenceNames(...) with at least the TLSA base domain"
                + " before build()");
      }
      return new DaneTrustManager(this, records, tlsaDescription);
    }

    private void requireTlsaUnset() {
      if (secureRecords != null) {
        throw new IllegalStateException(
            "The TLSA data is already set. Call tlsa(...) or tlsaRecords(...) only once");
      }
    }

    private static String describeNonApplicable(DnsAnswer<TlsaRecord> answer) {
      String status = answer.isSecure() ? "secure" : "insecure";
      String what =
          answer.kind() == AnswerKind.RECORDS ? "TLSA RRset" : answer.kind() + " for TLSA";
      return status + " " + what + " at " + answer.finalName();
    }
  }
}
