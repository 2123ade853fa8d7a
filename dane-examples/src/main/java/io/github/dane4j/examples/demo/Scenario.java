package io.github.dane4j.examples.demo;

import io.github.dane4j.smtp.Verdict;

/** The scenarios of the demo network, each with its own domain and the verdict it must get. */
public enum Scenario {
  /** {@code 3 1 1} for the leaf's key and {@code 2 0 1} for its issuer; both match. */
  DANE_EE(
      "dane-ee",
      "dane-ee.test",
      Verdict.AUTHENTICATED,
      "3 1 1 and 2 0 1 records; the 3 1 1 matches the server's key"),
  /** Only {@code 2 0 1} for the intermediate CA, which the server sends. */
  DANE_TA(
      "dane-ta",
      "dane-ta.test",
      Verdict.AUTHENTICATED,
      "a 2 0 1 record for the issuing CA, which the server sends in its chain"),
  /** The server has a new key and issuer, but DNS still names the old ones. */
  STALE_AFTER_ROLLOVER(
      "stale-rollover",
      "stale.test",
      Verdict.DANE_FAILURE,
      "the server switched to a new key and CA before DNS named them"),
  /** {@code 2 0 1} names the root CA, which the server leaves out of its chain. */
  TRUST_ANCHOR_NOT_SENT(
      "ta-not-sent",
      "ta-missing.test",
      Verdict.DANE_FAILURE,
      "a 2 0 1 record for the root CA, which the server does not send (RFC 7672 section 3.1.2)"),
  /** Only records with an unknown usage or matching type. */
  UNUSABLE_RECORDS_ONLY(
      "unusable-only",
      "unusable.test",
      Verdict.UNAUTHENTICATED_TLS,
      "only 4 1 1 and 3 1 7 records, which no client can use: TLS without authentication"),
  /** The TLSA owner name is a CNAME to a shared RRset. */
  TLSA_VIA_CNAME(
      "tlsa-cname",
      "cname.test",
      Verdict.AUTHENTICATED,
      "the TLSA owner name is a CNAME to a shared TLSA RRset (RFC 7672 section 2.2.3)"),
  /** The domain's zone is not signed, so its TLSA records are ignored. */
  INSECURE_DELEGATION(
      "insecure-zone",
      "insecure.test",
      Verdict.OPPORTUNISTIC,
      "an unsigned zone: its TLSA records are ignored and TLS is opportunistic"),
  /** The TLSA RRset's signatures have expired. */
  BOGUS_SIGNATURES(
      "bogus-dnssec",
      "bogus.test",
      Verdict.LOOKUP_FAILURE,
      "expired RRSIGs on the TLSA RRset: bogus, so the host is unreachable"),
  /** Usable records, but the server does not offer STARTTLS. */
  NO_STARTTLS(
      "no-starttls",
      "no-starttls.test",
      Verdict.DANE_FAILURE,
      "usable records, but STARTTLS is missing from the EHLO reply (a downgrade)");

  private final String label;
  private final String domain;
  private final Verdict expected;
  private final String description;

  Scenario(String label, String domain, Verdict expected, String description) {
    this.label = label;
    this.domain = domain;
    this.expected = expected;
    this.description = description;
  }

  /** Returns the short name shown in the summary table. */
  public String label() {
    return label;
  }

  /** Returns the scenario's mail domain, without a trailing dot. */
  public String domain() {
    return domain;
  }

  /** Returns the verdict that a correct DANE client must reach. */
  public Verdict expected() {
    return expected;
  }

  /** Returns what the scenario sets up. */
  public String description() {
    return description;
  }
}
