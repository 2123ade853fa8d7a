/** The dane-check command-line tool and examples of embedding dane4j. */
@NullMarked
package io.github.dane4j.examples;

import org.jspecify.annotations.NullMarked;
