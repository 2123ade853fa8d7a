/** SMTP STARTTLS connector and RFC 7672 delivery decisions. */
@NullMarked
package io.github.dane4j.smtp;

import org.jspecify.annotations.NullMarked;
