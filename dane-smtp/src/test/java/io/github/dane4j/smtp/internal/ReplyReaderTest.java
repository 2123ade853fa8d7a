package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dane4j.smtp.FailureKind;
import io.github.dane4j.smtp.SmtpReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

  private static ReplyReader reader(String wire) {
    return reader(wire.getBytes(StandardCharsets.ISO_8859_1), 512, 100, 65_536);
  }

  private static ReplyReader reader(byte[] wire, int maxLineLength, int maxLines, int maxBytes) {
    return new ReplyReader(new ByteArrayInputStream(wire), maxLineLength, maxLines, maxBytes);
  }

  private static ReplyException failure(ReplyReader reader) {
    return catchThrowableOfType(ReplyException.class, reader::read);
  }

  @Test
  void read_singleLine_returnsCodeAndText() throws Exception {
    SmtpReply reply = reader("220 mx.example.org ESMTP\r\n").read();

    assertThat(reply.code()).isEqualTo(220);
    assertThat(reply.lines()).containsExactly("mx.example.org ESMTP");
  }

  @Test
  void read_multiLine_returnsEveryLine() throws Exception {
    SmtpReply reply = reader("250-mx.example.org\r\n250-PIPELINING\r\n250 STARTTLS\r\n").read();

    assertThat(reply.code()).isEqualTo(250);
    assertThat(reply.lines()).containsExactly("mx.example.org", "PIPELINING", "STARTTLS");
  }

  @Test
  void read_bareCodeFinalLine_isAccepted() throws Exception {
    SmtpReply reply = reader("250-first\r\n250\r\n").read();

    assertThat(reply.lines()).containsExactly("first", "");
  }

  @Test
  void read_codeWithSpaceOnly_hasEmptyText() throws Exception {
    SmtpReply reply = reader("250 \r\n").read();

    assertThat(reply.lines()).containsExactly("");
  }

  @Test
  void read_bareLineFeed_endsLine() throws Exception {
    SmtpReply reply = reader("250-a\n250 b\n").read();

    assertThat(reply.lines()).containsExactly("a", "b");
  }

  @Test
  void read_twoReplies_returnsThemInOrder() throws Exception {
    ReplyReader reader = reader("220 hello\r\n221 bye\r\n");

    assertThat(reader.read().code()).isEqualTo(220);
    assertThat(reader.read().code()).isEqualTo(221);
    assertThat(reader.bufferedByteCount()).isZero();
  }

  @Test
  void read_oneBytePerRead_assemblesReply() throws Exception {
    byte[] wire = "250-a\r\n250 b\r\n".getBytes(StandardCharsets.US_ASCII);
    InputStream trickle =
        new ByteArrayInputStream(wire) {
          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(1, length));
          }
        };

    SmtpReply reply = new ReplyReader(trickle, 512, 100, 65_536).read();

    assertThat(reply.lines()).containsExactly("a", "b");
  }

  @Test
  void read_codeChangesMidReply_isProtocolError() {
    ReplyException e = failure(reader("250-a\r\n251 b\r\n"));

    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
    assertThat(e).hasMessageContaining("250").hasMessageContaining("251");
  }

  @Test
  void read_firstDigitSix_isProtocolError() {
    assertThat(failure(reader("600 nope\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_firstDigitOne_isProtocolError() {
    assertThat(failure(reader("199 nope\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_nonDigitInCode_isProtocolError() {
    assertThat(failure(reader("2x0 nope\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_twoDigitCode_isProtocolError() {
    assertThat(failure(reader("25\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_fourDigitCode_isProtocolError() {
    assertThat(failure(reader("2500 nope\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_emptyLine_isProtocolError() {
    assertThat(failure(reader("\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_lineLongerThanMaximum_isLineTooLong() {
    byte[] wire = ("250 " + "x".repeat(20) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    assertThat(failure(reader(wire, 16, 100, 65_536)).kind()).isEqualTo(FailureKind.LINE_TOO_LONG);
  }

  @Test
  void read_lineOfExactlyMaximum_isAccepted() throws Exception {
    byte[] wire = ("250 " + "x".repeat(10) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    assertThat(reader(wire, 16, 100, 65_536).read().lines()).containsExactly("x".repeat(10));
  }

  @Test
  void read_longLineWithoutLineFeed_failsWithoutReadingItAll() {
    byte[] wire = ("250 " + "x".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
    ByteArrayInputStream in = new ByteArrayInputStream(wire);

    ReplyException e =
        catchThrowableOfType(
            ReplyException.class, () -> new ReplyReader(in, 512, 100, 65_536).read());

    assertThat(e.kind()).isEqualTo(FailureKind.LINE_TOO_LONG);
    assertThat(in.available()).isGreaterThan(90_000);
  }

  @Test
  void read_moreLinesThanMaximum_isTooManyLines() {
    byte[] wire = "250-a\r\n250-b\r\n250-c\r\n250 d\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(failure(reader(wire, 512, 3, 65_536)).kind()).isEqualTo(FailureKind.TOO_MANY_LINES);
  }

  @Test
  void read_exactlyMaximumLines_isAccepted() throws Exception {
    byte[] wire = "250-a\r\n250-b\r\n250 c\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(reader(wire, 512, 3, 65_536).read().lines()).hasSize(3);
  }

  @Test
  void read_endlessContinuationLines_stopsAtMaximum() {
    byte[] wire = "250-x\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);

    assertThat(failure(reader(wire, 512, 100, 65_536)).kind())
        .isEqualTo(FailureKind.TOO_MANY_LINES);
  }

  @Test
  void read_moreBytesThanMaximum_isReplyTooLarge() {
    byte[] wire = "250-aaaaaaaa\r\n250 bbbbbbbb\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(failure(reader(wire, 512, 100, 20)).kind()).isEqualTo(FailureKind.REPLY_TOO_LARGE);
  }

  @Test
  void read_unfinishedLinePastReplyMaximum_isReplyTooLarge() {
    byte[] wire =
        ("250-" + "a".repeat(30) + "\r\n250 " + "b".repeat(40)).getBytes(StandardCharsets.US_ASCII);

    assertThat(failure(reader(wire, 512, 100, 64)).kind()).isEqualTo(FailureKind.REPLY_TOO_LARGE);
  }

  @Test
  void read_endOfStreamBeforeReply_isConnectionClosed() {
    ReplyException e = failure(reader(""));

    assertThat(e.kind()).isEqualTo(FailureKind.CONNECTION_CLOSED);
    assertThat(e).hasMessageContaining("before a reply");
  }

  @Test
  void read_endOfStreamMidLine_isConnectionClosed() {
    ReplyException e = failure(reader("250-a\r\n250 b"));

    assertThat(e.kind()).isEqualTo(FailureKind.CONNECTION_CLOSED);
    assertThat(e).hasMessageContaining("middle");
  }

  @Test
  void read_bytesAfterReply_stayBuffered() throws Exception {
    ReplyReader reader = reader("220 go\r\n250 injected\r\n");

    reader.read();

    assertThat(reader.bufferedByteCount()).isEqualTo("250 injected\r\n".length());
    assertThat(reader.bufferedPreview(64)).startsWith("250 injected");
  }

  @Test
  void read_nulInText_protocolError() {
    ReplyException failure = failure(reader("250 a\u0000b\r\n"));

    assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
    assertThat(failure.getMessage()).contains("control character 0x00");
  }

  @Test
  void read_escapeInContinuationLine_protocolError() {
    ReplyException failure = failure(reader("250-ok\r\n250 a\u001bc\r\n"));

    assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
    assertThat(failure.getMessage()).contains("0x1B");
  }

  @Test
  void read_bareCarriageReturnInLine_protocolError() {
    assertThat(failure(reader("250 a\rb\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_deleteCharacter_protocolError() {
    assertThat(failure(reader("250 a\u007fb\r\n")).kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void read_tabInText_accepted() throws Exception {
    assertThat(reader("250 a\tb\r\n").read().lines().get(0)).isEqualTo("a\tb");
  }

  @Test
  void read_invalidUtf8InText_isReplaced() throws Exception {
    byte[] wire = {'2', '5', '0', ' ', (byte) 0xC3, 'x', '\r', '\n'};

    assertThat(reader(wire, 512, 100, 65_536).read().lines().get(0)).isEqualTo("\uFFFDx");
  }

  @Test
  void read_utf8Text_isDecoded() throws Exception {
    byte[] wire = "250 grüß\r\n".getBytes(StandardCharsets.UTF_8);

    assertThat(reader(wire, 512, 100, 65_536).read().lines().get(0)).isEqualTo("grüß");
  }

  @Test
  void read_streamFailure_propagatesIoException() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("reset by test");
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            throw new IOException("reset by test");
          }
        };

    IOException e =
        catchThrowableOfType(
            IOException.class, () -> new ReplyReader(broken, 512, 100, 65_536).read());

    assertThat(e).hasMessage("reset by test");
  }
}
