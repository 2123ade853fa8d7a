#!/usr/bin/env bash
# Writes and signs the DNS zones of the interop suite with ldns-keygen and ldns-signzone, from the
# certificates that pki.sh made. Writes $INTEROP_WORK/zones and the trust anchor
# $INTEROP_WORK/zones/interop.test.anchor (the parent zone's DNSKEY records).
#
#   interop.test.           signed with NSEC; the parent of the zones below and the trust anchor
#   nsec.interop.test.      signed with NSEC, secure delegation (DS in the parent); most scenarios
#   nsec3.interop.test.     signed with NSEC3 (SHA-1, no salt, 0 extra iterations as RFC 9276
#                           recommends), secure delegation
#   unsigned.interop.test.  not signed and no DS in the parent: an insecure delegation
#   bogus.interop.test.     DS in the parent, but every signature expired ten days ago: bogus
#
# scenarios.tsv lists the mail domains and what each one tests. Each zone has a single ECDSA P-256
# key with the SEP flag (a combined signing key), because the suite tests the SMTP layer, not key
# roll-overs of the zones.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

pki=$work/pki
zones=$work/zones
[[ -f $pki/ee.pem ]] || die "no PKI in $pki; run interop/pki.sh first"
rm -rf "$zones"
mkdir -p "$zones"
cd "$zones"

nsec=nsec.$parent_zone
nsec3=nsec3.$parent_zone

ee_spki=$(spki_sha256 "$pki/ee.pem")
ee_spki512=$(openssl x509 -in "$pki/ee.pem" -noout -pubkey | openssl pkey -pubin -outform DER |
  sha512sum | cut -d' ' -f1)
expired_spki=$(spki_sha256 "$pki/expired.pem")
next_spki=$(openssl pkey -pubin -in "$pki/next.pub" -outform DER | sha256sum | cut -d' ' -f1)
intermediate_cert=$(cert_sha256 "$pki/intermediate.pem")
root_cert=$(cert_sha256 "$pki/root.pem")
root_full=$(openssl x509 -in "$pki/root.pem" -outform DER | od -An -v -tx1 | tr -d ' \n')
# Digests of the right lengths that match no certificate of the suite.
wrong_digest=$(printf 'no certificate has this key' | sha256sum | cut -d' ' -f1)
wrong_digest512=$(printf 'no certificate has this key' | sha512sum | cut -d' ' -f1)
# The TLSA data of the bogus-tlsa scenario as signed, and as served after the signing.
signed_digest=$(printf 'signed, then replaced' | sha256sum | cut -d' ' -f1)

soa() {
  echo "\$TTL 300"
  echo "@ SOA ns.$parent_zone. hostmaster.$parent_zone. 1 3600 600 86400 300"
  echo "@ NS ns.$parent_zone."
}

# tlsa OWNER RDATA...: the same TLSA RRset for port 25 and port 465 of OWNER.
tlsa() {
  local owner=$1 rdata port
  shift
  for port in 25 465; do
    for rdata in "$@"; do
      echo "_$port._tcp.$owner TLSA $rdata"
    done
  done
}

# mx LABEL TARGET: the MX record of the mail domain LABEL, and the same record for every name
# below bench.LABEL. bench.sh checks those names, because dane-check scan checks a domain that a
# list repeats only once.
mx() {
  echo "$1 MX 10 $2"
  echo "*.bench.$1 MX 10 $2"
}

