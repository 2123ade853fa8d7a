package io.github.dane4j.testkit.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ReplyTest {

  @Test
  void after_longerThanMaximum_rejected() {
    Duration tooLong = Reply.MAX_DELAY.plusMillis(1);

    assertThatThrownBy(() -> Reply.servfail().after(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(tooLong.toString());
  }

  @Test
  void after_negative_rejected() {
    assertThatThrownBy(() -> Reply.delayed(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rcode_outsideHeaderField_rejected() {
    assertThatThrownBy(() -> Reply.rcode(16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16");
  }

  @Test
  void delayed_normalAnswer_isNotNormal() {
    assertThat(Reply.delayed(Duration.ofMillis(1)).isNormal()).isFalse();
    assertThat(Reply.normal().isNormal()).isTrue();
  }

  @Test
  void equals_sameKindAndDelay_equal() {
    assertThat(Reply.rcode(Rcode.SERVFAIL)).isEqualTo(Reply.servfail());
    assertThat(Reply.servfail().after(Duration.ofSeconds(1)))
        .isNotEqualTo(Reply.servfail())
        .hasToString("SERVFAIL after PT1S");
  }

  @Test
  void forName_relativeName_rejected() {
    assertThatThrownBy(() -> Behaviour.forName("mx.example.test", Reply.servfail()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ending in a dot");
  }

  @Test
  void forType_outOfRange_rejected() {
    assertThatThrownBy(() -> Behaviour.forType(70000, Reply.servfail()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  @Test
  void forQuery_matchingNameAndType_returnsReply() {
    Behaviour behaviour = Behaviour.forQuery("mx.example.test.", Type.TLSA, Reply.refused());
    ObservedQuery query =
        new ObservedQuery(
            DnsTestSupport.name("MX.example.test."), Type.TLSA, false, false, Transport.UDP);

    assertThat(behaviour.replyTo(query)).isEqualTo(Reply.refused());
  }
}
