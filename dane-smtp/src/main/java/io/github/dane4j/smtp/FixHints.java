package io.github.dane4j.smtp;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One-line hints for the operators of a destination, by reason code and else by verdict. */
final class FixHints {
  private static final String CHECK_MX_DNS =
      "Fix the zone's DNSSEC signatures or name servers: the MX lookup failed (bogus, SERVFAIL or"
          + " timeout), so mail to this destination is deferred.";
  private static final String CHECK_HOST_DNS =
      "Fix the DNSSEC signatures or name servers of the host's zone: its lookup failed (bogus,"
          + " SERVFAIL or timeout), so senders skip this host and defer the mail unless another"
          + " MX host accepts it.";
  private static final String DANE_REQUIRED =
      "Sign the zone with DNSSEC and publish usable TLSA records for every MX host, or remove the"
          + " destination from the sender's DANE-mandatory list.";
  private static final String TLS_SETUP =
      "Check the server's TLS setup: offer TLS 1.2 or 1.3 with a certificate that clients can use.";
  private static final String NO_USABLE_TLSA =
      "Publish a usable TLSA record, preferably \"3 1 1\" with the SHA-256 digest of the"
          + " server's public key; every record now published is unusable.";
  private static final String REACHABILITY =
      "Check that the server accepts connections on the SMTP port and follows the SMTP protocol.";

  private static final Map<String, String> BY_REASON_CODE =
      Map.ofEntries(
          Map.entry(ReasonCodes.MX_LOOKUP_FAILED, CHECK_MX_DNS),
          Map.entry(ReasonCodes.CNAME_LOOKUP_FAILED, CHECK_HOST_DNS),
          Map.entry(ReasonCodes.ADDRESS_LOOKUP_FAILED, CHECK_HOST_DNS),
          Map.entry(ReasonCodes.TLSA_LOOKUP_FAILED, CHECK_HOST_DNS),
          Map.entry(
              ReasonCodes.DNSSEC_UNVERIFIED,
              "Configure a DNSSEC-validating DNS fetcher (the dnsjava provider): the configured one"
                  + " cannot tell secure from insecure answers."),
          Map.entry(
              ReasonCodes.MX_INSECURE,
              "Sign the domain's zone with DNSSEC so that its MX RRset is secure; until then DANE"
                  + " cannot protect delivery to the domain."),
          Map.entry(
              ReasonCodes.DOMAIN_NOT_FOUND,
              "Check the spelling of the domain: it does not exist in DNS (NXDOMAIN), so it has"
                  + " no mail host and mail to it bounces."),
          Map.entry(
              ReasonCodes.NULL_MX,
              "Nothing to fix if intended: the domain publishes a null MX (RFC 7505) and accepts"
                  + " no mail."),
          Map.entry(
              ReasonCodes.INVALID_HOST_NAME,
              "Publish MX records whose exchange is a valid host name with A or AAAA records."),
          Map.entry(ReasonCodes.NO_ADDRESS_RECORDS, "Publish A or AAAA records for the mail host."),
          Map.entry(ReasonCodes.TLSA_NO_USABLE_RECORDS, NO_USABLE_TLSA),
          Map.entry(ReasonCodes.DANE_REQUIRED_INSECURE_MX, DANE_REQUIRED),
          Map.entry(ReasonCodes.DANE_REQUIRED_NO_TLSA, DANE_REQUIRED),
          Map.entry(ReasonCodes.DANE_REQUIRED_NO_USABLE_TLSA, DANE_REQUIRED),
          Map.entry(
              ReasonCodes.NO_HOSTS_CHECKED,
              "Publish MX records that name hosts with valid address records."),
          Map.entry(
              "dane-no-match",
              "Publish TLSA records that match the certificate chain the server presents, or"
                  + " deploy the certificate that the records describe. A DANE-TA digest record"
                  + " (2 0 1, 2 1 1) matches only a certificate that the server sends, so the"
                  + " server must send the trust anchor certificate in its chain, even a"
                  + " self-signed root (RFC 7671 section 5.2.2, RFC 7672 section 3.1.2)."),
          Map.entry(
              "dane-ta-no-path",
              "Send the complete chain up to the trust anchor that the DANE-TA record names, with"
                  + " valid signatures and constraints."),
          Map.entry(
              "certificate-expired",
              "Renew the expired certificate below the DANE-TA trust anchor, or publish a \"3 1 1\""
                  + " record, which ignores expiry."),
          Map.entry(
              "certificate-not-yet-valid",
              "Deploy a certificate whose validity has started, or publish a \"3 1 1\" record,"
                  + " which ignores validity dates."),
          Map.entry(
              "certificate-host-mismatch",
              "Add the TLSA base domain (the MX host name) to the certificate's subjectAltName, or"
                  + " publish a \"3 1 1\" record, which needs no name match."),
          Map.entry(
              "invalid-certificate-chain",
              "Present a well-formed certificate chain of at most 10 certificates."),
          Map.entry(
              "starttls-plaintext-injection",
              "Find the server bug or middlebox that sends data after the STARTTLS 220 reply"
                  + " (plaintext injection, CVE-2011-0411)."),
          Map.entry("tls-handshake-failed", TLS_SETUP),
          Map.entry("tls-handshake-timeout", TLS_SETUP),
          Map.entry(
              "smtp-ehlo-after-tls-failed",
              "Make the server accept EHLO after STARTTLS (RFC 3207 section 4.2)."),
          Map.entry(
              "smtp-greeting-refused",
              "The server refused service in its greeting; check its load and its access rules."));

  /**
   * Hints that hold only for {@link Verdict#DANE_FAILURE}, where secure usable TLSA records make
   * TLS mandatory (RFC 7672 section 2.2). Without such records the same reason codes get the hint
   * of their verdict.
   */
  private static final Map<String, String> BY_REASON_CODE_WITH_TLSA =
      Map.of(
          "starttls-not-offered",
          "Offer STARTTLS on every address of the host: with TLSA records published, RFC 7672"
              + " forbids delivery in cleartext.",
          "starttls-refused",
          "Accept the STARTTLS command: with TLSA records published, RFC 7672 forbids delivery"
              + " in cleartext.");

  private FixHints() {}

  /** Returns the hint for the reason code under the verdict, or else for the verdict. */
  static String hint(Verdict verdict, @Nullable String reasonCode) {
    if (reasonCode != null && verdict == Verdict.DANE_FAILURE) {
      String hint = BY_REASON_CODE_WITH_TLSA.get(reasonCode);
      if (hint != null) {
        return hint;
      }
    }
    if (reasonCode != null) {
      String hint = BY_REASON_CODE.get(reasonCode);
      if (hint != null) {
        return hint;
      }
    }
    return switch (verdict) {
      case AUTHENTICATED ->
          "Nothing to fix; publish TLSA records for a new key or certificate at least two TTLs"
              + " before deploying it.";
      case UNAUTHENTICATED_TLS -> NO_USABLE_TLSA;
      case OPPORTUNISTIC ->
          "To protect this destination with DANE, sign its zones with DNSSEC and publish a"
              + " \"3 1 1\" TLSA record for each MX host.";
      case NO_STARTTLS -> "Offer STARTTLS; without it mail to this server travels in cleartext.";
      case CONNECTION_FAILURE -> REACHABILITY;
      case LOOKUP_FAILURE -> CHECK_HOST_DNS;
      case DANE_FAILURE ->
          "Make the server's STARTTLS and certificate chain match the published TLSA records.";
    };
  }
}
