package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressLiteralsTest {

  @ParameterizedTest
  @CsvSource({
    "[127.0.0.2], 127.0.0.2",
    "[0.0.0.0], 0.0.0.0",
    "[255.255.255.255], 255.255.255.255",
    "[192.0.2.10], 192.0.2.10"
  })
  void parse_ipv4Literal_returnsAddress(String literal, String expected) {
    InetAddress address = AddressLiterals.parse(literal);

    assertThat(address).isInstanceOf(Inet4Address.class);
    assertThat(address.getHostAddress()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "[IPv6:::1], 0:0:0:0:0:0:0:1",
    "[ipv6:::], 0:0:0:0:0:0:0:0",
    "[IPv6:2001:db8::1], 2001:db8:0:0:0:0:0:1",
    "[IPv6:2001:DB8:0:0:0:0:0:1], 2001:db8:0:0:0:0:0:1",
    "[IPv6:fe80::], fe80:0:0:0:0:0:0:0",
    "[IPv6:1:2:3:4:5:6:7::], 1:2:3:4:5:6:7:0",
    "[IPv6:::1:2:3:4:5:6:7], 0:1:2:3:4:5:6:7",
    "[IPv6:2001:db8::192.0.2.1], 2001:db8:0:0:0:0:c000:201",
    "[IPv6:1:2:3:4:5:6:192.0.2.1], 1:2:3:4:5:6:c000:201"
  })
  void parse_ipv6Literal_returnsAddress(String literal, String expected) {
    InetAddress address = AddressLiterals.parse(literal);

    assertThat(address).isInstanceOf(Inet6Address.class);
    assertThat(address.getHostAddress()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[999.1.1.1]",
        "[256.0.0.1]",
        "[127.2]",
        "[127.0.0]",
        "[127.0.0.1.5]",
        "[127.0.0.01]",
        "[010.0.0.1]",
        "[127..0.1]",
        "[127.0.0.1 ]",
        "[+127.0.0.1]",
        "[127.0.0.\u0661]",
        "[0x7f.0.0.1]",
        "[localhost]",
        "[mx.example.test]",
        "[]",
        "[127.0.0.1",
        "127.0.0.1]",
        "[IPv6:]",
        "[IPv6:127.0.0.2]",
        "[IPv6:1:2:3:4:5:6:7:8:9]",
        "[IPv6:1:2:3:4:5:6:7]",
        "[IPv6:1::2::3]",
        "[IPv6:1:::2]",
        "[IPv6::1]",
        "[IPv6:1:]",
        "[IPv6:12345::]",
        "[IPv6:fe80::1%eth0]",
        "[IPv6:g::1]",
        "[IPv6:\uff11::1]",
        "[IPv6:1:2:3:4:5:6:7::192.0.2.1]",
        "[IPv6:192.0.2.1::]",
        "[tag:content]",
        "[::1]"
      })
  void parse_invalidLiteral_throwsNamingValueAndForms(String literal) {
    assertThatThrownBy(() -> AddressLiterals.parse(literal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid address literal")
        .hasMessageContaining("[192.0.2.1]")
        .hasMessageContaining("[IPv6:2001:db8::1]");
  }

  @Test
  void parse_lineBreakInLiteral_escapedInMessage() {
    assertThatThrownBy(() -> AddressLiterals.parse("[127.0.0.1\r\nRCPT TO:<x>]"))
        .hasMessageContaining("[127.0.0.1\\r\\nRCPT TO:<x>]")
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\n");
  }

  @Property
  void parse_anyIpv4Address_roundTrips(@ForAll @Size(4) byte[] bytes) throws Exception {
    String text = InetAddress.getByAddress(bytes).getHostAddress();

    assertThat(AddressLiterals.parse("[" + text + "]").getAddress()).isEqualTo(bytes);
  }

  @Property
  void parse_anyIpv6Address_roundTrips(@ForAll @Size(16) byte[] bytes) throws Exception {
    // Inet6Address.getByAddress keeps an IPv4-mapped address as IPv6; InetAddress would not.
    String text = Inet6Address.getByAddress(null, bytes, null).getHostAddress();

    assertThat(AddressLiterals.parse("[IPv6:" + text + "]").getAddress()).isEqualTo(bytes);
  }
}
