/**
 * Helpers shared by the dane-dns providers; not part of the API and not exported. This package uses
 * only the JDK, so that the JNDI provider works without dnsjava on the class path.
 */
@NullMarked
package io.github.dane4j.dns.internal;

import org.jspecify.annotations.NullMarked;
