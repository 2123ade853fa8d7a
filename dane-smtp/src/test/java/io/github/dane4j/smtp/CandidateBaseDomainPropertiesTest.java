package io.github.dane4j.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.DnssecStatus;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the candidate TLSA base domains (RFC 7672 section 2.2.2) over random CNAME chains
 * of secure and insecure hops.
 */
class CandidateBaseDomainPropertiesTest {
  private static final String HOST = "mx.example.test";

  /** Builds the chain mx.example.test -> hop1.test -> hop2.test ... with the given statuses. */
  private static List<CnameHop> chain(List<Boolean> secureHops) {
    List<CnameHop> hops = new ArrayList<>();
    String owner = HOST;
    for (int i = 0; i < secureHops.size(); i++) {
      String target = "hop" + (i + 1) + ".test";
      DnssecStatus status = secureHops.get(i) ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
      hops.add(new CnameHop(owner, target, status, false));
      owner = target;
    }
    return hops;
  }

  @Property
  void candidates_neverIncludeIntermediateNames(
      @ForAll @Size(max = 6) List<Boolean> secureHops, @ForAll boolean addressSecure) {
    List<CnameHop> hops = chain(secureHops);
    List<String> allowed = new ArrayList<>(List.of(HOST));
    if (!hops.isEmpty()) {
      allowed.add(hops.get(hops.size() - 1).target());
    }

    assertThat(HostResolver.candidates(HOST, hops, addressSecure)).isSubsetOf(allowed);
  }

  @Property
  void candidates_firstHopInsecure_none(
      @ForAll @Size(min = 1, max = 6) List<Boolean> secureHops, @ForAll boolean addressSecure) {
    List<Boolean> hops = new ArrayList<>(secureHops);
    hops.set(0, false);

    assertThat(HostResolver.candidates(HOST, chain(hops), addressSecure)).isEmpty();
  }

  @Property
  void candidates_firstHopSecure_originalAlwaysLast(
      @ForAll @Size(min = 1, max = 6) List<Boolean> secureHops, @ForAll boolean addressSecure) {
    List<Boolean> hops = new ArrayList<>(secureHops);
    hops.set(0, true);

    List<String> candidates = HostResolver.candidates(HOST, chain(hops), addressSecure);

    assertThat(candidates).isNotEmpty();
    assertThat(candidates.get(candidates.size() - 1)).isEqualTo(HOST);
  }

  @Property
  void candidates_expandedNameOnlyWhenEverythingSecure(
      @ForAll @Size(min = 1, max = 6) List<Boolean> secureHops, @ForAll boolean addressSecure) {
    List<CnameHop> hops = chain(secureHops);
    boolean allSecure = addressSecure && secureHops.stream().allMatch(Boolean::booleanValue);

    List<String> candidates = HostResolver.candidates(HOST, hops, addressSecure);

    assertThat(candidates.contains(hops.get(hops.size() - 1).target())).isEqualTo(allSecure);
  }

  @Property
  void candidates_noAlias_hostOnlyWhenAddressSecure(@ForAll boolean addressSecure) {
    assertThat(HostResolver.candidates(HOST, List.of(), addressSecure))
        .isEqualTo(addressSecure ? List.of(HOST) : List.of());
  }
}
