/**
 * The service provider interface through which dane4j fetches DNS records with their DNSSEC status.
 */
@NullMarked
package io.github.dane4j.core.spi;

import org.jspecify.annotations.NullMarked;
