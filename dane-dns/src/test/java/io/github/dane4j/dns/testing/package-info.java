/** Test fixtures shared by the dane-dns tests: the zone tree on the testkit DNS server. */
@NullMarked
package io.github.dane4j.dns.testing;

import org.jspecify.annotations.NullMarked;
