#!/usr/bin/env bash
# Runs the whole interop suite: installs missing packages, generates a fresh PKI and fresh zones,
# starts the servers, checks every scenario and stops the servers again, also when a step fails.
# Exits with check.sh's status.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$interop_dir/setup.sh"
"$interop_dir/stop.sh"
"$interop_dir/pki.sh"
"$interop_dir/zones.sh"
trap '"$interop_dir/stop.sh"' EXIT
"$interop_dir/start.sh"
"$interop_dir/check.sh"
