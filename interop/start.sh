#!/usr/bin/env bash
# Starts the interop suite's servers from $INTEROP_WORK, each with its own configuration, pid file
# and log under $INTEROP_WORK/run, and never with the system's configuration files:
#
#   NSD      authoritative for interop.test. and its children, on 127.0.0.1 at a free high port
#   Unbound  validating resolver with the interop.test. trust anchor, stubbed to NSD, on 127.0.0.1
#            at another free high port and on $addr_resolver port 53; it rejects every other
#            name, has no root hints and forwards nothing
#   Postfix  one smtpd per address and port: 25 with STARTTLS and 465 with implicit TLS; it
#            accepts mail from loopback clients, discards it and relays nothing
#
# Writes the ports to $INTEROP_WORK/run/ports.env. Generates the PKI first when it is missing and
# signs the zones anew. Run interop/stop.sh to stop the servers. This script stops them itself when
# one of them fails to start.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for tool in nsd unbound postfix ldns-signzone dig openssl; do
  command -v "$tool" >/dev/null || die "$tool not found; run interop/setup.sh as root first"
done
((EUID == 0)) || die "Postfix listens on port 25; run as root"
[[ ! -e $run/nsd.pid && ! -e $run/unbound.pid ]] || die "servers already started; run interop/stop.sh"

[[ -f $work/pki/ee.chain.pem ]] || "$interop_dir/pki.sh"
# Signing takes a fraction of a second, so the zones are signed on every start. They then follow
# any change to zones.sh, and their signatures do not expire in a work directory that is kept.
"$interop_dir/zones.sh"

mkdir -p "$run"
trap '"$interop_dir/stop.sh"' ERR

nsd_port=$(free_port)
unbound_port=$(free_port)
printf 'NSD_PORT=%s\nUNBOUND_PORT=%s\nRESOLVER_ADDRESS=%s\n' "$nsd_port" "$unbound_port" \
  "$addr_resolver" >"$ports_file"

# wait_for_file FILE WHAT: waits up to 10 seconds for a daemon to write its pid file.
wait_for_file() {
  local attempt
  for attempt in $(seq 100); do
    [[ -s $1 ]] && return 0
    sleep 0.1
  done
  die "$2 did not write $1 within 10 seconds; see the logs in $run"
}

# wait_for_answer PORT NAME WHAT: waits up to 10 seconds until the server at PORT responds to a
# query for NAME.
wait_for_answer() {
  local attempt
  for attempt in $(seq 10); do
    dig @127.0.0.1 -p "$1" +time=1 +tries=1 +norecurse "$2" SOA >/dev/null 2>&1 && return 0
  done
  die "$3 on port $1 did not respond within 10 seconds; see the logs in $run"
}

# NSD: all zones from one server.
{
  cat <<CONF
server:
  ip-address: 127.0.0.1@$nsd_port
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$work/zones"
  database: ""
  zonelistfile: "$run/nsd.zonelist"
  xfrdfile: "$run/nsd.xfrd.state"
  xfrdir: "$run"
  pidfile: "$run/nsd.pid"
  logfile: "$run/nsd.log"
  server-count: 1
  hide-version: yes
remote-control:
  control-enable: no
CONF
  for zone in $parent_zone "${child_zones[@]/%/.$parent_zone}"; do
    printf 'zone:\n  name: %s\n  zonefile: %s.zone.signed\n' "$zone" "$zone"
  done
} >"$run/nsd.conf"
nsd-checkconf "$run/nsd.conf"
nsd -c "$run/nsd.conf"
wait_for_file "$run/nsd.pid" NSD
wait_for_answer "$nsd_port" $parent_zone NSD
log "NSD $(cat "$run/nsd.pid") serves $parent_zone on 127.0.0.1 port $nsd_port"

# Unbound: the local zone "." rejects every query that is not for interop.test. The stub for "."
# points at NSD too, so a name that slipped through would still be sent only to loopback, and
# outgoing-interface keeps the source address on loopback.
: >"$run/root.hints"
{
  cat <<CONF
server:
  interface: 127.0.0.1@$unbound_port
  interface: $addr_resolver@53
  outgoing-interface: 127.0.0.1
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  username: ""
  chroot: ""
  directory: "$run"
  pidfile: "$run/unbound.pid"
  logfile: "$run/unbound.log"
  use-syslog: no
  num-threads: 1
  module-config: "validator iterator"
  root-hints: "$run/root.hints"
  trust-anchor-file: "$work/zones/$parent_zone.anchor"
  trust-anchor-signaling: no
  root-key-sentinel: no
  val-log-level: 2
  local-zone: "." refuse
  local-zone: "$parent_zone." transparent
remote-control:
  control-enable: no
stub-zone:
  name: "."
  stub-addr: 127.0.0.1@$nsd_port
CONF
  for zone in $parent_zone "${child_zones[@]/%/.$parent_zone}"; do
    printf 'stub-zone:\n  name: "%s."\n  stub-addr: 127.0.0.1@%s\n' "$zone" "$nsd_port"
  done
} >"$run/unbound.conf"
unbound-checkconf "$run/unbound.conf" >/dev/null
unbound -c "$run/unbound.conf"
wait_for_file "$run/unbound.pid" Unbound
wait_for_answer "$unbound_port" $parent_zone Unbound
log "Unbound $(cat "$run/unbound.pid") resolves on 127.0.0.1 port $unbound_port and $addr_resolver port 53"

"$interop_dir/postfix.sh" start
