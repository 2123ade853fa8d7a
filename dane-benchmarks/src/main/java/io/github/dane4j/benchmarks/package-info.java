/** JMH benchmarks for dane4j. */
@NullMarked
package io.github.dane4j.benchmarks;

import org.jspecify.annotations.NullMarked;
