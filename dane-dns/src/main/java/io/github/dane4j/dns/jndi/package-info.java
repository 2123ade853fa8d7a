/**
 * The {@code jndi} fetcher provider: lookups through the JDK's DNS service provider, without
 * DNSSEC. See {@link io.github.dane4j.dns.jndi.JndiFetcherProvider}.
 */
@NullMarked
package io.github.dane4j.dns.jndi;

import org.jspecify.annotations.NullMarked;
