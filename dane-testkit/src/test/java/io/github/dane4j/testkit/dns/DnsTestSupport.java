package io.github.dane4j.testkit.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** Clients for tests: a validating resolver and a plain stub resolver aimed at a test server. */
final class DnsTestSupport {

  /** Upper bound on one resolution, so that a broken server fails a test instead of hanging it. */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  /** Timeout of the stub resolver in misbehaviour tests, where timeouts are expected. */
  static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

  private DnsTestSupport() {}

  static Name name(String text) {
    return Name.fromConstantString(text);
  }

  static Message query(String name, int type) {
    return Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
  }

  static SimpleResolver stub(TestDnsServer server) {
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTimeout(Duration.ofSeconds(5));
    return resolver;
  }

  /** Returns a validator over a stub resolver with the server's trust anchors loaded. */
  static ValidatingResolver validator(TestDnsServer server) {
    ValidatingResolver validator = new ValidatingResolver(stub(server));
    try {
      validator.loadTrustAnchors(
          new ByteArrayInputStream(server.trustAnchors().getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return validator;
  }

  /** Sends one query and waits at most {@link #DEADLINE}; never sets CD. */
  static Message resolve(Resolver resolver, String name, int type) throws Exception {
    return send(resolver, query(name, type));
  }

  static Message send(Resolver resolver, Message query) throws Exception {
    CompletableFuture<Message> future = resolver.sendAsync(query).toCompletableFuture();
    try {
      return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  static boolean authenticated(Message response) {
    return response.getHeader().getFlag(Flags.AD);
  }

  static List<Record> answers(Message response, int type) {
    return response.getSection(Section.ANSWER).stream()
        .filter(record -> record.getType() == type)
        .toList();
  }
}
