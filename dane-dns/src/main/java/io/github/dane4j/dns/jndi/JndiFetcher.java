package io.github.dane4j.dns.jndi;

import io.github.dane4j.core.TlsaParseException;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.AnswerKind;
import io.github.dane4j.core.spi.AuthenticitySource;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnsAnswer;
import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.core.spi.TlsaQuery;
import io.github.dane4j.dns.internal.DomainNames;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.naming.CommunicationException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.jspecify.annotations.Nullable;

/**
 * The JNDI fetcher: lookups through the JDK's DNS service provider ({@code
 * com.sun.jndi.dns.DnsContextFactory} in module {@code jdk.naming.dns}).
 *
 * <p>That provider sends no EDNS0 OPT record, so no DO bit, and does not expose the AD bit, so
 * every answer is {@link DnssecStatus#UNVERIFIED} with {@link AuthenticitySource#NOT_ESTABLISHED}.
 * It does not expose TTLs either, so every answer has TTL zero. Its calls block, so lookups run on
 * a small pool of {@value #THREADS} daemon threads owned by the fetcher.
 */
final class JndiFetcher implements DnsFetcher {
  private static final System.Logger LOG = System.getLogger(JndiFetcher.class.getName());

  /** Number of threads that wait for JNDI calls; more lookups queue up behind them. */
  static final int THREADS = 4;

  private static final int RCODE_NOERROR = 0;
  private static final int RCODE_SERVFAIL = 2;
  private static final int RCODE_NXDOMAIN = 3;
  private static final String TLSA_ATTRIBUTE = "52"; // RFC 6698 section 7.1: TLSA is type 52
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern DOT = Pattern.compile("\\.");

  private final Hashtable<String, Object> environment;
  private final DnsFetcherSettings settings;
  private final ExecutorService threads;

