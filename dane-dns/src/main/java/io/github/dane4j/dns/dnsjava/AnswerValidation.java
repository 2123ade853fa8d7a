package io.github.dane4j.dns.dnsjava;

import io.github.dane4j.dns.dnsjava.ChainOfTrust.Proofs;
import io.github.dane4j.dns.dnsjava.ChainOfTrust.ZoneKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Validates one response to a query: the RRsets of the answer that lead from the query name to the
 * data (CNAME and DNAME included, RFC 4035 section 5.3, RFC 6672 section 5.3.3), the wildcard proof
 * of expanded data, and the NSEC or NSEC3 proof of a NODATA or NXDOMAIN answer (RFC 4035 section
 * 5.4, RFC 5155 section 8).
 */
final class AnswerValidation {

  /**
   * One answer RRset to validate.
   *
   * @param rrset the RRset
   * @param dname for an unsigned CNAME synthesised from a DNAME of the same answer, that DNAME; the
   *     CNAME is then as trustworthy as the DNAME (RFC 6672 section 5.3.3)
   */
  private record Part(RRset rrset, @Nullable DNAMERecord dname) {}

  private final ChainOfTrust chain;

  AnswerValidation(ChainOfTrust chain) {
    this.chain = chain;
  }

  /** Validates {@code response} to the query {@code name}/{@code type}. */
  CompletableFuture<Verdict> validate(Name name, int type, Message response) {
    List<Part> parts = new ArrayList<>();
    Name current = name;
    DNAMERecord coveringDname = null;
    boolean data = false;
    for (RRset set : response.getSectionRRsets(Section.ANSWER)) {
      if (set.size() == 0) {
        continue;
      }
      if (set.getType() == Type.DNAME
          && current.subdomain(set.getName())
          && !current.equals(set.getName())) {
        coveringDname = (DNAMERecord) set.first();
        parts.add(new Part(set, null));
        continue;
      }
      if (!set.getName().equals(current)) {
        continue;
      }
      if (set.getType() == type) {
        parts.add(new Part(set, synthesisedFrom(coveringDname, current, set)));
        data = true;
      } else if (set.getType() == Type.CNAME && !data) {
        parts.add(new Part(set, synthesisedFrom(coveringDname, current, set)));
        current = ((CNAMERecord) set.first()).getTarget();
        coveringDname = null;
      }
    }

    CompletableFuture<Verdict> verdict = CompletableFuture.completedFuture(Verdict.secure());
    for (Part part : parts) {
      verdict =
          verdict.thenCompose(
              sofar -> sofar.isBogus() ? done(sofar) : part(part, response).thenApply(sofar::and));
    }
    boolean nameError = response.getRcode() == Rcode.NXDOMAIN;
    if (data || (!nameError && !parts.isEmpty() && !hasNegativeAuthority(response))) {
      // Data, or an alias chain that stops without a denial; the caller asks for the target.
      return verdict;
    }
    Name last = current;
    return verdict.thenCompose(
        sofar ->
            sofar.isBogus()
                ? done(sofar)
                : denial(last, type, nameError, response).thenApply(sofar::and));
  }

  private CompletableFuture<Verdict> part(Part part, Message response) {
    RRset set = part.rrset();
    if (set.sigs().isEmpty()) {
      if (part.dname() != null) {
        return done(Verdict.secure()); // the DNAME it comes from is validated as its own part
      }
      return chain.unsignedData(set.getName(), "No RRSIG for " + Signatures.describe(set));
    }
    Name signer = null;
    for (RRSIGRecord signature : set.sigs()) {
      if (set.getName().subdomain(signature.getSigner())) {
        signer = signature.getSigner();
        break;
      }
    }
    if (signer == null) {
      // The signer is the zone that contains the owner name (RFC 4035 section 5.3.1).
      return done(
          Verdict.bogus(
              "No RRSIG of " + Signatures.describe(set) + " names an ancestor as its signer"));
    }
    Name zoneName = signer;
    return chain
        .keysForSigner(set.getName(), zoneName)
        .thenApply(
            zone -> {
              RRset keys = zone.keys();
              if (keys == null) {
                return zone.verdict();
              }
              if (!zone.zone().equals(zoneName)) {
                return notAZone(zoneName, zone);
              }
              Signatures.Checked checked =
                  Signatures.verify(set, zoneName, keys, chain.now(), chain.limits());
              RRSIGRecord signature = checked.signature();
              if (signature == null
                  || signature.getLabels() >= Signatures.ownerLabels(set.getName())) {
                return checked.verdict();
              }
              return wildcard(set, signature, zoneName, keys, response);
            });
  }

  /**
   * Checks the proof that wildcard-expanded data could not have come from a closer match (RFC 4035
   * section 5.3.4, RFC 5155 section 8.8).
   */
  private Verdict wildcard(
      RRset set, RRSIGRecord signature, Name zone, RRset keys, Message response) {
    Proofs proofs = chain.proofs(response, zone, keys);
    if (proofs.failure() != null) {
      return proofs.failure();
    }
    DenialOfExistence denial =
        new DenialOfExistence(zone, proofs.nsecs(), proofs.nsec3s(), chain.limits());
    return switch (denial.wildcardAnswer(set.getName(), signature.getLabels())) {
      case PROVEN -> Verdict.secure();
      case INSECURE ->
          Verdict.insecure(
              "The wildcard answer at "
                  + set.getName()
                  + " lies in an opt-out span or above the"
                  + " NSEC3 iteration limit");
      case FAILED ->
          Verdict.bogus(
              "Wildcard answer at " + set.getName() + " without proof: " + denial.failure(),
              ExtendedErrorCodeOption.NSEC_MISSING);
    };
  }

