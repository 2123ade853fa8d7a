/** Sending mail with Jakarta Mail (Angus Mail) over a DANE-authenticated STARTTLS connection. */
@NullMarked
package io.github.dane4j.examples.mail;

import org.jspecify.annotations.NullMarked;
