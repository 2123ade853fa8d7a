/** Test PKI: builders for certificate chains, including deliberately broken certificates. */
@NullMarked
package io.github.dane4j.testkit.pki;

import org.jspecify.annotations.NullMarked;
