package io.github.dane4j.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

  @Test
  void toString_multiLine_usesHyphenThenSpace() {
    SmtpReply reply = new SmtpReply(250, List.of("mx", "PIPELINING", "STARTTLS"));

    assertThat(reply).hasToString("250-mx\n250-PIPELINING\n250 STARTTLS");
  }

  @Test
  void category_454_isTransientNegative() {
    SmtpReply reply = new SmtpReply(454, List.of("TLS not available"));

    assertThat(reply.category()).isEqualTo(4);
    assertThat(reply.isNegative()).isTrue();
    assertThat(reply.isPositiveCompletion()).isFalse();
  }

  @Test
  void constructor_code600_isRejected() {
    assertThatThrownBy(() -> new SmtpReply(600, List.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("600");
  }

  @Test
  void constructor_noLines_isRejected() {
    assertThatThrownBy(() -> new SmtpReply(250, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
