#!/usr/bin/env bash
# Generates the test PKI of the interop suite with openssl: a root CA, an intermediate CA and one
# leaf per SMTP server, all ECDSA P-256. Writes $INTEROP_WORK/pki; an existing PKI is replaced.
#
#   root.pem          CN=dane4j interop root, self-signed
#   intermediate.pem  CN=dane4j interop intermediate, issued by the root, pathlen 0
#   ee.pem            leaf of the DANE-EE server, issued by the intermediate; its chain file
#                     leaves the root out, so a DANE-TA record for the root names a trust anchor
#                     that the server does not send
#   ta.pem            leaf of the DANE-TA server; its chain contains the intermediate and the root
#   expired.pem       leaf whose validity ended ten days ago; its chain contains the intermediate
#                     and the root
#   next.key          a key that no server uses yet: the "next" key of a roll-over
#
# Each server's chain file holds its key and then its certificates leaf first, the form that
# Postfix's smtpd_tls_chain_files reads.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

pki=$work/pki
rm -rf "$pki"
mkdir -p "$pki"
cd "$pki"

new_key() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

# The expired leaf needs validity dates in the past, and openssl ca is the openssl 3.0 command that
# sets any dates. So every certificate is issued through it, with this minimal configuration.
mkdir -p issued
: >index.txt
echo 1000 >serial
cat >ca.cnf <<'CONF'
[ca]
default_ca = interop_ca
[interop_ca]
database = index.txt
new_certs_dir = issued
serial = serial
policy = any_name
default_md = sha256
unique_subject = no
email_in_dn = no
[any_name]
commonName = supplied
CONF

# issue NAME ISSUER START END EXTENSIONS SUBJECT: signs a request for NAME.key with ISSUER.pem and
# ISSUER.key; START and END are offsets in days from now, such as -30 or +30.
issue() {
  local name=$1 issuer=$2 start=$3 end=$4 extensions=$5 subject=$6
  new_key "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  printf '%b\n' "$extensions" >"$name.ext"
  openssl ca -batch -config ca.cnf -cert "$issuer.pem" -keyfile "$issuer.key" -notext \
    -startdate "$(date -u -d "$start days" +%Y%m%d%H%M%SZ)" \
    -enddate "$(date -u -d "$end days" +%Y%m%d%H%M%SZ)" \
    -extfile "$name.ext" -in "$name.csr" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr"
}

new_key root.key
openssl req -x509 -new -key root.key -subj "/CN=dane4j interop root" -days 30 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out root.pem

issue intermediate root -1 +30 \
  "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign" \
  "/CN=dane4j interop intermediate"

leaf_extensions() {
  local names=() name
  for name in "$@"; do
    names+=("DNS:$name")
  done
  local joined
  joined=$(IFS=,; echo "${names[*]}")
  echo "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=$joined"
}

nsec=nsec.$parent_zone
issue ee intermediate -1 +30 \
  "$(leaf_extensions mx.ee-good.$nsec mx.ta-absent-full.$nsec mx.ta-absent-digest.$nsec)" \
  "/CN=mx.ee-good.$nsec"
cat ee.key ee.pem intermediate.pem >ee.chain.pem

issue ta intermediate -1 +30 \
  "$(leaf_extensions mx.ta-good.$nsec mx.ta-root.$nsec host.cname-target.nsec3.$parent_zone)" \
  "/CN=mx.ta-good.$nsec"
cat ta.key ta.pem intermediate.pem root.pem >ta.chain.pem

issue expired intermediate -40 -10 \
  "$(leaf_extensions mx.expired-ee.$nsec mx.expired-ta.$nsec)" "/CN=mx.expired-ta.$nsec"
cat expired.key expired.pem intermediate.pem root.pem >expired.chain.pem

new_key next.key
openssl pkey -in next.key -pubout -out next.pub

chmod 0600 ./*.key ./*.chain.pem
log "PKI written to $pki"
