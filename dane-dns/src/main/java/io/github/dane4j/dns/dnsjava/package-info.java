/**
 * The {@code dnsjava} fetcher provider: DNSSEC-validated lookups with dnsjava, validated in-process
 * or by a trusted validating resolver. See {@link
 * io.github.dane4j.dns.dnsjava.DnsjavaFetcherProvider}.
 */
@NullMarked
package io.github.dane4j.dns.dnsjava;

import org.jspecify.annotations.NullMarked;
