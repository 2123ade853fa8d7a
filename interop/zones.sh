#!/usr/bin/env bash
# Writes and signs the DNS zones of the interop suite with ldns-keygen and ldns-signzone, from the
# certificates that pki.sh made. Writes $INTEROP_WORK/zones and the trust anchor
# $INTEROP_WORK/zones/interop.test.anchor (the parent zone's DNSKEY records).
#
#   interop.test.           signed with NSEC; the parent of the zones below and the trust anchor
#   nsec.interop.test.      signed with NSEC, secure delegation (DS in the parent)
#   nsec3.interop.test.     signed with NSEC3 (SHA-1, no salt, 0 extra iterations as RFC 9276
#                           recommends), secure delegation
#   unsigned.interop.test.  not signed and no DS in the parent: an insecure delegation
#   bogus.interop.test.     DS in the parent, but every signature expired ten days ago: bogus
#
# Each key is a single ECDSA P-256 key with the SEP flag (a combined signing key); the zones use
# one key each because the suite tests the SMTP layer, not key roll-overs of the zones.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

pki=$work/pki
zones=$work/zones
[[ -f $pki/ee.pem ]] || die "no PKI in $pki; run interop/pki.sh first"
rm -rf "$zones"
mkdir -p "$zones"
cd "$zones"

ee_spki=$(spki_sha256 "$pki/ee.pem")
intermediate_cert=$(cert_sha256 "$pki/intermediate.pem")
# A digest of the right length that matches no certificate of the suite.
wrong_digest=$(printf 'no certificate has this key' | sha256sum | cut -d' ' -f1)

soa() {
  echo "\$TTL 300"
  echo "@ SOA ns.$parent_zone. hostmaster.$parent_zone. 1 3600 600 86400 300"
  echo "@ NS ns.$parent_zone."
}

# mx_host LABEL ADDRESS TLSA-RDATA: a mail domain LABEL with one MX host that has an A record and
# the same TLSA RRset for port 25 and port 465.
mx_host() {
  local label=$1 address=$2 rdata=$3
  echo "$label MX 10 mx.$label"
  echo "mx.$label A $address"
  echo "_25._tcp.mx.$label TLSA $rdata"
  echo "_465._tcp.mx.$label TLSA $rdata"
}

{
  soa
  mx_host ee-good "$addr_ee" "3 1 1 $ee_spki"
  mx_host ta-good "$addr_ta" "2 0 1 $intermediate_cert"
  mx_host wrong-digest "$addr_ee" "3 1 1 $wrong_digest"
} >nsec.$parent_zone.zone

{
  soa
  mx_host ee-good "$addr_ee" "3 1 1 $ee_spki"
} >nsec3.$parent_zone.zone

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
nsec_key=$(sign nsec.$parent_zone)
nsec3_key=$(sign nsec3.$parent_zone -n -a 1 -t 0)
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
