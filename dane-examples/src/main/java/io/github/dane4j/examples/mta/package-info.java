/** An MTA-style SMTP client on {@code SSLEngine} and plain JDK NIO, authenticated with DANE. */
@NullMarked
package io.github.dane4j.examples.mta;

import org.jspecify.annotations.NullMarked;
