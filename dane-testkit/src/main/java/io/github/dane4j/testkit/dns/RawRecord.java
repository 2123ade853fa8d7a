package io.github.dane4j.testkit.dns;

import java.io.IOException;
import java.util.HexFormat;
import org.xbill.DNS.Compression;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Tokenizer;

/**
 * A resource record whose RDATA is stored as given, without the checks of dnsjava's typed record
 * classes, so that tests can publish data that a parser would reject (for example a TLSA record
 * with empty association data). Its text form is the RFC 3597 generic form.
 */
final class RawRecord extends Record {

  private static final long serialVersionUID = 1L;

  private byte[] rdata;

  RawRecord(Name name, int type, int dclass, long ttl, byte[] rdata) {
    super(name, type, dclass, ttl);
    this.rdata = rdata.clone();
  }

  @Override
  protected void rrFromWire(DNSInput in) throws IOException {
    rdata = in.readByteArray();
  }

  @Override
  protected String rrToString() {
    return "\\# " + rdata.length + (rdata.length == 0 ? "" : " " + HexFormat.of().formatHex(rdata));
  }

  @Override
  protected void rdataFromString(Tokenizer st, Name origin) throws IOException {
    throw st.exception("raw test records are built in code, not parsed from text");
  }

  @Override
  protected void rrToWire(DNSOutput out, Compression c, boolean canonical) {
    out.writeByteArray(rdata);
  }
}
