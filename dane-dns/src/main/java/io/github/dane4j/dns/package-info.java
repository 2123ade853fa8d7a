/** DNS fetchers for dane4j. */
@NullMarked
package io.github.dane4j.dns;

import org.jspecify.annotations.NullMarked;
