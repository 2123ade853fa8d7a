/** Implementation details of dane-core; not an API, exported only to other dane4j modules. */
@NullMarked
package io.github.dane4j.core.internal;

import org.jspecify.annotations.NullMarked;
