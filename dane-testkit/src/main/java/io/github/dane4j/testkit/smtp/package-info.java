/**
 * An in-process SMTP server with STARTTLS or implicit TLS and scripted misbehaviour, for testing
 * SMTP clients on loopback.
 */
@NullMarked
package io.github.dane4j.testkit.smtp;

import org.jspecify.annotations.NullMarked;
