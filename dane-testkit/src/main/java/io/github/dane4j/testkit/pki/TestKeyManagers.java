package io.github.dane4j.testkit.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Key managers and server {@link SSLContext}s that present test certificate chains.
 *
 * <p>The key managers offer a chain only when JSSE requests the key algorithm of its private key
 * ({@code EC}, {@code RSA} or {@code EdDSA}), so JSSE picks a signature scheme that fits the key.
 * Both server and client methods are implemented, so they also serve for client certificates.
 */
public final class TestKeyManagers {
  private TestKeyManagers() {}

  /**
   * Creates a key manager that always presents this chain with this key.
   *
   * @param key the private key of the first certificate in {@code chain}
   * @param chain the certificates to send, leaf first
   * @throws IllegalArgumentException if {@code chain} is empty
   */
  public static X509ExtendedKeyManager fixed(PrivateKey key, List<X509Certificate> chain) {
    IssuedChain only = new IssuedChain(key, chain);
    return new SniKeyManager(Map.of(), only);
  }

  /**
   * Creates a key manager that chooses the chain by the host name in the client's SNI extension
   * (RFC 6066 section 3), compared without regard to ASCII case. Without SNI, or with a name that
   * is not in the map, it presents {@code fallback}.
   *
   * @param bySniName chains by host name, without a trailing dot
   * @param fallback the chain for every other connection
   * @throws IllegalArgumentException if two keys of the map differ only in case
   */
  public static X509ExtendedKeyManager bySni(
      Map<String, IssuedChain> bySniName, IssuedChain fallback) {
    Objects.requireNonNull(fallback, "fallback");
    Map<String, IssuedChain> normalized = new HashMap<>();
    for (Map.Entry<String, IssuedChain> entry : bySniName.entrySet()) {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      IssuedChain previous = normalized.put(name, Objects.requireNonNull(entry.getValue()));
      if (previous != null) {
        throw new IllegalArgumentException(
            "SNI name '" + entry.getKey() + "' appears twice when case is ignored; keep one");
      }
    }
    return new SniKeyManager(normalized, fallback);
  }

  /**
   * Creates a TLS server context (SunJSSE) that presents this chain with this key, with a new key
   * manager from {@link #fixed(PrivateKey, List)}. The context trusts no client certificates.
   *
   * @throws IllegalArgumentException if {@code chain} is empty
   * @throws IllegalStateException if SunJSSE is missing or rejects the key manager
   */
  public static SSLContext serverContext(PrivateKey key, List<X509Certificate> chain) {
    X509ExtendedKeyManager keyManager = fixed(key, chain);
    try {
      SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
      context.init(new KeyManager[] {keyManager}, new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Creating the SunJSSE server context failed", e);
    }
  }

  /**
   * Key manager that serves chains by SNI name. With an empty map it always serves the fallback.
   */
  private static final class SniKeyManager extends X509ExtendedKeyManager {
    private static final String FALLBACK_ALIAS = "fallback";
    private static final String SNI_ALIAS_PREFIX = "sni:";

    private final Map<String, IssuedChain> bySniName;
    private final IssuedChain fallback;

    SniKeyManager(Map<String, IssuedChain> bySniName, IssuedChain fallback) {
      this.bySniName = Map.copyOf(bySniName);
      this.fallback = fallback;
    }

    @Override
    public @Nullable String chooseEngineServerAlias(
        String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
      return aliasFor(keyType, engine != null ? engine.getHandshakeSession() : null);
    }

    @Override
    public @Nullable String chooseServerAlias(
        String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
      SSLSession session =
          socket instanceof SSLSocket sslSocket ? sslSocket.getHandshakeSession() : null;
      return aliasFor(keyType, session);
    }

    @Override
    public @Nullable String chooseEngineClientAlias(
        String[] keyTypes, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
      return clientAlias(keyTypes);
    }

    @Override
    public @Nullable String chooseClientAlias(
        String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return clientAlias(keyTypes);
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
      return aliases(keyType);
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
      return aliases(keyType);
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
      IssuedChain chain = chainFor(alias);
      return chain != null ? chain.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
      IssuedChain chain = chainFor(alias);
      return chain != null ? chain.key() : null;
    }

    private @Nullable String aliasFor(String keyType, @Nullable SSLSession session) {
      String alias = FALLBACK_ALIAS;
      String sniName = requestedHostName(session);
      if (sniName != null && bySniName.containsKey(sniName)) {
        alias = SNI_ALIAS_PREFIX + sniName;
      }
      IssuedChain chain = chainFor(alias);
      return chain != null && fits(chain, keyType) ? alias : null;
    }

    private @Nullable String clientAlias(String[] keyTypes) {
      for (String keyType : keyTypes) {
        if (fits(fallback, keyType)) {
          return FALLBACK_ALIAS;
        }
      }
      return null;
    }

    private String @Nullable [] aliases(String keyType) {
      List<String> matching = new ArrayList<>();
      if (fits(fallback, keyType)) {
        matching.add(FALLBACK_ALIAS);
      }
      for (Map.Entry<String, IssuedChain> entry : bySniName.entrySet()) {
        if (fits(entry.getValue(), keyType)) {
          matching.add(SNI_ALIAS_PREFIX + entry.getKey());
        }
      }
      return matching.isEmpty() ? null : matching.toArray(new String[0]);
    }

    private @Nullable IssuedChain chainFor(String alias) {
      if (alias.equals(FALLBACK_ALIAS)) {
        return fallback;
      }
      if (alias.startsWith(SNI_ALIAS_PREFIX)) {
        return bySniName.get(alias.substring(SNI_ALIAS_PREFIX.length()));
      }
      return null;
    }

    private static boolean fits(IssuedChain chain, String keyType) {
      return chain.key().getAlgorithm().equalsIgnoreCase(keyType);
    }

    private static @Nullable String requestedHostName(@Nullable SSLSession session) {
      if (!(session instanceof ExtendedSSLSession extendedSession)) {
        return null;
      }
      for (SNIServerName name : extendedSession.getRequestedServerNames()) {
        if (name instanceof SNIHostName hostName) {
          return hostName.getAsciiName().toLowerCase(Locale.ROOT);
        }
      }
      return null;
    }
  }
}
