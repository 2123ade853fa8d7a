/** The public dane4j API: TLSA records, DANE verification and the DANE trust manager. */
@NullMarked
package io.github.dane4j.core;

import org.jspecify.annotations.NullMarked;
