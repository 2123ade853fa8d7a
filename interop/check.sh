#!/usr/bin/env bash
# Runs every scenario of scenarios.tsv against the servers that start.sh started, through three
# peers, and compares each peer's outcome with the expected one:
#
#   dig             the DNSSEC status of the MX and TLSA lookups through Unbound (AD bit, SERVFAIL)
#   openssl         s_client with the TLSA records that dig fetched, on port 25 (STARTTLS) and
#                   465 (implicit TLS); run only where the records are secure
#   posttls-finger  Postfix's own DANE client on ports 25 and 465, in a private mount namespace
#                   whose /etc/resolv.conf points at Unbound, so the system's file is untouched
#
# Prints one line per scenario, peer and port, then "N passed, N failed". Exits 1 when any check
# failed.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

[[ -s $ports_file ]] || die "servers not started; run interop/start.sh first"
source "$ports_file"
for tool in dig openssl posttls-finger unshare; do
  command -v "$tool" >/dev/null || die "$tool not found; run interop/setup.sh as root first"
done

client=$run/client
mkdir -p "$client"
printf 'nameserver %s\noptions edns0 trust-ad\n' "$RESOLVER_ADDRESS" >"$client/resolv.conf"
# At start, posttls-finger checks that the resolver validates by querying a signed RRset and
# looking for the AD bit. Its default probe queries the root's NS RRset, which Unbound rejects here.
cat >"$client/main.cf" <<CONF
compatibility_level = 3.6
dnssec_probe = ns:$parent_zone
CONF

passed=0
failed=0

# report SCENARIO PEER EXPECTED ACTUAL
report() {
  if [[ $3 == "$4" ]]; then
    passed=$((passed + 1))
    printf 'ok    %-34s %-22s %s\n' "$1" "$2" "$4"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-34s %-22s expected %s, got %s\n' "$1" "$2" "$3" "$4"
  fi
}

# dns_status NAME TYPE: prints secure, insecure or bogus (SERVFAIL), and the records on stdout
# lines after the first.
dns_status() {
  local output
  output=$(dig @127.0.0.1 -p "$UNBOUND_PORT" +dnssec +time=5 +tries=1 +noall +comments +answer \
    "$1" "$2")
  if grep -q 'status: SERVFAIL' <<<"$output"; then
    echo bogus
  elif grep -q 'flags:.* ad[ ;]' <<<"$output"; then
    echo secure
  else
    echo insecure
  fi
  awk -v type="$2" '$4 == type { $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print }' <<<"$output"
}

# openssl_outcome ADDRESS HOST PORT RDATA...: prints "authenticated U S M DEPTH" or
# "dane-failed".
openssl_outcome() {
  local address=$1 host=$2 port=$3 output
  shift 3
  local args=(-brief -connect "$address:$port" -servername "$host" -dane_tlsa_domain "$host"
    -dane_ee_no_namechecks -verify_return_error)
  local rdata
  for rdata in "$@"; do
    args+=(-dane_tlsa_rrdata "$rdata")
  done
  [[ $port == 25 ]] && args+=(-starttls smtp)
  output=$(echo QUIT | timeout 20 openssl s_client "${args[@]}" 2>&1)
  if grep -q '^Verification: OK' <<<"$output"; then
    sed -n 's/^DANE TLSA \([0-9]\) \([0-9]\) \([0-9]\) .* at depth \([0-9]*\)$/authenticated \1 \2 \3 \4/p' \
      <<<"$output"
  else
    echo dane-failed
  fi
}

# finger_outcome DOMAIN PORT: prints posttls-finger's outcome in the verdict terms of
# scenarios.tsv, with the matched record and depth when authenticated.
finger_outcome() {
  local output match
  local args=(-c -l dane -t 10 -T 10)
  [[ $2 == 465 ]] && args+=(-w)
  output=$(timeout 60 unshare --mount sh -c \
    'mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' sh "$client/resolv.conf" \
    env MAIL_CONFIG="$client" posttls-finger "${args[@]}" "$1:$2" 2>&1)
  if grep -q 'Verified TLS connection established' <<<"$output"; then
    match=$(sed -n 's/.*Matched DANE \(EE\|TA\) certificate at depth \([0-9]*\): \([0-9]\) \([0-9]\) \([0-9]\) .*/\3 \4 \5 \2/p' \
      <<<"$output" | head -1)
    echo "authenticated $match"
  elif grep -q 'no matching DANE TLSA records' <<<"$output"; then
    echo dane-failed
  elif grep -q 'lookup failed\|lookup error' <<<"$output"; then
    echo dns-failed
  elif grep -q 'Untrusted TLS connection established' <<<"$output"; then
    echo no-dane
  else
    echo "unknown: $(tail -1 <<<"$output")"
  fi
}

while IFS=$'\t' read -r domain dns verdict rfc8460 record depth purpose; do
  [[ -z $domain || $domain == \#* ]] && continue
  host=mx.$domain
  expected=$verdict
  [[ $verdict == authenticated ]] && expected="authenticated $record $depth"

  mapfile -t mx < <(dns_status "$domain" MX)
  report "$domain" "dig MX" "$dns" "${mx[0]}"
  if [[ ${mx[0]} == secure ]]; then
    mapfile -t tlsa < <(dns_status "_25._tcp.$host" TLSA)
    report "$domain" "dig TLSA" "$dns" "${tlsa[0]}"
    mapfile -t address < <(dns_status "$host" A)
    if [[ ${tlsa[0]} == secure && -n ${address[1]:-} ]]; then
      for port in 25 465; do
        mapfile -t tlsa < <(dns_status "_$port._tcp.$host" TLSA)
        report "$domain" "openssl port $port" "$expected" \
          "$(openssl_outcome "${address[1]}" "$host" "$port" "${tlsa[@]:1}")"
      done
    fi
  fi

  for port in 25 465; do
    report "$domain" "posttls-finger port $port" "$expected" "$(finger_outcome "$domain" "$port")"
  done
done <"$interop_dir/scenarios.tsv"

echo "$passed passed, $failed failed"
((failed == 0))
