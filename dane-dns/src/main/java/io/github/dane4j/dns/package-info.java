/**
 * DNS fetchers for dane4j: {@link io.github.dane4j.dns.DnsFetchers} finds providers by name and
 * {@link io.github.dane4j.dns.DnsCache} caches their answers. The providers themselves are in
 * {@link io.github.dane4j.dns.dnsjava} and {@link io.github.dane4j.dns.jndi}.
 */
@NullMarked
package io.github.dane4j.dns;

import org.jspecify.annotations.NullMarked;
