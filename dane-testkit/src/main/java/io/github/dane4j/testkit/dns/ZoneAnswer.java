package io.github.dane4j.testkit.dns;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/**
 * The result of looking up one name and type in one zone.
 *
 * @param answer RRsets for the answer section, with their signatures
 * @param authority RRsets for the authority section: SOA and NSEC/NSEC3 proofs
 * @param next for {@link Kind#ALIAS}, the name to continue with; null otherwise
 */
record ZoneAnswer(Kind kind, List<RRset> answer, List<RRset> authority, @Nullable Name next) {

  enum Kind {
    /** The answer section contains the requested data. */
    ANSWER,
    /** A CNAME or DNAME redirects the query to {@link ZoneAnswer#next()}. */
    ALIAS,
    /** The name exists but has no data of the requested type. */
    NODATA,
    /** The name does not exist. */
    NXDOMAIN,
    /** The name is at or below a delegation to a zone that the server does not host. */
    REFERRAL,
    /** DNAME substitution made a name longer than 255 bytes (RFC 6672 section 2.2). */
    YXDOMAIN
  }

  ZoneAnswer {
    answer = List.copyOf(answer);
    authority = List.copyOf(authority);
  }
}
