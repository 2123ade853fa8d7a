#!/usr/bin/env bash
# Generates the test PKI of the interop suite with openssl: a root CA, an intermediate CA and one
# leaf per SMTP server, all ECDSA P-256. Writes $INTEROP_WORK/pki; an existing PKI is replaced.
#
#   root        CN=dane4j interop root, self-signed
#   intermediate  CN=dane4j interop intermediate, issued by the root, pathlen 0
#   ee.pem      leaf for the DANE-EE server, issued by the intermediate
#   ta.pem      leaf for the DANE-TA server, issued by the intermediate
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

# issue NAME ISSUER EXTENSIONS SUBJECT: signs NAME.key's request with ISSUER.pem and ISSUER.key.
issue() {
  local name=$1 issuer=$2 extensions=$3 subject=$4
  new_key "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  printf '%b\n' "$extensions" >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" -CAcreateserial \
    -days 30 -sha256 -extfile "$name.ext" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr"
}

new_key root.key
openssl req -x509 -new -key root.key -subj "/CN=dane4j interop root" -days 30 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out root.pem

issue intermediate root \
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

issue ee intermediate "$(leaf_extensions mx.ee-good.nsec.$parent_zone)" \
  "/CN=mx.ee-good.nsec.$parent_zone"
cat ee.key ee.pem intermediate.pem >ee.chain.pem

issue ta intermediate \
  "$(leaf_extensions mx.ta-good.nsec.$parent_zone mx.ta-root.nsec.$parent_zone)" \
  "/CN=mx.ta-good.nsec.$parent_zone"
cat ta.key ta.pem intermediate.pem root.pem >ta.chain.pem

chmod 0600 ./*.key ./*.chain.pem
log "PKI written to $pki"
