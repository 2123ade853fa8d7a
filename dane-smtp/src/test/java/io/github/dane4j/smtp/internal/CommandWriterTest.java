package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.smtp.TranscriptEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandWriterTest {

  private static String encoded(SmtpCommand command, String argument) {
    return new String(CommandWriter.encode(command, argument), StandardCharsets.US_ASCII);
  }

  @Test
  void encode_ehlo_writesNameAndCrlf() {
    assertThat(encoded(SmtpCommand.EHLO, "client.example.net"))
        .isEqualTo("EHLO client.example.net\r\n");
  }

  @Test
  void encode_starttls_writesVerbOnly() {
    assertThat(
            new String(CommandWriter.encode(SmtpCommand.STARTTLS, null), StandardCharsets.US_ASCII))
        .isEqualTo("STARTTLS\r\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\rb",
        "a\nb",
        "a\r\nQUIT",
        "a\u0000b",
        "a\tb",
        "a\u007fb",
        "caf\u00e9",
        "a\u2028b",
        "\ud83d\udce7",
      })
  void checkArgument_forbiddenCharacter_isRejected(String argument) {
    assertThatThrownBy(() -> CommandWriter.checkArgument(argument))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at index");
  }

  @Test
  void checkArgument_carriageReturn_isNamed() {
    assertThatThrownBy(() -> CommandWriter.checkArgument("mx\r\nRCPT TO:<x>"))
        .hasMessageContaining("carriage return (U+000D) at index 2");
  }

  @Test
  void checkArgument_lineFeed_isNamed() {
    assertThatThrownBy(() -> CommandWriter.checkArgument("mx\nQUIT"))
        .hasMessageContaining("line feed (U+000A) at index 2");
  }

  @Test
  void checkArgument_nul_isNamed() {
    assertThatThrownBy(() -> CommandWriter.checkArgument("mx\u0000"))
        .hasMessageContaining("NUL (U+0000) at index 2");
  }

  @Test
  void checkArgument_nonAscii_isNamed() {
    assertThatThrownBy(() -> CommandWriter.checkArgument("b\u00fccher.example"))
        .hasMessageContaining("non-ASCII character U+00FC at index 1");
  }

  @Test
  void checkArgument_empty_isRejected() {
    assertThatThrownBy(() -> CommandWriter.checkArgument(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void checkArgument_printableAsciiAndSpace_isAccepted() {
    assertThat(CommandWriter.checkArgument("[IPv6:2001:db8::1] x~!"))
        .isEqualTo("[IPv6:2001:db8::1] x~!");
  }

  @Test
  void encode_ehloWithoutArgument_isRejected() {
    assertThatThrownBy(() -> CommandWriter.encode(SmtpCommand.EHLO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an argument");
  }

  @Test
  void encode_quitWithArgument_isRejected() {
    assertThatThrownBy(() -> CommandWriter.encode(SmtpCommand.QUIT, "now"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no argument");
  }

  @Test
  void encode_lineLongerThan512_isRejected() {
    String argument = "a".repeat(CommandWriter.MAX_COMMAND_LINE_LENGTH);

    assertThatThrownBy(() -> CommandWriter.encode(SmtpCommand.EHLO, argument))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("512");
  }

  @Test
  void encode_lineOfExactly512_isAccepted() {
    String argument = "a".repeat(CommandWriter.MAX_COMMAND_LINE_LENGTH - "EHLO \r\n".length());

    assertThat(CommandWriter.encode(SmtpCommand.EHLO, argument)).hasSize(512);
  }

  @Test
  void send_writesLineAndRecordsTranscript() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Transcript transcript = new Transcript();

    new CommandWriter(out, transcript, true).send(SmtpCommand.EHLO, "client.example.net");

    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("EHLO client.example.net\r\n");
    assertThat(transcript.entries())
        .containsExactly(
            new TranscriptEntry(TranscriptEntry.Direction.CLIENT, "EHLO client.example.net", true));
  }

  @Test
  void send_rejectedArgument_writesNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Transcript transcript = new Transcript();
    CommandWriter writer = new CommandWriter(out, transcript, false);

    assertThatThrownBy(() -> writer.send(SmtpCommand.HELO, "x\r\nDATA"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.size()).isZero();
    assertThat(transcript.entries()).isEmpty();
  }
}
