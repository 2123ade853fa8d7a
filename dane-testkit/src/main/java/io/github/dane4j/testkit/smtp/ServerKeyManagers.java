package io.github.dane4j.testkit.smtp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/** Key managers that make the server's side of the TLS handshake fail on purpose. */
final class ServerKeyManagers {
  private ServerKeyManagers() {}

  /**
   * Creates a key manager that has no certificate for any key type, so SunJSSE cannot complete a
   * server handshake and ends it with a {@code handshake_failure} alert.
   */
  static X509ExtendedKeyManager withoutCertificates() {
    return new NoCertificateKeyManager();
  }

  /**
   * Wraps a key manager so that it presents the same certificates but returns a newly generated
   * private key of the same type and size, which matches none of them.
   */
  static X509ExtendedKeyManager withWrongPrivateKey(X509ExtendedKeyManager delegate) {
    return new WrongPrivateKeyManager(delegate);
  }

  private static final class NoCertificateKeyManager extends X509ExtendedKeyManager {
    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
      return null;
    }

    @Override
    public @Nullable String chooseClientAlias(
        String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return null;
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
      return null;
    }

    @Override
    public @Nullable String chooseServerAlias(
        String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return null;
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
      return null;
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
      return null;
    }
  }

  private static final class WrongPrivateKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;
    private final Map<String, PrivateKey> replacements = new ConcurrentHashMap<>();

    WrongPrivateKeyManager(X509ExtendedKeyManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
      return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public @Nullable String chooseClientAlias(
        String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return delegate.chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
      return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public @Nullable String chooseServerAlias(
        String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
      return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public @Nullable String chooseEngineServerAlias(
        String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
      return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
      PrivateKey real = delegate.getPrivateKey(alias);
      if (real == null) {
        return null;
      }
      return replacements.computeIfAbsent(alias, unused -> generateKeyLike(real));
    }

    private static PrivateKey generateKeyLike(PrivateKey key) {
      try {
        KeyPairGenerator generator;
        if (key instanceof ECPrivateKey ec) {
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(ec.getParams());
        } else if (key instanceof RSAPrivateKey rsa) {
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(rsa.getModulus().bitLength());
        } else if (key instanceof EdECPrivateKey edwards) {
          generator = KeyPairGenerator.getInstance(edwards.getParams().getName());
        } else {
          throw new IllegalStateException(
              "Cannot generate a replacement for a "
                  + key.getAlgorithm()
                  + " private key; use an EC, RSA or EdDSA key with HANDSHAKE_WRONG_PRIVATE_KEY");
        }
        return generator.generateKeyPair().getPrivate();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(
            "Generating a replacement " + key.getAlgorithm() + " private key failed", e);
      }
    }
  }
}
