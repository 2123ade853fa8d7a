/**
 * The {@code dane-check} command: DANE checks of domains, hosts and certificate chains from the
 * command line, built with picocli. {@link io.github.dane4j.examples.cli.DaneCheck} is the main
 * class of the runnable jar.
 */
@NullMarked
package io.github.dane4j.examples.cli;

import org.jspecify.annotations.NullMarked;
