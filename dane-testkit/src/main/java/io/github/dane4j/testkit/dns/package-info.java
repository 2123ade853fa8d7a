/**
 * In-process DNS server for tests: zones built in code and signed with DNSSEC at build time, served
 * on an ephemeral loopback port over UDP and TCP as if by a recursive resolver that knows the whole
 * tree, with deliberately broken data and scripted misbehaviour.
 */
@NullMarked
package io.github.dane4j.testkit.dns;

import org.jspecify.annotations.NullMarked;
