/**
 * The machinery behind {@link io.github.dane4j.smtp.SmtpConnector}: the SMTP reply reader, the
 * command writer, the STARTTLS state machine and the TLS provider plumbing. Not API: the types may
 * change in any release.
 */
@NullMarked
package io.github.dane4j.smtp.internal;

import org.jspecify.annotations.NullMarked;