# mx_host LABEL ADDRESS TLSA-RDATA...: a mail domain LABEL with one MX host mx.LABEL that has an A
# record and, for port 25 and port 465, a TLSA RRset of the given records (none when no RDATA).
mx_host() {
  local label=$1 address=$2
  shift 2
  mx "$label" "mx.$label"
  echo "mx.$label A $address"
  (($# == 0)) || tlsa "mx.$label" "$@"
}

# The secure negative responses: TLSA NODATA (the owner name exists with other types), TLSA NXDOMAIN
# (nothing below the MX host) and an MX target that does not exist.
negative_answers() {
  mx_host nodata "$addr_ee"
  echo "_25._tcp.mx.nodata TXT \"no TLSA records here\""
  echo "_465._tcp.mx.nodata TXT \"no TLSA records here\""
  mx_host nxdomain-tlsa "$addr_ee"
  echo "nxdomain-mx MX 10 mx.nxdomain-mx"
}

{
  soa
  mx_host ee-good "$addr_ee" "3 1 1 $ee_spki"
  mx_host ta-good "$addr_ta" "2 0 1 $intermediate_cert"
  mx_host ta-root "$addr_ta" "2 0 1 $root_cert"
  mx_host ta-absent-full "$addr_ee" "2 0 0 $root_full"
  mx_host ta-absent-digest "$addr_ee" "2 0 1 $root_cert"
  mx_host wrong-digest "$addr_ee" "3 1 1 $wrong_digest"
  # PKIX-EE and PKIX-TA records, unusable in SMTP (RFC 7672 section 3.1.3), though they match.
  mx_host unusable-only "$addr_ee" "1 1 1 $ee_spki" "0 0 1 $root_cert"
  mx_host agility-sha512-matches "$addr_ee" "3 1 2 $ee_spki512" "3 1 1 $wrong_digest"
  mx_host agility-sha256-matches "$addr_ee" "3 1 2 $wrong_digest512" "3 1 1 $ee_spki"
  mx_host rollover "$addr_ee" "3 1 1 $next_spki" "3 1 1 $ee_spki"
  mx_host expired-ee "$addr_expired" "3 1 1 $expired_spki"
  mx_host expired-ta "$addr_expired" "2 0 1 $intermediate_cert"
  mx_host ta-wrong-name "$addr_ta" "2 0 1 $intermediate_cert"
  mx_host ee-wrong-name "$addr_ee" "3 1 1 $ee_spki"
  # The MX host is an alias whose target, in the NSEC3 zone, has the TLSA records and is the name
  # in the DANE-TA leaf.
  mx cname-mx mx.cname-mx
  echo "mx.cname-mx CNAME host.cname-target.$nsec3."
  # The TLSA owner names are aliases into alias.$nsec, which a DNAME maps to the shared RRset
  # in the NSEC3 zone: one RRset serves every host, as on the Exim wiki's DNSSEC page.
  mx_host dname-tlsa "$addr_ee"
  echo "_25._tcp.mx.dname-tlsa CNAME 3-1-1.ee.alias.$nsec."
  echo "_465._tcp.mx.dname-tlsa CNAME 3-1-1.ee.alias.$nsec."
  echo "alias DNAME shared.$nsec3."
  negative_answers
  # Signed with one digest, served with another below: the TLSA RRset is bogus, the MX and A
  # records are secure.
  mx_host bogus-tlsa "$addr_ee" "3 1 1 $signed_digest"
  mx_host no-starttls "$addr_plain" "3 1 1 $ee_spki"
  echo "second-mx MX 10 mx1.second-mx"
  echo "second-mx MX 20 mx2.second-mx"
  echo "mx1.second-mx A $addr_ta"
  tlsa mx1.second-mx "3 1 1 $wrong_digest"
  echo "mx2.second-mx A $addr_ee"
  tlsa mx2.second-mx "3 1 1 $ee_spki"
} >$nsec.zone

{
  soa
  mx_host ee-good "$addr_ee" "3 1 1 $ee_spki"
  negative_answers
  echo "host.cname-target A $addr_ta"
  tlsa host.cname-target "2 0 1 $intermediate_cert"
  echo "3-1-1.ee.shared TLSA 3 1 1 $ee_spki"
} >$nsec3.zone

{
  soa
  mx_host insecure "$addr_ee" "3 1 1 $ee_spki"
} >unsigned.$parent_zone.zone

{
  soa
  mx_host expired "$addr_ee" "3 1 1 $ee_spki"
} >bogus.$parent_zone.zone

# new_key ZONE: prints the base name of a new key for ZONE.
new_key() {
  ldns-keygen -a ECDSAP256SHA256 -k -r /dev/urandom "$1"
}

# sign ZONE [ldns-signzone options]: signs ZONE.zone into ZONE.zone.signed with a new key and
# prints that key's base name.
sign() {
  local zone=$1
  shift
  local key
  key=$(new_key "$zone")
  ldns-signzone "$@" -o "$zone" -f "$zone.zone.signed" "$zone.zone" "$key"
  echo "$key"
}

now=$(date -u +%s)
day=86400
nsec_key=$(sign $nsec)
grep -qi "$signed_digest" $nsec.zone.signed || die "ldns-signzone output lacks the bogus-tlsa record"
sed -i "s/$signed_digest/$ee_spki/I" $nsec.zone.signed
nsec3_key=$(sign $nsec3 -n -a 1 -t 0)
bogus_key=$(sign bogus.$parent_zone -i $((now - 30 * day)) -e $((now - 10 * day)))
cp unsigned.$parent_zone.zone unsigned.$parent_zone.zone.signed

{
  soa
  echo "ns A 127.0.0.1"
  for child in "${child_zones[@]}"; do
    echo "$child NS ns.$parent_zone."
  done
  for key in "$nsec_key" "$nsec3_key" "$bogus_key"; do
    ldns-key2ds -n -2 "$key.key"
  done
} >$parent_zone.zone
parent_key=$(sign $parent_zone)
cp "$parent_key.key" $parent_zone.anchor

log "zones signed in $zones"
