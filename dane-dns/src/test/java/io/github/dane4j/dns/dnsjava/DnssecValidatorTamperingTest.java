package io.github.dane4j.dns.dnsjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.core.spi.DnssecStatus;
import io.github.dane4j.dns.testing.DnsWorld;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Responses changed on the way, as an attacker on the path would change them, fed to {@link
 * DnssecValidator}: none of them may come out secure, and none that removes proof may come out
 * insecure.
 */
class DnssecValidatorTamperingTest {
  private static DnsWorld world;
  private static DnsFetcherSettings settings;

  @BeforeAll
  static void startWorld() {
    world = DnsWorld.start();
    settings = world.inProcess().build();
  }

  @AfterAll
  static void stopWorld() {
    world.close();
  }

  @Test
  void untouched_signedAnswer_secure() {
    assertThat(status("mx1.example.test.", Type.A, "mx1.example.test.", Type.A, m -> m))
        .isEqualTo(DnssecStatus.SECURE);
  }

  @Test
  void positiveAnswer_signaturesStripped_bogus() {
    assertThat(
            status(
                "mx1.example.test.",
                Type.A,
                "mx1.example.test.",
                Type.A,
                m -> without(m, Section.ANSWER, Type.RRSIG)))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void positiveAnswer_recordAdded_bogus() {
    assertThat(
            status(
                "mx1.example.test.",
                Type.A,
                "mx1.example.test.",
                Type.A,
                m -> {
                  m.addRecord(
                      new ARecord(
                          Name.fromConstantString("mx1.example.test."),
                          DClass.IN,
                          3600,
                          address("198.51.100.1")),
                      Section.ANSWER);
                  return m;
                }))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void nxdomain_nsecStripped_bogus() {
    assertThat(
            status(
                "missing.example.test.",
                Type.A,
                "missing.example.test.",
                Type.A,
                m ->
                    without(
                        without(m, Section.AUTHORITY, Type.NSEC), Section.AUTHORITY, Type.RRSIG)))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void nxdomain_nsec3Stripped_bogus() {
    assertThat(
            status(
                "missing.nsec3.test.",
                Type.A,
                "missing.nsec3.test.",
                Type.A,
                m ->
                    without(
                        without(m, Section.AUTHORITY, Type.NSEC3), Section.AUTHORITY, Type.RRSIG)))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void nxdomain_rcodeChangedToNoerror_bogus() {
    assertThat(
            status(
                "missing.example.test.",
                Type.A,
                "missing.example.test.",
                Type.A,
                m -> {
                  m.getHeader().setRcode(Rcode.NOERROR);
                  return m;
                }))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void nodata_rcodeChangedToNxdomain_bogus() {
    assertThat(
            status(
                "mx1.example.test.",
                Type.TXT,
                "mx1.example.test.",
                Type.TXT,
                m -> {
                  m.getHeader().setRcode(Rcode.NXDOMAIN);
                  return m;
                }))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void positiveAnswer_dataStripped_bogus() {
    // An answer emptied on the way claims NODATA without any NSEC proof.
    assertThat(
            status(
                "mx1.example.test.",
                Type.A,
                "mx1.example.test.",
                Type.A,
                m -> without(m, Section.ANSWER, Type.A, Type.RRSIG)))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void dsQuery_dsStripped_bogus() {
    assertThat(
            status(
                "mx1.example.test.",
                Type.A,
                "example.test.",
                Type.DS,
                m -> without(m, Section.ANSWER, Type.DS, Type.RRSIG)))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void dsQuery_emptyNxdomain_bogus() {
    assertThat(
            status(
                "mx1.example.test.",
                Type.A,
                "example.test.",
                Type.DS,
                m -> {
                  Message empty = new Message(m.getHeader().getID());
                  empty.getHeader().setFlag(Flags.QR);
                  empty.getHeader().setRcode(Rcode.NXDOMAIN);
                  empty.addRecord(m.getQuestion(), Section.QUESTION);
                  return empty;
                }))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void dnskeyQuery_keysStripped_bogus() {
    assertThat(
            status(
                "mx1.example.test.",
                Type.A,
                "example.test.",
                Type.DNSKEY,
                m -> without(m, Section.ANSWER, Type.DNSKEY, Type.RRSIG)))
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void untouched_insecureDelegation_insecure() {
    assertThat(status("host.unsigned.test.", Type.A, "host.unsigned.test.", Type.A, m -> m))
        .isEqualTo(DnssecStatus.INSECURE);
  }

  /**
   * Looks up {@code name}/{@code type} with a new validator (so no key is cached) whose upstream
   * applies {@code change} to the response to {@code changedName}/{@code changedType}.
   */
  private static DnssecStatus status(
      String name, int type, String changedName, int changedType, UnaryOperator<Message> change) {
    SimpleResolver real = new SimpleResolver(world.server().address());
    real.setTimeout(Duration.ofSeconds(2));
    real.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    Resolver tampering =
        new TamperingResolver(real, Name.fromConstantString(changedName), changedType, change);
    DnssecValidator validator =
        new DnssecValidator(tampering, TrustAnchors.records(settings), Clock.systemUTC(), 1232);
    Message query =
        Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    Message response;
    try {
      response = validator.sendAsync(query).toCompletableFuture().join();
    } catch (CompletionException e) {
      return DnssecStatus.INDETERMINATE;
    }
    if (response.getRcode() == Rcode.SERVFAIL) {
      return DnssecStatus.BOGUS;
    }
    return response.getHeader().getFlag(Flags.AD) ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
  }

  /** Returns {@code message} without the records of {@code types} in {@code section}. */
  private static Message without(Message message, int section, int... types) {
    for (Record record : List.copyOf(message.getSection(section))) {
      for (int type : types) {
        if (record.getType() == type) {
          message.removeRecord(record, section);
        }
      }
    }
    return message;
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** Passes queries to the real server and changes the response to one question. */
  private static final class TamperingResolver implements Resolver {
    private final Resolver real;
    private final Name name;
    private final int type;
    private final UnaryOperator<Message> change;

    TamperingResolver(Resolver real, Name name, int type, UnaryOperator<Message> change) {
      this.real = real;
      this.name = name;
      this.type = type;
      this.change = change;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      Record question = query.getQuestion();
      CompletionStage<Message> response = real.sendAsync(query, executor);
      if (question.getName().equals(name) && question.getType() == type) {
        return response.thenApply(message -> change.apply(message.clone()));
      }
      return response;
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
  }
}
