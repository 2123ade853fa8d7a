package io.github.dane4j.smtp;

import io.github.dane4j.core.DaneTrustManager;
import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.smtp.internal.AuditingTrustManager;
import io.github.dane4j.smtp.internal.ConfiguredSslContext;
import io.github.dane4j.smtp.internal.FreshContextSocketFactory;
import io.github.dane4j.smtp.internal.TlsContexts;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The RFC 7672 decision for one MX host, made from DNS before connecting, with ready JSSE objects
 * for a connection that the caller makes itself: an MTA or mail client keeps its own SMTP code and
 * uses {@link #sslSocketFactory()} for STARTTLS.
 *
 * <pre>{@code
 * HostPolicy policy = verifier.hostPolicy("mx.example.org", "example.org");
 * if (policy.tlsPolicy() == TlsPolicy.UNREACHABLE) {
 *   // try the next MX host, or defer
 * }
 * InetAddress address = policy.addresses().get(0); // connect to this exact address
 * SSLSocketFactory factory = policy.sslSocketFactory(); // for the STARTTLS upgrade
 * }</pre>
 *
 * <p>It contains the decision and its evidence: the CNAME chain of the host, the validated
 * addresses, the candidate TLSA base domains and their TLSA lookups, the chosen TLSA base domain,
 * the reference identifiers for DANE-TA name checks and the SNI name.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Connect only to {@link #addresses()}: they come from DNSSEC-aware lookups, and resolving
 *       the host name again through the system resolver would lose their DNSSEC status.
 *   <li>When {@link TlsPolicy#tlsRequired()}, never send mail without STARTTLS and a completed
 *       handshake; the JSSE objects enforce the certificate check, not the use of TLS.
 *   <li>Each SSL object comes from a new {@code SSLContext} with a new trust manager, so no session
 *       is resumed and every handshake is checked against these TLSA records. Ask for a new policy
 *       when the TLSA records may have changed (their TTL has passed).
 *   <li>With audit-only mode, the objects accept a chain that fails DANE verification; the outcome
 *       is still recorded by the trust manager (RFC 7672 section 9.1).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HostPolicy {
  /**
   * A reference name for the trust manager of an address-literal next hop, where DANE does not
   * apply and names are never checked. The {@code .invalid} top-level domain never resolves (RFC
   * 6761 section 6.4).
   */
  static final String ADDRESS_LITERAL_NAME = "address-literal.invalid";

  private final String host;
  private final int port;
  private final TlsPolicy tlsPolicy;
  private final String reason;
  private final @Nullable Assessment unreachable;
  private final boolean daneRequired;
  private final boolean auditOnly;
  private final List<CnameHop> cnameChain;
  private final List<InetAddress> addresses;
  private final @Nullable DnssecStatus addressStatus;
  private final List<String> candidateBaseDomains;
  private final List<TlsaLookup> tlsaLookups;
  private final @Nullable String tlsaBaseDomain;
  private final List<String> referenceNames;
  private final @Nullable String sniHostName;
  private final @Nullable DnsAnswer<TlsaRecord> trustAnswer;
  private final DaneVerifier daneVerifier;
  private final TlsProvider tlsProvider;
  private final List<String> tlsProtocols;
  private final List<String> cipherSuites;

  private HostPolicy(Builder builder, TlsPolicy tlsPolicy, String reason) {
    this.host = builder.host;
    this.port = builder.port;
    this.tlsPolicy = tlsPolicy;
    this.reason = reason;
    this.unreachable = builder.unreachable;
    this.daneRequired = builder.daneRequired;
    this.auditOnly = builder.auditOnly;
    this.cnameChain = List.copyOf(builder.cnameChain);
    this.addresses = List.copyOf(builder.addresses);
    this.addressStatus = builder.addressStatus;
    this.candidateBaseDomains = List.copyOf(builder.candidateBaseDomains);
    this.tlsaLookups = List.copyOf(builder.tlsaLookups);
    this.tlsaBaseDomain = builder.tlsaBaseDomain;
    this.referenceNames = List.copyOf(builder.referenceNames);
    this.sniHostName = builder.sniHostName;
    this.trustAnswer = builder.trustAnswer;
    this.daneVerifier = builder.daneVerifier;
    this.tlsProvider = builder.tls.tlsProvider();
    this.tlsProtocols = builder.tls.tlsProtocols();
    this.cipherSuites = builder.tls.cipherSuites();
  }

  /**
   * Returns a builder; the SSL objects take the TLS provider, protocol versions and cipher suites
   * of {@code tls}.
   */
  static Builder builder(String host, int port, DaneVerifier verifier, ConnectorSettings tls) {
    return new Builder(host, port, verifier, tls);
  }

  /** Returns the host name as given, or an address literal such as {@code [192.0.2.1]}. */
  public String host() {
    return host;
  }

  /** Returns the SMTP port, which is also the port in the TLSA owner name. */
  public int port() {
    return port;
  }

  /** Returns what RFC 7672 requires of connections to this host. */
  public TlsPolicy tlsPolicy() {
    return tlsPolicy;
  }

  /** Returns an explanation of the decision, naming the DNS answers it rests on. */
  public String reason() {
    return reason;
  }

  /**
   * Returns why the host must not be used, with verdict and RFC 8460 result type, when {@link
   * #tlsPolicy()} is {@link TlsPolicy#UNREACHABLE}; empty otherwise.
   */
  public Optional<Assessment> unreachableAssessment() {
    return Optional.ofNullable(unreachable);
  }

  /** Returns whether the destination was configured as DANE-mandatory (RFC 7672 section 6). */
  public boolean daneRequired() {
    return daneRequired;
  }

  /** Returns whether audit-only mode was on when the policy was made. */
  public boolean auditOnly() {
    return auditOnly;
  }

  /** Returns the CNAME chain of the host name, hop by hop with each hop's DNSSEC status. */
  public List<CnameHop> cnameChain() {
    return cnameChain;
  }

  /** Returns the addresses to connect to, from DNSSEC-aware lookups, in the order to try them. */
  public List<InetAddress> addresses() {
    return addresses;
  }

  /**
   * Returns the DNSSEC status of the address records (insecure when any family's records are), or
   * empty for an address literal or when no address records were found.
   */
  public Optional<DnssecStatus> addressStatus() {
    return Optional.ofNullable(addressStatus);
  }

  /**
   * Returns the candidate TLSA base domains in the order they were tried: the CNAME-expanded name
   * first, then the original (RFC 7672 section 2.2.3). Empty when DANE cannot apply because the
   * address records or the first CNAME are insecure.
   */
  public List<String> candidateBaseDomains() {
    return candidateBaseDomains;
  }

  /** Returns the TLSA lookups made, one per candidate tried, in order. */
  public List<TlsaLookup> tlsaLookups() {
    return tlsaLookups;
  }

  /** Returns the TLSA base domain whose secure TLSA RRset was chosen, if any. */
  public Optional<String> tlsaBaseDomain() {
    return Optional.ofNullable(tlsaBaseDomain);
  }

  /** Returns the chosen secure TLSA records, or an empty list when DANE does not apply. */
  public List<TlsaRecord> tlsaRecords() {
    DnsAnswer<TlsaRecord> answer = trustAnswer;
    return tlsaBaseDomain != null && answer != null ? answer.records() : List.of();
  }

  /**
   * Returns the reference identifiers for DANE-TA name checks, primary first: the TLSA base domain,
   * then with a secure MX RRset the next-hop domain and its CNAME-expanded form (RFC 7672 section
   * 3.2.2). Empty for an address literal.
   */
  public List<String> referenceNames() {
    return referenceNames;
  }

  /**
   * Returns the SNI host name: the TLSA base domain when DANE applies (RFC 7672 section 8.1), else
   * the host name. Empty for an address literal, which sends no SNI.
   */
  public Optional<String> sniHostName() {
    return Optional.ofNullable(sniHostName);
  }

  /** Returns the TLS provider of the SSL objects. */
  public TlsProvider tlsProvider() {
    return tlsProvider;
  }

  /**
   * Returns the TLS protocol versions that the SSL objects enable, those of the verifier's {@link
   * ConnectorSettings#tlsProtocols()}.
   */
  public List<String> tlsProtocols() {
    return tlsProtocols;
  }

  /**
   * Returns the cipher suites that the SSL objects enable, those of the verifier's {@link
   * ConnectorSettings#cipherSuites()}; empty for the provider's defaults.
   */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /**
   * Returns a new trust manager that checks a server chain against this policy; use it for one
   * connection, so that its {@link DaneTrustManager#lastOutcome()} belongs to that connection. It
   * enforces DANE even in audit-only mode.
   *
   * @throws IllegalStateException if the policy is {@link TlsPolicy#UNREACHABLE}
   */
  public DaneTrustManager newTrustManager() {
    DnsAnswer<TlsaRecord> answer = trustAnswer;
    if (tlsPolicy == TlsPolicy.UNREACHABLE || answer == null) {
      throw new IllegalStateException(
          "Host " + host + " must not be used (" + reason + "); try the next MX host or defer");
    }
    List<String> names = referenceNames.isEmpty() ? List.of(ADDRESS_LITERAL_NAME) : referenceNames;
    return DaneTrustManager.builder()
        .tlsa(answer)
        .referenceNames(names)
        .verifier(daneVerifier)
        .build();
  }

  /**
   * Returns a new client {@code SSLContext} of the {@linkplain #tlsProvider() TLS provider} with a
   * new trust manager for this policy, for one connection. Its sockets, engines and default
   * parameters enable only {@link #tlsProtocols()} and, unless empty, {@link #cipherSuites()}. The
   * context is initialised already: {@code init} throws {@code KeyManagementException}. Set SNI
   * with {@link #sslEngine} or use {@link #sslSocketFactory()}, which do it.
   *
   * @throws IllegalStateException if the policy is {@link TlsPolicy#UNREACHABLE}
   */
  public SSLContext sslContext() {
    SSLContext context = TlsContexts.newContext(tlsProvider, trustManagerForConnection());
    return new ConfiguredSslContext(context, tlsProvider, tlsProtocols, cipherSuites);
  }

  /**
   * Returns a socket factory for the STARTTLS upgrade ({@code createSocket(socket, host, port,
   * true)}) whose every socket comes from a new {@code SSLContext} with a new trust manager, has
   * SNI set as {@link #sniHostName()} specifies and enables only {@link #tlsProtocols()} and,
   * unless empty, {@link #cipherSuites()}.
   *
   * @throws IllegalStateException if the policy is {@link TlsPolicy#UNREACHABLE}
   */
  public SSLSocketFactory sslSocketFactory() {
    newTrustManager(); // fail early for an unreachable host
    return new FreshContextSocketFactory(() -> sslContext().getSocketFactory(), sniHostName);
  }

  /**
   * Returns a client {@code SSLEngine} from a new {@code SSLContext}, with SNI set as {@link
   * #sniHostName()} specifies and only {@link #tlsProtocols()} and {@link #cipherSuites()} enabled,
   * for callers that drive TLS themselves (Netty, NIO).
   *
   * @param peerHost the peer's host name or address, a hint for the provider
   * @param peerPort the peer's port
   * @throws IllegalStateException if the policy is {@link TlsPolicy#UNREACHABLE}
   */
  public SSLEngine sslEngine(String peerHost, int peerPort) {
    SSLEngine engine = sslContext().createSSLEngine(peerHost, peerPort);
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    String sni = sniHostName;
    parameters.setServerNames(sni != null ? List.of(new SNIHostName(sni)) : List.of());
    engine.setSSLParameters(parameters);
    return engine;
  }

  private X509ExtendedTrustManager trustManagerForConnection() {
    DaneTrustManager trustManager = newTrustManager();
    return auditOnly ? new AuditingTrustManager(trustManager) : trustManager;
  }

  /** The TLSA answer behind the trust managers, for the connector. */
  @Nullable DnsAnswer<TlsaRecord> trustAnswer() {
    return trustAnswer;
  }

  @Override
  public String toString() {
    return host + ":" + port + " " + tlsPolicy + " (" + reason + ")";
  }

  /** Collects the evidence while the DNS lookups run. Not thread-safe. */
  static final class Builder {
    private final String host;
    private final int port;
    private final DaneVerifier daneVerifier;
    private final ConnectorSettings tls;
    private @Nullable Assessment unreachable;
    private boolean daneRequired;
    private boolean auditOnly;
    private List<CnameHop> cnameChain = List.of();
    private List<InetAddress> addresses = List.of();
    private @Nullable DnssecStatus addressStatus;
    private List<String> candidateBaseDomains = List.of();
    private final List<TlsaLookup> tlsaLookups = new ArrayList<>();
    private @Nullable String tlsaBaseDomain;
    private List<String> referenceNames = List.of();
    private @Nullable String sniHostName;
    private @Nullable DnsAnswer<TlsaRecord> trustAnswer;

    private Builder(String host, int port, DaneVerifier verifier, ConnectorSettings tls) {
      this.host = host;
      this.port = port;
      this.daneVerifier = verifier;
      this.tls = tls;
    }

    String host() {
      return host;
    }

    int port() {
      return port;
    }

    Builder daneRequired(boolean required) {
      this.daneRequired = required;
      return this;
    }

    boolean daneRequired() {
      return daneRequired;
    }

    Builder auditOnly(boolean audit) {
      this.auditOnly = audit;
      return this;
    }

    Builder cnameChain(List<CnameHop> hops) {
      this.cnameChain = List.copyOf(hops);
      return this;
    }

    Builder addresses(List<InetAddress> found, @Nullable DnssecStatus status) {
      this.addresses = List.copyOf(found);
      this.addressStatus = status;
      return this;
    }

    Builder candidateBaseDomains(List<String> candidates) {
      this.candidateBaseDomains = List.copyOf(candidates);
      return this;
    }

    Builder addTlsaLookup(TlsaLookup lookup) {
      tlsaLookups.add(lookup);
      return this;
    }

    List<TlsaLookup> tlsaLookups() {
      return List.copyOf(tlsaLookups);
    }

    /** Records the secure TLSA answer of the chosen base domain and its reference names. */
    Builder dane(String baseDomain, DnsAnswer<TlsaRecord> answer, List<String> names) {
      this.tlsaBaseDomain = baseDomain;
      this.trustAnswer = answer;
      this.referenceNames = List.copyOf(names);
      this.sniHostName = baseDomain;
      return this;
    }

    /** Records that DANE does not apply, with the stand-in answer that tells the trust manager. */
    Builder withoutDane(
        DnsAnswer<TlsaRecord> nonApplicable, List<String> names, @Nullable String sni) {
      this.tlsaBaseDomain = null;
      this.trustAnswer = nonApplicable;
      this.referenceNames = List.copyOf(names);
      this.sniHostName = sni;
      return this;
    }

    HostPolicy build(TlsPolicy policy, String reason) {
      return new HostPolicy(this, policy, reason);
    }

    HostPolicy unreachable(Assessment assessment) {
      this.unreachable = assessment;
      this.trustAnswer = null;
      return new HostPolicy(this, TlsPolicy.UNREACHABLE, assessment.message());
    }
  }
}
