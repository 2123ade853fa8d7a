#!/usr/bin/env bash
# Installs the Debian packages that the interop suite runs: NSD (authoritative server), Unbound
# (validating resolver), ldnsutils (key generation and zone signing), Postfix (the SMTP server),
# OpenSSL and the dig/delv tools. Runs as root and does nothing when every package is present.
#
# The distribution's packages start their services on installation. A temporary
# /usr/sbin/policy-rc.d that exits 101 ("action forbidden", see invoke-rc.d(8)) keeps them from
# starting; it is removed afterwards. An existing policy-rc.d is left as it is.
set -euo pipefail

packages=(nsd unbound ldnsutils postfix openssl bind9-dnsutils)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "interop: all packages present: ${packages[*]}"
  exit 0
fi

if ((EUID != 0)); then
  echo "interop: missing packages ${missing[*]}; run as root: sudo $0" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\n# Written by dane4j interop/setup.sh for the duration of an install.\nexit 101\n' \
    >"$policy"
  chmod 0755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
# Postfix asks how it should be configured; "No configuration" leaves /etc/postfix/main.cf
# unwritten, because the suite runs Postfix from its own config_directory.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

echo "interop: installing ${missing[*]}"
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
