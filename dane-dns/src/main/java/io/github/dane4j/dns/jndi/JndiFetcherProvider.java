package io.github.dane4j.dns.jndi;

import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherProvider;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Hashtable;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.naming.Context;

/**
 * The {@code jndi} fetcher provider: DNS lookups through the JDK's own DNS service provider for
 * JNDI, with no library beyond the JDK. TLSA records are fetched by their type number, 52, and
 * parsed from the raw RDATA; MX, A and AAAA by name.
 *
 * <p><b>No DNSSEC:</b> the JDK's provider neither sends the DO bit nor reads the AD bit, so it
 * cannot tell authenticated data from forged data. Every answer is {@link DnssecStatus#UNVERIFIED}
 * with {@link AuthenticitySource#NOT_ESTABLISHED}, never secure, and dane-smtp does not base DANE
 * decisions on such answers unless its caller explicitly opts in. RFC 7672 section 2.1.1 requires a
 * security-aware resolver for DANE.
 *
 * <p>When it is still useful:
 *
 * <ul>
 *   <li>inspecting and monitoring what a domain publishes (TLSA, MX and address records), where the
 *       DNSSEC status does not matter or is checked elsewhere;
 *   <li>environments that forbid libraries beyond the JDK, when the host runs its own validating
 *       resolver on the loopback interface that answers SERVFAIL for bogus data: the records that
 *       arrive then passed validation, although nothing here can tell secure from insecure, which
 *       is why the opt-in in dane-smtp stays necessary.
 * </ul>
 *
 * <p>Settings used: {@link DnsFetcherSettings#resolvers()} (empty means the JDK's view of the
 * system's resolvers), {@link DnsFetcherSettings#queryTimeout()} as JNDI's initial UDP timeout
 * (JNDI doubles it on each retry), {@link DnsFetcherSettings#retries()}, {@link
 * DnsFetcherSettings#lookupTimeout()} and {@link DnsFetcherSettings#maxAliasHops()}. The validation
 * mode, trust anchors, record limit, UDP payload size and executor do not apply.
 *
 * <p>Limitations: JNDI does not expose TTLs (answers have TTL zero), extended DNS errors or DNAME
 * records (a CNAME synthesised from a DNAME looks like any other). Its calls block, so a fetcher
 * runs them on its own four daemon threads. Each lookup first follows the CNAME chain with queries
 * of type CNAME, because JNDI does not say which name owns a returned record. The module {@code
 * jdk.naming.dns} must be present in the runtime image; {@code requires java.naming} brings it in
 * through service binding.
 */
public final class JndiFetcherProvider implements DnsFetcherProvider {

  /** The provider name, {@value}. */
  public static final String NAME = "jndi";

  private static final String FACTORY = "com.sun.jndi.dns.DnsContextFactory";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JndiFetcherProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Creates a JNDI fetcher; it keeps four threads until closed.
   *
   * @throws NullPointerException if {@code settings} is null
   */
  @Override
  @SuppressWarnings("JdkObsolete") // InitialDirContext takes its environment as a Hashtable
  public DnsFetcher create(DnsFetcherSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Hashtable<String, Object> environment = new Hashtable<>();
    environment.put(Context.INITIAL_CONTEXT_FACTORY, FACTORY);
    if (!settings.resolvers().isEmpty()) {
      environment.put(
          Context.PROVIDER_URL,
          settings.resolvers().stream()
              .map(JndiFetcherProvider::url)
              .collect(Collectors.joining(" ")));
    }
    environment.put(
        "com.sun.jndi.dns.timeout.initial", Long.toString(settings.queryTimeout().toMillis()));
    // JNDI's "retries" is the number of attempts per server.
    environment.put("com.sun.jndi.dns.timeout.retries", Integer.toString(settings.retries() + 1));
    environment.put("com.sun.jndi.dns.recursion", "true");
    return new JndiFetcher(environment, settings);
  }

  private static String url(InetSocketAddress resolver) {
    String host = resolver.getAddress().getHostAddress();
    if (resolver.getAddress() instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return "dns://" + host + ":" + resolver.getPort();
  }
}
