/**
 * In-process DNS server for tests. Zones are built in code and signed with DNSSEC at build time.
 * The server listens on an ephemeral loopback port over UDP and TCP and answers like a recursive
 * resolver that has every hosted zone's data, including deliberately broken data and scripted
 * misbehaviour.
 */
@NullMarked
package io.github.dane4j.testkit.dns;

import org.jspecify.annotations.NullMarked;
