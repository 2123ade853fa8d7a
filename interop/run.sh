#!/usr/bin/env bash
# Runs the whole interop suite: installs missing packages, then runs the dane-interop tests through
# Maven. They generate a fresh PKI and fresh zones, start the servers once, check every scenario of
# scenarios.tsv through dane4j, dane-check, posttls-finger and openssl, and stop the servers again,
# also when a test fails. Extra arguments go to Maven. Exits with Maven's status.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$interop_dir/setup.sh"
cd "$interop_dir/.."
exec mvn -B -ntp -pl dane-interop -am verify -Dtest=InteropScenariosTest \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"
