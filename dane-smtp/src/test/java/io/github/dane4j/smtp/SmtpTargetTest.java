package io.github.dane4j.smtp;

import static io.github.dane4j.smtp.ConnectorFixtures.MX;
import static io.github.dane4j.smtp.ConnectorFixtures.insecureNodata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dane4j.core.TlsaRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpTargetTest {
  private static final TlsaRecord RECORD = TlsaRecord.of(3, 1, 1, new byte[32]);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void build_tlsaRecords_defaultsSniToBaseDomain() {
    SmtpTarget target =
        SmtpTarget.builder()
            .address(LOOPBACK, 25)
            .tlsaRecords(List.of(RECORD), List.of(MX + ".", "example.org"))
            .build();

    assertThat(target.sniHostName()).isEqualTo(MX);
    assertThat(target.tlsMode()).isEqualTo(TlsMode.STARTTLS);
    assertThat(target.tlsaOwnerName()).isEqualTo("_25._tcp." + MX + ".");
  }

  @Test
  void build_implicitTlsPort465_usesPortInOwnerName() {
    SmtpTarget target =
        SmtpTarget.builder()
            .address(LOOPBACK, 465)
            .tlsMode(TlsMode.IMPLICIT_TLS)
            .tlsaRecords(List.of(RECORD), List.of(MX))
            .build();

    assertThat(target.tlsaOwnerName()).isEqualTo("_465._tcp." + MX + ".");
  }

  @Test
  void build_sniOverride_isUsed() {
    SmtpTarget target =
        SmtpTarget.builder()
            .address(LOOPBACK, 25)
            .tlsaRecords(List.of(RECORD), List.of(MX))
            .sniHostName("Other.Example.")
            .build();

    assertThat(target.sniHostName()).isEqualTo("Other.Example");
  }

  @Test
  void build_tlsaAnswerForSamePort_isAccepted() {
    SmtpTarget target =
        SmtpTarget.builder()
            .address(LOOPBACK, 2525)
            .tlsa(insecureNodata(2525), List.of(MX))
            .build();

    assertThat(target.address().getPort()).isEqualTo(2525);
  }

  @Test
  void build_tlsaAnswerForOtherPort_isRejected() {
    SmtpTarget.Builder builder =
        SmtpTarget.builder().address(LOOPBACK, 465).tlsa(insecureNodata(25), List.of(MX));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_25._tcp." + MX)
        .hasMessageContaining("_465._tcp." + MX);
  }

  @Test
  void build_tlsaAnswerForOtherBaseDomain_isRejected() {
    SmtpTarget.Builder builder =
        SmtpTarget.builder()
            .address(LOOPBACK, 25)
            .tlsa(insecureNodata(25), List.of(MX))
            .sniHostName("other.example.org");

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_withoutAddress_isRejected() {
    SmtpTarget.Builder builder = SmtpTarget.builder().tlsaRecords(List.of(RECORD), List.of(MX));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("address");
  }

  @Test
  void build_withoutTrust_isRejected() {
    SmtpTarget.Builder builder = SmtpTarget.builder().address(LOOPBACK, 25);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trust");
  }

  @Test
  void trust_setTwice_isRejected() {
    SmtpTarget.Builder builder = SmtpTarget.builder().tlsaRecords(List.of(RECORD), List.of(MX));

    assertThatThrownBy(() -> builder.tlsaRecords(List.of(RECORD), List.of(MX)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void address_unresolved_isRejected() {
    InetSocketAddress unresolved = InetSocketAddress.createUnresolved("mx.example.org", 25);

    assertThatThrownBy(() -> SmtpTarget.builder().address(unresolved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unresolved");
  }

  @Test
  void address_portZero_isRejected() {
    assertThatThrownBy(() -> SmtpTarget.builder().address(LOOPBACK, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 0");
  }

  @Test
  void sniHostName_ipAddress_isRejected() {
    assertThatThrownBy(() -> SmtpTarget.builder().sniHostName("192.0.2.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IP address");
  }

  @Test
  void sniHostName_nonAscii_isRejected() {
    assertThatThrownBy(() -> SmtpTarget.builder().sniHostName("b\u00fccher.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IDN.toASCII");
  }
}
