package io.github.dane4j.core.spi;

/**
 * One alias step in a CNAME chain, with the DNSSEC status of that step alone (RFC 7672 section
 * 2.1.3). A CNAME that a resolver synthesised from a DNAME is reported as a hop too.
 *
 * @param owner the alias, absolute, without the trailing dot
 * @param target the canonical name it points to, absolute, without the trailing dot
 * @param status the DNSSEC status of this step: the status of this CNAME record, except that every
 *     hop after an insecure one is insecure too, because the chain reached it through
 *     unauthenticated data (RFC 7672 section 2.1.3)
 * @param synthesizedFromDname whether the CNAME was synthesised from a DNAME record
 */
public record CnameHop(
    String owner, String target, DnssecStatus status, boolean synthesizedFromDname) {}
