/**
 * A demo network on loopback: a DNSSEC-signed test DNS server and one SMTP server per scenario,
 * started in-process for {@code dane-check demo}.
 */
@NullMarked
package io.github.dane4j.examples.demo;

import org.jspecify.annotations.NullMarked;
