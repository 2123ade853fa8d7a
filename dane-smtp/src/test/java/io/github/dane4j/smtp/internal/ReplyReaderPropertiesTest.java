package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.smtp.SmtpReply;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ReplyReaderPropertiesTest {

  @Property
  void read_randomBytes_returnsReplyOrReplyException(@ForAll @Size(max = 600) byte[] wire)
      throws Exception {
    ReplyReader reader = new ReplyReader(new ByteArrayInputStream(wire), 64, 5, 200);

    boolean outcome;
    try {
      SmtpReply reply = reader.read();
      outcome = reply.code() >= 200 && reply.code() <= 599;
    } catch (ReplyException e) {
      outcome = e.getMessage() != null;
    }

    assertThat(outcome).isTrue();
  }

  @Property
  void read_randomReplyLikeText_returnsReplyOrReplyException(@ForAll("replyLikeText") String wire)
      throws Exception {
    ReplyReader reader =
        new ReplyReader(
            new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), 64, 5, 200);

    boolean outcome;
    try {
      outcome = reader.read().lines().size() <= 5;
    } catch (ReplyException e) {
      outcome = e.getMessage() != null;
    }

    assertThat(outcome).isTrue();
  }

  @Property
  void read_wellFormedReply_roundTrips(
      @ForAll @IntRange(min = 200, max = 599) int code, @ForAll("lineTexts") List<String> texts)
      throws Exception {
    SmtpReply written = new SmtpReply(code, texts);
    byte[] wire = (written + "\n").replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);

    SmtpReply read = new ReplyReader(new ByteArrayInputStream(wire), 512, 100, 65_536).read();

    assertThat(read).isEqualTo(written);
  }

  @Provide
  Arbitrary<String> replyLikeText() {
    Arbitrary<String> prefix = Arbitraries.of("220", "250", "600", "25", "2x0", "");
    Arbitrary<String> tail =
        Arbitraries.strings().withChars("0123456789 -\r\nabc\u0000\u00ff").ofMaxLength(30);
    Arbitrary<String> line = Combinators.combine(prefix, tail).as((code, text) -> code + text);
    return line.list().ofMaxSize(8).map(lines -> String.join("\r\n", lines));
  }

  @Provide
  Arbitrary<List<String>> lineTexts() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars(' ', '-', '.')
        .ofMaxLength(40)
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }
}