  /**
   * Checks the proof that {@code name} has no {@code type} RRset, or does not exist at all, and the
   * SOA RRset that sets how long the answer may be cached (RFC 2308 section 5): in a signed zone it
   * must be present, owned by the zone that signed the proof and verify with its keys (RFC 4035
   * section 3.1.3 and 5.4), or the answer is bogus.
   */
  private CompletableFuture<Verdict> denial(
      Name name, int type, boolean nameError, Message response) {
    Name signer = denialSigner(response, name);
    String description =
        (nameError ? "NXDOMAIN" : "NODATA") + " for " + name + "/" + Type.string(type);
    if (signer == null) {
      return chain
          .unsignedData(name, "No signed NSEC or NSEC3 record proves the " + description)
          .thenApply(
              verdict ->
                  verdict.isBogus()
                      ? Verdict.bogus(verdict.reason(), ExtendedErrorCodeOption.NSEC_MISSING)
                      : verdict);
    }
    return chain
        .keysForSigner(name, signer)
        .thenApply(
            zone -> {
              RRset keys = zone.keys();
              if (keys == null) {
                return zone.verdict();
              }
              if (!zone.zone().equals(signer)) {
                return notAZone(signer, zone);
              }
              Proofs proofs = chain.proofs(response, signer, keys);
              if (proofs.failure() != null) {
                return proofs.failure();
              }
              Verdict soa = soa(response, signer, keys, description);
              if (!soa.isSecure()) {
                return soa;
              }
              DenialOfExistence denial =
                  new DenialOfExistence(signer, proofs.nsecs(), proofs.nsec3s(), chain.limits());
              DenialOfExistence.Proof proof =
                  nameError ? denial.nameError(name) : denial.noData(name, type);
              return switch (proof) {
                case PROVEN -> Verdict.secure();
                case INSECURE ->
                    Verdict.insecure(
                        "The "
                            + description
                            + " lies in an opt-out span or above the NSEC3 iteration limit");
                case FAILED ->
                    Verdict.bogus(
                        "Unproven " + description + ": " + denial.failure(),
                        ExtendedErrorCodeOption.NSEC_MISSING);
              };
            });
  }

  /**
   * Checks the SOA RRsets of the authority section of a negative answer whose proof {@code zone}
   * signed: there must be one, and each must be owned by {@code zone} and verify with {@code keys}.
   * An unsigned or forged SOA would otherwise set the negative TTL.
   */
  private Verdict soa(Message response, Name zone, RRset keys, String description) {
    boolean found = false;
    for (RRset set : response.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() != Type.SOA || set.size() == 0) {
        continue;
      }
      if (!set.getName().equals(zone)) {
        return Verdict.bogus(
            "The SOA record of the "
                + description
                + " is owned by "
                + set.getName()
                + ", not "
                + zone);
      }
      Signatures.Checked checked = Signatures.verify(set, zone, keys, chain.now(), chain.limits());
      if (!checked.verdict().isSecure()) {
        return checked.verdict();
      }
      found = true;
    }
    return found
        ? Verdict.secure()
        : Verdict.bogus(
            "No SOA record of " + zone + " comes with the " + description,
            ExtendedErrorCodeOption.RRSIGS_MISSING);
  }

  /**
   * Returns the signer of the first signed NSEC or NSEC3 RRset of the authority section whose
   * signer is an ancestor of {@code name}, or null.
   */
  private static @Nullable Name denialSigner(Message response, Name name) {
    for (RRset set : response.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() != Type.NSEC && set.getType() != Type.NSEC3) {
        continue;
      }
      for (RRSIGRecord signature : set.sigs()) {
        if (name.subdomain(signature.getSigner())) {
          return signature.getSigner();
        }
      }
    }
    return null;
  }

  private static boolean hasNegativeAuthority(Message response) {
    for (RRset set : response.getSectionRRsets(Section.AUTHORITY)) {
      int type = set.getType();
      if (type == Type.SOA || type == Type.NSEC || type == Type.NSEC3) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable DNAMERecord synthesisedFrom(
      @Nullable DNAMERecord dname, Name owner, RRset set) {
    if (dname == null || set.getType() != Type.CNAME) {
      return null;
    }
    try {
      Name target = ((CNAMERecord) set.first()).getTarget();
      return target.equals(owner.fromDNAME(dname)) ? dname : null;
    } catch (NameTooLongException e) {
      return null;
    }
  }

  private static Verdict notAZone(Name signer, ZoneKeys zone) {
    return Verdict.bogus(
        "The RRSIG signer " + signer + " is not a zone apex; the closest zone is " + zone.zone(),
        ExtendedErrorCodeOption.DNSKEY_MISSING);
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
