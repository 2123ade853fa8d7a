/** A monitor that checks a list of domains and exposes the results as JSON for a dashboard. */
@NullMarked
package io.github.dane4j.examples.monitor;

import org.jspecify.annotations.NullMarked;
