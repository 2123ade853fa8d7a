#!/usr/bin/env bash
# Stops the servers that start.sh started, by the pids in their pid files: Postfix's master (which
# stops its own children), Unbound and NSD, each only while the pid still belongs to that program.
# Waits up to 10 seconds for each to exit and then sends SIGKILL. Succeeds when nothing runs.
set -uo pipefail
# A JVM shutdown hook may run this script after the reader of its output is gone. Ignoring SIGPIPE
# lets a failed log line pass, so that every server is still stopped.
trap '' PIPE
source "$(dirname "$0")/lib.sh"

# stop_pid FILE WHAT COMMAND: stops the process of the pid in FILE when its command name starts
# with COMMAND (NSD renames its processes, as "nsd: xfrd"), so that a stale pid file never stops
# a process that took the number over.
stop_pid() {
  local file=$1 what=$2 command=$3 pid attempt
  [[ -s $file ]] || return 0
  pid=$(tr -d ' \n' <"$file")
  if [[ $pid =~ ^[0-9]+$ ]] && [[ $(ps -o comm= -p "$pid" 2>/dev/null) == "$command"* ]]; then
    kill -TERM "$pid"
    for attempt in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$what ($pid) still runs after 10 seconds; sending SIGKILL"
      kill -KILL "$pid"
    fi
    log "stopped $what ($pid)"
  fi
  rm -f "$file"
}

stop_pid "$run/postfix/queue/pid/master.pid" "Postfix master" master
stop_pid "$run/unbound.pid" Unbound unbound
stop_pid "$run/nsd.pid" NSD nsd
