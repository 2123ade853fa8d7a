package io.github.dane4j.smtp;

import io.github.dane4j.core.RecordCheck;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.UnusableReason;
import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.core.spi.AddressFamily;
import io.github.dane4j.core.spi.CnameHop;
import io.github.dane4j.core.spi.MxRecord;
import io.github.dane4j.smtp.internal.JsonWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes reports as JSON in the schema of docs/report-schema.md. Change {@link #SCHEMA_VERSION}
 * with every change that a reader of the previous version could misread.
 */
final class ReportJson {
  /** The name of the schema, written as {@code schema}. */
  static final String SCHEMA = "dane4j-smtp-report";

  /** The schema version, written as {@code schemaVersion}. */
  static final int SCHEMA_VERSION = 1;

  private ReportJson() {}

  static String domain(DomainReport report) {
    JsonWriter json = JsonWriter.pretty();
    json.beginObject();
    header(json, "domain", report.options());
    json.name("startedAt").value(report.startedAt().toString());
    json.name("elapsedMillis").value(report.elapsed().toMillis());
    json.name("domain").value(report.domain());
    json.name("daneRequired").value(report.daneRequired());
    assessment(json, report.assessment());
    json.name("accepted").value(report.accepted());
    mx(json, report.mx());
    json.name("hosts").beginArray();
    for (HostReport host : report.hosts()) {
      json.beginObject();
      hostMembers(json, host);
      json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.toJson();
  }

  static String host(HostReport report) {
    JsonWriter json = JsonWriter.pretty();
    json.beginObject();
    header(json, "host", report.options());
    hostMembers(json, report);
    json.endObject();
    return json.toJson();
  }

  private static void header(JsonWriter json, String type, ReportOptions options) {
    json.name("schema").value(SCHEMA);
    json.name("schemaVersion").value(SCHEMA_VERSION);
    json.name("type").value(type);
    json.name("options").beginObject();
    json.name("port").value(options.port());
    json.name("tlsMode").value(token(options.tlsMode()));
    json.name("mode").value(options.mode().token());
    json.name("auditOnly").value(options.auditOnly());
    json.name("addressFamilies").beginArray();
    for (AddressFamily family : options.addressFamilies()) {
      json.value(token(family));
    }
    json.endArray();
    json.name("dnsProvider").value(options.dnsProvider());
    json.name("tlsProvider").value(token(options.tlsProvider()));
    json.endObject();
  }

  private static void assessment(JsonWriter json, Assessment assessment) {
    json.name("verdict").value(assessment.verdict().token());
    optional(json, "resultType", assessment.resultType().map(Object::toString));
    optional(json, "failureReasonCode", assessment.reasonCode());
    json.name("message").value(assessment.message());
    json.name("fixHint").value(assessment.fixHint());
  }

  private static void mx(JsonWriter json, MxLookup mx) {
    json.name("mx").beginObject();
    json.name("kind").value(token(mx.kind()));
    json.name("status").value(token(mx.status()));
    json.name("expandedDomain").value(mx.expandedDomain());
    strings(json, "namesFollowed", mx.namesFollowed());
    json.name("implicit").value(mx.implicitMx());
    json.name("nullMx").value(mx.nullMx());
    json.name("records").beginArray();
    for (MxRecord record : mx.records()) {
      json.beginObject();
      json.name("preference").value(record.preference());
      json.name("exchange").value(record.exchange());
      json.endObject();
    }
    json.endArray();
    json.name("reason").value(mx.reason());
    json.endObject();
  }

  private static void hostMembers(JsonWriter json, HostReport host) {
    HostPolicy policy = host.policy();
    json.name("host").value(host.host());
    OptionalInt preference = host.preference();
    if (preference.isPresent()) {
      json.name("preference").value(preference.getAsInt());
    } else {
      json.name("preference").nullValue();
    }
    json.name("daneRequired").value(policy.daneRequired());
    assessment(json, host.assessment());
    json.name("accepted").value(host.accepted());
    json.name("startedAt").value(host.startedAt().toString());
    json.name("elapsedMillis").value(host.elapsed().toMillis());

    json.name("policy").value(policy.tlsPolicy().token());
    json.name("policyReason").value(policy.reason());
    json.name("cnameChain").beginArray();
    for (CnameHop hop : policy.cnameChain()) {
      json.beginObject();
      json.name("owner").value(hop.owner());
      json.name("target").value(hop.target());
      json.name("status").value(token(hop.status()));
      json.name("fromDname").value(hop.synthesizedFromDname());
      json.endObject();
    }
    json.endArray();

    optional(json, "addressStatus", policy.addressStatus().map(ReportJson::token));
    json.name("resolvedAddresses").beginArray();
    for (InetAddress address : policy.addresses()) {
      json.value(address.getHostAddress());
    }
    json.endArray();

    strings(json, "candidateBaseDomains", policy.candidateBaseDomains());
    json.name("tlsaLookups").beginArray();
    for (TlsaLookup lookup : policy.tlsaLookups()) {
      tlsaLookup(json, lookup);
    }
    json.endArray();
    optional(json, "tlsaBaseDomain", policy.tlsaBaseDomain());
    strings(json, "referenceNames", policy.referenceNames());
    optional(json, "sniHostName", policy.sniHostName());
    rfc8460Policy(json, policy);

    json.name("addresses").beginArray();
    for (AddressReport address : host.addresses()) {
      address(json, address);
    }
    json.endArray();
  }

  /**
   * Writes the policy as an RFC 8460 section 4.4 report names it: type {@code tlsa} with one string
   * per TLSA record in presentation form, hex without spaces, or {@code no-policy-found}.
   */
  private static void rfc8460Policy(JsonWriter json, HostPolicy policy) {
    json.name("rfc8460Policy").beginObject();
    List<TlsaRecord> records = policy.tlsaRecords();
    json.name("policyType").value(records.isEmpty() ? "no-policy-found" : "tlsa");
    json.name("policyDomain").value(policy.tlsaBaseDomain().orElse(policy.host()));
    json.name("policyStrings").beginArray();
    for (TlsaRecord record : records) {
      json.value(
          record.usage()
              + " "
              + record.selector()
              + " "
              + record.matchingType()
              + " "
              + record.associationDataHex().toLowerCase(Locale.ROOT));
    }
    json.endArray();
    json.endObject();
  }

  private static void tlsaLookup(JsonWriter json, TlsaLookup lookup) {
    json.beginObject();
    json.name("baseDomain").value(lookup.baseDomain());
    json.name("ownerName").value(lookup.ownerName());
    json.name("kind").value(token(lookup.kind()));
    json.name("status").value(token(lookup.status()));
    strings(json, "namesFollowed", lookup.namesFollowed());
    json.name("records").beginArray();
    for (RecordCheck check : lookup.records()) {
      json.beginObject();
      tlsaRecord(json, check.record());
      json.name("usable").value(check.usable());
      UnusableReason reason = check.unusableReason();
      if (reason == null) {
        json.name("unusableReason").nullValue();
      } else {
        json.name("unusableReason").value(token(reason));
      }
      json.endObject();
    }
    json.endArray();
    json.name("reason").value(lookup.reason());
    json.endObject();
  }

  private static void tlsaRecord(JsonWriter json, TlsaRecord record) {
    json.name("usage").value(record.usage());
    json.name("selector").value(record.selector());
    json.name("matchingType").value(record.matchingType());
    json.name("data").value(record.associationDataHex().toLowerCase(Locale.ROOT));
  }

  private static void address(JsonWriter json, AddressReport report) {
    SmtpConnectionResult connection = report.connection();
    InetAddress ip = report.address().getAddress();
    json.beginObject();
    json.name("address").value(ip.getHostAddress());
    json.name("port").value(report.address().getPort());
    json.name("family").value(ip instanceof Inet6Address ? "ipv6" : "ipv4");
    assessment(json, report.assessment());
    json.name("accepted").value(report.accepted());
    json.name("elapsedMillis").value(connection.elapsed().toMillis());

    optional(json, "connectorFailure", connection.failure().map(kind -> kind.reasonCode()));
    optional(json, "greeting", connection.greeting().map(SmtpReply::toString));
    json.name("starttlsOffered").value(connection.starttlsOffered());
    Optional<SmtpReply> starttlsReply = connection.starttlsReply();
    if (starttlsReply.isPresent()) {
      json.name("starttlsReplyCode").value(starttlsReply.get().code());
    } else {
      json.name("starttlsReplyCode").nullValue();
    }

    json.name("tlsEstablished").value(connection.tlsEstablished());
    optional(json, "tlsProtocol", connection.tlsProtocol());
    optional(json, "cipherSuite", connection.cipherSuite());
    optional(json, "namedGroup", connection.namedGroup());
    json.name("tlsProvider").value(token(connection.tlsProvider()));
    optional(
        json,
        "sniHostName",
        connection.target().sniSent() && connection.handshakeAttempted()
            ? Optional.of(connection.sniHostName())
            : Optional.empty());

    optional(json, "trustMode", connection.trustOutcome().map(o -> token(o.mode())));
    Optional<VerificationResult> verification = connection.verificationResult();
    Optional<TlsaRecord> matched = verification.flatMap(VerificationResult::matchedRecord);
    if (matched.isPresent()) {
      json.name("matchedRecord").beginObject();
      tlsaRecord(json, matched.get());
      json.endObject();
    } else {
      json.name("matchedRecord").nullValue();
    }
    OptionalInt depth =
        verification.map(VerificationResult::matchDepth).orElse(OptionalInt.empty());
    if (depth.isPresent()) {
      json.name("matchDepth").value(depth.getAsInt());
    } else {
      json.name("matchDepth").nullValue();
    }

    chain(json, connection.presentedChain());
    strings(json, "transcript", connection.transcript().stream().map(Object::toString).toList());
    json.name("transcriptTruncated").value(connection.transcriptTruncated());
    json.endObject();
  }

  private static void chain(JsonWriter json, List<X509Certificate> chain) {
    json.name("chain").beginArray();
    for (int depth = 0; depth < chain.size(); depth++) {
      X509Certificate certificate = chain.get(depth);
      json.beginObject();
      json.name("depth").value(depth);
      json.name("subject").value(certificate.getSubjectX500Principal().getName());
      json.name("issuer").value(certificate.getIssuerX500Principal().getName());
      json.name("serialNumber").value(certificate.getSerialNumber().toString(16));
      json.name("notBefore").value(certificate.getNotBefore().toInstant().toString());
      json.name("notAfter").value(certificate.getNotAfter().toInstant().toString());
      optional(json, "sha256", sha256(certificate, false));
      // NOTE: the key as the JDK encodes it, which can differ from the certificate's own
      // SubjectPublicKeyInfo bytes for unusual encodings such as explicit EC parameters.
      optional(json, "spkiSha256", sha256(certificate, true));
      json.endObject();
    }
    json.endArray();
  }

  private static Optional<String> sha256(X509Certificate certificate, boolean spki) {
    try {
      byte[] data = spki ? certificate.getPublicKey().getEncoded() : certificate.getEncoded();
      if (data == null) {
        return Optional.empty();
      }
      return Optional.of(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static void strings(JsonWriter json, String name, List<String> values) {
    json.name(name).beginArray();
    for (String value : values) {
      json.value(value);
    }
    json.endArray();
  }

  private static void optional(JsonWriter json, String name, Optional<String> value) {
    if (value.isPresent()) {
      json.name(name).value(value.get());
    } else {
      json.name(name).nullValue();
    }
  }

  /** Returns the JSON token of an enum constant: lower case, words joined by hyphens. */
  private static String token(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
