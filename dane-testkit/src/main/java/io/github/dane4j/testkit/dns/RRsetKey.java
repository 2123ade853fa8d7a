package io.github.dane4j.testkit.dns;

import org.xbill.DNS.Name;

/** The owner name and type that identify one RRset. */
record RRsetKey(Name name, int type) {}
