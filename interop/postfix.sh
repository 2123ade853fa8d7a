#!/usr/bin/env bash
# Writes the interop suite's Postfix configuration to $INTEROP_WORK/run/postfix and starts Postfix
# from it (called by start.sh). The system's /etc/postfix is only read for the files that the
# package installs there (postfix-files), never written.
#
# Each SMTP address gets two smtpd services with its own certificate chain: port 25 offers
# STARTTLS, port 465 speaks TLS at once (smtpd_tls_wrappermode). One more address listens on port
# 25 only and offers no STARTTLS (smtpd_tls_security_level=none). Loopback clients may send mail,
# which smtpd accepts and then discards through the DISCARD access action. Every transport is an
# error transport, so nothing is delivered or relayed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ ${1:-} == start ]] || die "usage: $0 start"

base=$run/postfix
config=$base/etc
mkdir -p "$config" "$base/queue" "$base/data"
chmod 0755 "$base" "$base/queue"
chown postfix:postfix "$base/data"

cat >"$config/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $base/queue
data_directory = $base/data
maillog_file_prefixes = $run
maillog_file = $run/postfix.log
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.$parent_zone
mydomain = $parent_zone
myorigin = \$myhostname
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_peername_lookup = no
smtpd_client_restrictions = permit_mynetworks, reject
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = check_client_access static:DISCARD
default_transport = error:5.7.1 this test server relays nothing
relay_transport = \$default_transport
local_transport = \$default_transport
virtual_transport = \$default_transport
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_tls_session_cache_database =
smtp_dns_support_level = disabled
CONF

{
  for i in "${!smtp_addresses[@]}"; do
    address=${smtp_addresses[$i]}
    chain=$work/pki/${smtp_chains[$i]}.chain.pem
    echo "$address:25 inet n - n - - smtpd -o smtpd_tls_chain_files=$chain"
    echo "$address:465 inet n - n - - smtpd -o smtpd_tls_chain_files=$chain" \
      "-o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt"
  done
  echo "$addr_plain:25 inet n - n - - smtpd -o smtpd_tls_security_level=none"
  cat <<'CONF'
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
CONF
} >"$config/master.cf"

postfix -c "$config" check || die "postfix check failed; see $run/postfix.log"
postfix -c "$config" start || die "postfix start failed; see $run/postfix.log"
pid_file=$base/queue/pid/master.pid
for attempt in $(seq 100); do
  [[ -s $pid_file ]] && break
  sleep 0.1
done
[[ -s $pid_file ]] || die "Postfix did not write $pid_file within 10 seconds; see $run/postfix.log"
log "Postfix $(tr -d ' ' <"$pid_file") listens on ${smtp_addresses[*]} ports 25 and 465," \
  "and on $addr_plain port 25 without STARTTLS"