  JndiFetcher(Hashtable<String, Object> environment, DnsFetcherSettings settings) {
    this.environment = environment;
    this.settings = settings;
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            THREADS,
            runnable -> {
              Thread thread = new Thread(runnable, "dane4j-jndi-dns-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public String providerName() {
    return JndiFetcherProvider.NAME;
  }

  @Override
  public CompletionStage<DnsAnswer<TlsaRecord>> tlsa(TlsaQuery query) {
    Objects.requireNonNull(query, "query");
    String owner = DomainNames.normalize(query.ownerName(), "TLSA owner name");
    return lookup(owner, TLSA_ATTRIBUTE, JndiFetcher::tlsa);
  }

  @Override
  public CompletionStage<DnsAnswer<MxRecord>> mx(String domain) {
    return lookup(DomainNames.normalize(domain, "MX domain"), "MX", JndiFetcher::mx);
  }

  @Override
  public CompletionStage<DnsAnswer<InetAddress>> addresses(String host, AddressFamily family) {
    Objects.requireNonNull(family, "family");
    String name = DomainNames.normalize(host, "host name");
    return family == AddressFamily.IPV4
        ? lookup(name, "A", JndiFetcher::ipv4)
        : lookup(name, "AAAA", JndiFetcher::ipv6);
  }

  @Override
  public CompletionStage<DnsAnswer<CnameHop>> cnameChain(String name) {
    String start = DomainNames.normalize(name, "name");
    return run(start, () -> followChain(start));
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  /** Parses one attribute value into a record; throws IllegalArgumentException when invalid. */
  private interface ValueParser<T> {
    T parse(Object value);
  }

  private <T> CompletionStage<DnsAnswer<T>> lookup(
      String name, String attribute, ValueParser<T> parser) {
    return run(name, () -> fetch(name, attribute, parser));
  }

  /** A blocking lookup that returns its answer or throws a NamingException. */
  private interface BlockingLookup<T> {
    DnsAnswer<T> run() throws NamingException;
  }

  private <T> CompletionStage<DnsAnswer<T>> run(String name, BlockingLookup<T> lookup) {
    CompletableFuture<DnsAnswer<T>> work;
    try {
      work =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return lookup.run();
                } catch (NamingException e) {
                  return failure(name, List.of(name), e);
                }
              },
              threads);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(
          failure(name, List.of(name), -1, "The DNS fetcher is closed; create a new one"));
    }
    Duration timeout = settings.lookupTimeout();
    return work.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (answer, error) -> {
              if (answer != null) {
                return answer;
              }
              if (error instanceof TimeoutException) {
                return failure(
                    name, List.of(name), -1, "Lookup of " + name + " timed out after " + timeout);
              }
              LOG.log(Level.DEBUG, "JNDI lookup of " + name + " failed", error);
              return failure(name, List.of(name), -1, "Lookup failed: " + error);
            });
  }

  /**
   * Follows the CNAME chain of {@code name} and then reads the attribute at its end. JNDI returns
   * every answer record of the requested type without saying which name owns it, so asking for the
   * aliases first is the only way to learn the names followed.
   */
  private <T> DnsAnswer<T> fetch(String name, String attribute, ValueParser<T> parser)
      throws NamingException {
    DirContext context = new InitialDirContext(environment);
    try {
      List<String> names = new ArrayList<>(List.of(name));
      String current = name;
      for (int hops = 0; ; hops++) {
        String target;
        try {
          target = cnameTarget(context, current);
        } catch (NameNotFoundException e) {
          return answer(name, AnswerKind.NXDOMAIN, List.of(), names, RCODE_NXDOMAIN, "");
        } catch (NamingException e) {
          return failure(name, names, e);
        }
        if (target == null) {
          break;
        }
        if (names.contains(target)) {
          return failure(name, names, -1, loopReason(current, target));
        }
        names.add(target);
        if (hops + 1 > settings.maxAliasHops()) {
          return failure(name, names, -1, tooLong(name));
        }
        current = target;
      }

      List<T> records = new ArrayList<>();
      try {
        Attribute values = query(context, current, attribute);
        if (values != null) {
          NamingEnumeration<?> all = values.getAll();
          while (all.hasMore()) {
            records.add(parser.parse(all.next()));
          }
        }
      } catch (NameNotFoundException e) {
        return answer(name, AnswerKind.NXDOMAIN, List.of(), names, RCODE_NXDOMAIN, "");
      } catch (IllegalArgumentException e) {
        return failure(
            name, names, RCODE_NOERROR, "Invalid record at " + current + ": " + e.getMessage());
      }
      AnswerKind kind = records.isEmpty() ? AnswerKind.NODATA : AnswerKind.RECORDS;
      return answer(name, kind, records, names, RCODE_NOERROR, "");
    } finally {
      context.close();
    }
  }

  private DnsAnswer<CnameHop> followChain(String start) throws NamingException {
    DirContext context = new InitialDirContext(environment);
    try {
      List<String> names = new ArrayList<>(List.of(start));
      List<CnameHop> hops = new ArrayList<>();
      String current = start;
      while (true) {
        String target;
        try {
          target = cnameTarget(context, current);
        } catch (NameNotFoundException e) {
          AnswerKind kind = hops.isEmpty() ? AnswerKind.NXDOMAIN : AnswerKind.RECORDS;
          return answer(start, kind, hops, names, RCODE_NXDOMAIN, "");
        } catch (NamingException e) {
          return failure(start, names, e);
        }
        if (target == null) {
          AnswerKind kind = hops.isEmpty() ? AnswerKind.NODATA : AnswerKind.RECORDS;
          return answer(start, kind, hops, names, RCODE_NOERROR, "");
        }
        // JNDI drops the DNAME record, so a synthesised CNAME cannot be distinguished from a real
        // one.
        hops.add(new CnameHop(current, target, DnssecStatus.UNVERIFIED, false));
        if (names.contains(target)) {
          return failure(start, names, -1, loopReason(current, target));
        }
        names.add(target);
        if (hops.size() > settings.maxAliasHops()) {
          return failure(start, names, -1, tooLong(start));
        }
        current = target;
      }
    } finally {
      context.close();
    }
  }

  /**
   * Returns the records of one type at {@code name}, as JNDI's attribute of that type, or null when
   * there are none.
   *
   * <p>Error Prone's BanJNDI check is suppressed here only: it guards against JNDI contexts that
   * deserialize objects from the network (LDAP, RMI). This context is always the JDK's DNS provider
   * ({@code com.sun.jndi.dns.DnsContextFactory}, set by {@link JndiFetcherProvider}), whose
   * attributes are strings and byte arrays decoded from DNS messages.
   */
  @SuppressWarnings("BanJNDI")
  private static @Nullable Attribute query(DirContext context, String name, String attribute)
      throws NamingException {
    return context.getAttributes(name + ".", new String[] {attribute}).get(attribute);
  }

  /** Returns the target of the CNAME at {@code name}, or null when the name is not an alias. */
  private static @Nullable String cnameTarget(DirContext context, String name)
      throws NamingException {
    Attribute cname = query(context, name, "CNAME");
    if (cname == null || cname.size() == 0) {
      return null;
    }
    return DomainNames.normalize(String.valueOf(cname.get(0)), "CNAME target");
  }

  private static String loopReason(String owner, String target) {
    return "CNAME loop at " + owner + ": its CNAME target " + target + " was already followed";
  }

  private String tooLong(String name) {
    return "CNAME chain from "
        + name
        + " is longer than the limit of "
        + settings.maxAliasHops()
        + " aliases";
  }

  private static <T> DnsAnswer<T> answer(
      String name, AnswerKind kind, List<T> records, List<String> names, int rcode, String reason) {
    return new DnsAnswer<>(
        name,
        kind,
        DnssecStatus.UNVERIFIED,
        records,
        names,
        Duration.ZERO,
        rcode,
        null,
        reason,
        AuthenticitySource.NOT_ESTABLISHED);
  }

  /** Maps the exceptions of the JDK's DNS provider to a failed answer. */
  private static <T> DnsAnswer<T> failure(String name, List<String> names, NamingException e) {
    int rcode = e instanceof ServiceUnavailableException ? RCODE_SERVFAIL : -1;
    String problem;
    if (e instanceof ServiceUnavailableException) {
      problem = "the resolver returned SERVFAIL";
    } else if (e instanceof OperationNotSupportedException) {
      problem = "the resolver refused the query or does not implement it";
    } else if (e instanceof CommunicationException) {
      problem = "no usable response (timeout or network error)";
    } else {
      problem = "lookup failed";
    }
    String detail = e.getExplanation() == null ? e.getClass().getSimpleName() : e.getExplanation();
    return failure(
        name, names, rcode, "JNDI lookup of " + name + ": " + problem + " (" + detail + ")");
  }

  private static <T> DnsAnswer<T> failure(
      String name, List<String> names, int rcode, String reason) {
    return answer(name, AnswerKind.FAILURE, List.of(), names, rcode, reason);
  }

  private static TlsaRecord tlsa(Object value) {
    if (!(value instanceof byte[] rdata)) {
      throw new IllegalArgumentException(
          "JNDI returned the TLSA RDATA as " + value.getClass().getName() + ", not as bytes");
    }
    try {
      return TlsaRecord.fromWire(rdata);
    } catch (TlsaParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static MxRecord mx(Object value) {
    String[] fields = WHITESPACE.split(String.valueOf(value).strip(), -1);
    if (fields.length != 2) {
      throw new IllegalArgumentException("Invalid MX data \"" + value + "\"");
    }
    int preference;
    try {
      preference = Integer.parseInt(fields[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid MX preference \"" + fields[0] + "\"", e);
    }
    String exchange = fields[1].equals(".") ? "." : DomainNames.normalize(fields[1], "MX exchange");
    return new MxRecord(preference, exchange.toLowerCase(Locale.ROOT));
  }

  /** Parses an A record's value, a dotted-quad IPv4 literal. */
  private static InetAddress ipv4(Object value) {
    String text = String.valueOf(value);
    if (!IPV4_LITERAL.matcher(text).matches()) {
      throw new IllegalArgumentException("Invalid IPv4 address \"" + text + "\"");
    }
    String[] parts = DOT.split(text, -1);
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) {
        throw new IllegalArgumentException("Invalid IPv4 address \"" + text + "\"");
      }
      bytes[i] = (byte) octet;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Invalid IPv4 address \"" + text + "\"", e);
    }
  }

  /**
   * Parses an AAAA record's value, an IPv6 literal. The pattern check comes first: with a colon in
   * it, {@link InetAddress#getByName(String)} only parses the literal and never asks the system's
   * resolver.
   */
  private static InetAddress ipv6(Object value) {
    String text = String.valueOf(value);
    if (!IPV6_LITERAL.matcher(text).matches()) {
      throw new IllegalArgumentException("Invalid IPv6 address \"" + text + "\"");
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Invalid IPv6 address \"" + text + "\"", e);
    }
  }
}
