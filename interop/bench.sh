#!/usr/bin/env bash
# Measures dane4j against posttls-finger and plain JSSE STARTTLS handshakes on the interop
# servers, at each parallelism of $BENCH_PARALLELISM (default "1 4 16"):
#
#   dane-check            `dane-check scan --concurrency N --tls-provider SUNJSSE` in one JVM,
#                         with Unbound as the trusted validating resolver (the runnable jar of
#                         dane-examples), on the JDK's TLS provider
#   dane-check-conscrypt  the same with `--tls-provider CONSCRYPT`, dane-check's default
#   posttls-finger        Postfix's DANE client, N at a time under `xargs -P N`, in a private mount
#                         namespace whose /etc/resolv.conf points at Unbound
#   jsse                  plain STARTTLS handshakes with the same Postfix addresses and SNI names,
#                         with no DNS and no DANE, in one JVM with N threads (StarttlsCeiling of
#                         dane-benchmarks) on SunJSSE: the ceiling
#   jsse-conscrypt        the same ceiling on Conscrypt, to compare dane-check-conscrypt with a
#                         client on the same TLS stack
#
# $BENCH_TOOLS (default: all five) selects the tools; $DANE_CHECK_ARGS adds options to both
# dane-check tools.
#
# Every tool checks the domains of scenarios.tsv whose verdict is authenticated or dane-failure and
# where no peer is expected to disagree, in turn, on port 25, each time under another name with the
# same MX RRset (k.bench.DOMAIN in round k), $BENCH_CHECKS times (default 3000) per run. Unbound is
# asked for every name once before the first run, so that every tool finds its cache warm. Each
# point runs $BENCH_REPEATS times (default 2); the repeats interleave the tools, so that load from
# other processes falls on all of them alike.
#
# Client CPU time is the user and system time of the checking processes only, from /usr/bin/time:
# the JVM, or xargs with every posttls-finger it started. The servers are separate processes and
# are not counted. A JVM's start-up is measured apart: each JVM tool also runs $BENCH_SHORT checks
# (default 1000) in a fresh JVM, and the steady figures are the differences between the long run
# and that short run, so start-up and the first, slow checks drop out. The JIT compiler keeps
# working for thousands of checks (dane-check compiles more code than the ceiling, and some large
# methods only after 10 seconds), so shorter runs would charge compilation to the steady figures.
# The whole-process figures divide the long run's totals by its checks, start-up included.
#
# Reuses the servers of $INTEROP_WORK when they run; otherwise starts them and stops them at the
# end. Writes the raw figures to $INTEROP_WORK/bench/runs.tsv and prints a table.
#
# Build the jars first: mvn -B -q -pl dane-examples,dane-benchmarks -am package -DskipTests
set -euo pipefail
source "$(dirname "$0")/lib.sh"

checks=${BENCH_CHECKS:-3000}
short=${BENCH_SHORT:-1000}
repeats=${BENCH_REPEATS:-2}
read -r -a parallelisms <<<"${BENCH_PARALLELISM:-1 4 16}"
all_tools="dane-check dane-check-conscrypt posttls-finger jsse jsse-conscrypt"
read -r -a tools <<<"${BENCH_TOOLS:-$all_tools}"
root=$(cd "$interop_dir/.." && pwd)
dane_check_jar=${DANE_CHECK_JAR:-$root/dane-examples/target/dane-check.jar}
benchmarks_jar=${BENCHMARKS_JAR:-$root/dane-benchmarks/target/benchmarks.jar}

((EUID == 0)) || die "Postfix listens on port 25 and posttls-finger needs a mount namespace; run as root"
for tool in java posttls-finger unshare dig xargs python3; do
  command -v "$tool" >/dev/null || die "$tool not found; run interop/setup.sh as root first"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found; install the Debian package 'time'"
for jar in "$dane_check_jar" "$benchmarks_jar"; do
  [[ -f $jar ]] || die "$jar not found; build it: mvn -B -q -pl dane-examples,dane-benchmarks -am package -DskipTests"
done
for setting in "BENCH_CHECKS=$checks" "BENCH_SHORT=$short" "BENCH_REPEATS=$repeats"; do
  [[ ${setting#*=} =~ ^[1-9][0-9]*$ ]] || die "$setting is not a positive whole number"
done
((${#parallelisms[@]} > 0)) || die "BENCH_PARALLELISM is empty; give numbers such as \"1 4 16\""
for n in "${parallelisms[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "invalid value '$n' in BENCH_PARALLELISM; give positive whole numbers such as \"1 4 16\""
done
((${#tools[@]} > 0)) || die "BENCH_TOOLS is empty; choose from $all_tools"
((short < checks)) || die "BENCH_SHORT ($short) must be smaller than BENCH_CHECKS ($checks)"

# running FILE: whether the pid in FILE is a running process.
running() {
  [[ -s $1 ]] && kill -0 "$(tr -d ' \n' <"$1")" 2>/dev/null
}

if running "$run/nsd.pid" && running "$run/unbound.pid" && running "$run/postfix/queue/pid/master.pid"; then
  log "reusing the servers of $work"
else
  "$interop_dir/stop.sh"
  trap '"$interop_dir/stop.sh"' EXIT
  "$interop_dir/start.sh"
fi
source "$ports_file"

bench=$work/bench
mkdir -p "$bench"
printf 'nameserver %s\noptions edns0 trust-ad\n' "$RESOLVER_ADDRESS" >"$bench/resolv.conf"
# posttls-finger's start-up probe of a validating resolver queries the root by default, which
# Unbound refuses here.
printf 'compatibility_level = 3.6\ndnssec_probe = ns:%s\n' "$parent_zone" >"$bench/main.cf"

domains=()
authenticated=()
while IFS=$'\t' read -r domain _ verdict _ _ _ _ _ peers _; do
  [[ -z $domain || $domain == \#* ]] && continue
  # Domains where a peer is expected to disagree would make the tools' counts differ, and the
  # plain JSSE client needs STARTTLS on every server.
  [[ $peers == - && $domain != no-starttls.* ]] || continue
  case $verdict in
    authenticated) domains+=("$domain") && authenticated+=(1) ;;
    dane-failure) domains+=("$domain") && authenticated+=(0) ;;
  esac
done <"$interop_dir/scenarios.tsv"
((${#domains[@]} > 0)) || die "no authenticated or dane-failure scenario in scenarios.tsv"

# The JSSE targets: each MX host's address, looked up once here and not timed.
targets=()
for domain in "${domains[@]}"; do
  # +short also prints the names of a CNAME chain. Keep the first IPv4 address only, so that the
  # client never has a name to resolve through the system's resolver.
  address=$(dig @127.0.0.1 -p "$UNBOUND_PORT" +short "mx.$domain" A |
    grep -E '^[0-9]{1,3}(\.[0-9]{1,3}){3}$' | head -1 || true)
  [[ -n $address ]] || die "no address for mx.$domain through Unbound"
  targets+=("$address:25=mx.$domain")
done

# write_list COUNT FILE: the domains in turn, COUNT lines; prints how many are authenticated. The
# k-th round uses the name k.bench.DOMAIN, which the zones give the MX RRset of DOMAIN, so that no
# line repeats another: dane-check scan checks a repeated domain once.
write_list() {
  local i expected=0
  : >"$2"
  for ((i = 0; i < $1; i++)); do
    echo "$((i / ${#domains[@]})).bench.${domains[i % ${#domains[@]}]}" >>"$2"
    expected=$((expected + authenticated[i % ${#domains[@]}]))
  done
  echo "$expected"
}
expected_long=$(write_list "$checks" "$bench/domains-$checks.txt")
expected_short=$(write_list "$short" "$bench/domains-$short.txt")
# One dig process queries Unbound for every MX RRset of the long list, which contains the short
# one.
sed 's/$/ MX/' "$bench/domains-$checks.txt" |
  dig @127.0.0.1 -p "$UNBOUND_PORT" +tries=1 +time=5 -f - >/dev/null ||
  die "warming Unbound's cache with dig failed; check that Unbound runs (interop/start.sh)"

# timed OUTPUT COMMAND...: runs COMMAND with its output in OUTPUT and prints "wall user system"
# in seconds. Exit codes 1 and 2 are verdicts (dane-check reports a failed domain that way).
timed() {
  local output=$1 status=0 start end
  shift
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$output.time" "$@" >"$output" 2>&1 || status=$?
  end=$(date +%s.%N)
  # xargs exits with 123 when a posttls-finger exited with 1 to 125, as it does when the records
  # match no certificate.
  ((status <= 2 || status == 123)) || die "$* failed with status $status; see $output"
  echo "$(python3 -c "print(f'{$end - $start:.3f}')") $(tail -1 "$output.time")"
}

# run_tool TOOL PARALLELISM COUNT: one run; prints "wall user system authenticated".
run_tool() {
  local tool=$1 n=$2 count=$3 list=$bench/domains-$3.txt out=$bench/$1-$2-$3.out figures matched
  case $tool in
    dane-check | dane-check-conscrypt)
      local provider=(--tls-provider SUNJSSE)
      [[ $tool == dane-check ]] || provider=(--tls-provider CONSCRYPT)
      # The default text output: one table line per domain, printed at the end. --json would add
      # the encoding of a full report per check, which posttls-finger has no counterpart for.
      # shellcheck disable=SC2086 # DANE_CHECK_ARGS holds several words on purpose
      figures=$(timed "$out" java -jar "$dane_check_jar" scan --resolver "$RESOLVER_ADDRESS" \
        --port 25 --concurrency "$n" --no-progress "${provider[@]}" ${DANE_CHECK_ARGS:-} "$list")
      matched=$(grep -cE '^[^ ]+ +authenticated ' "$out" || true)
      ;;
    posttls-finger)
      figures=$(timed "$out" unshare --mount sh -c \
        'mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' sh "$bench/resolv.conf" \
        env MAIL_CONFIG="$bench" xargs -P "$n" -n 1 posttls-finger -c -l dane -t 10 -T 10 <"$list")
      matched=$(grep -c 'Verified TLS connection established' "$out" || true)
      ;;
    jsse | jsse-conscrypt)
      local provider=()
      [[ $tool == jsse ]] || provider=(--conscrypt)
      figures=$(timed "$out" java -cp "$benchmarks_jar" io.github.dane4j.benchmarks.StarttlsCeiling \
        "${provider[@]}" "$n" "$count" "${targets[@]}")
      # Every handshake succeeds here, as a DANE check would when the records matched.
      matched=$(sed -n 's/^handshakes=\([0-9]*\) failures=0 .*/\1/p' "$out")
      ;;
  esac
  echo "$figures ${matched:-0}"
}

runs=$bench/runs.tsv
printf 'repeat\ttool\tparallelism\tchecks\twall_s\tuser_s\tsystem_s\tauthenticated\texpected\n' >"$runs"
for tool in "${tools[@]}"; do
  [[ " $all_tools " == *" $tool "* ]] || die "invalid tool '$tool' in BENCH_TOOLS; choose from $all_tools"
done
log "${#domains[@]} domains (${domains[*]}), $checks checks per run, $repeats repeats"
for ((r = 1; r <= repeats; r++)); do
  for n in "${parallelisms[@]}"; do
    for tool in "${tools[@]}"; do
      sizes=("$checks")
      [[ $tool == posttls-finger ]] || sizes=("$short" "$checks")
      for count in "${sizes[@]}"; do
        expected=$expected_long
        ((count == checks)) || expected=$expected_short
        [[ $tool == jsse* ]] && expected=$count
        read -r wall user system matched < <(run_tool "$tool" "$n" "$count") || true
        [[ -n ${matched:-} ]] || die "$tool -P $n with $count checks failed; see $bench"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$tool" "$n" "$count" "$wall" "$user" \
          "$system" "$matched" "$expected" >>"$runs"
        log "repeat $r: $tool -P $n, $count checks: ${wall}s wall, ${user}s user, ${system}s system, $matched/$expected authenticated"
      done
    done
  done
done

python3 - "$runs" "$checks" "$short" <<'PY'
import csv, statistics, sys

runs_file, long_count, short_count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = list(csv.DictReader(open(runs_file), delimiter="\t"))
by_key = {}
for row in rows:
    key = (row["tool"], int(row["parallelism"]), int(row["repeat"]))
    by_key.setdefault(key, {})[int(row["checks"])] = row

def cpu(row):
    return float(row["user_s"]) + float(row["system_s"])

def spread(values, fmt):
    values = sorted(values)
    return f"{fmt.format(statistics.median(values))} ({fmt.format(values[0])}-{fmt.format(values[-1])})"

mismatches = [r for r in rows if r["authenticated"] != r["expected"]]
print()
print("checks/s and client CPU ms per check: median (min-max) over the repeats")
print("steady = long run minus short run; whole = long run with JVM start-up")
header = ["tool", "-P", "steady checks/s", "steady CPU ms", "whole checks/s", "whole CPU ms",
          "start-up s wall", "start-up CPU s"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
tools = ["dane-check", "dane-check-conscrypt", "posttls-finger", "jsse", "jsse-conscrypt"]
for n in sorted({k[1] for k in by_key}):
    for tool in tools:
        points = [v for k, v in sorted(by_key.items()) if k[0] == tool and k[1] == n]
        if not points:
            continue
        whole_rate = [long_count / float(p[long_count]["wall_s"]) for p in points]
        whole_cpu = [cpu(p[long_count]) * 1000 / long_count for p in points]
        if short_count in points[0]:
            extra = long_count - short_count
            steady_rate = [extra / (float(p[long_count]["wall_s"]) - float(p[short_count]["wall_s"]))
                           for p in points]
            steady_cpu = [(cpu(p[long_count]) - cpu(p[short_count])) * 1000 / extra for p in points]
            startup_wall = spread([float(p[short_count]["wall_s"]) for p in points], "{:.2f}")
            startup_cpu = spread([cpu(p[short_count]) for p in points], "{:.2f}")
        else:
            steady_rate, steady_cpu = whole_rate, whole_cpu
            startup_wall = startup_cpu = "-"
        print("| " + " | ".join([tool, str(n), spread(steady_rate, "{:.1f}"), spread(steady_cpu, "{:.1f}"),
                                 spread(whole_rate, "{:.1f}"), spread(whole_cpu, "{:.1f}"),
                                 startup_wall, startup_cpu]) + " |")
print()
print(f"start-up columns: the short run of {short_count} checks in a fresh JVM")

# The speed targets, on the steady medians: a throughput of at least posttls-finger's and at least
# 90 % of the ceiling's, and client CPU per check at most 10 % above the ceiling's.
def steady(tool, n):
    points = [v for k, v in sorted(by_key.items()) if k[0] == tool and k[1] == n]
    if not points or short_count not in points[0]:
        if not points:
            return None
        return (statistics.median(long_count / float(p[long_count]["wall_s"]) for p in points),
                statistics.median(cpu(p[long_count]) * 1000 / long_count for p in points))
    extra = long_count - short_count
    return (statistics.median(extra / (float(p[long_count]["wall_s"]) - float(p[short_count]["wall_s"]))
                              for p in points),
            statistics.median((cpu(p[long_count]) - cpu(p[short_count])) * 1000 / extra for p in points))

print()
print("targets on the steady medians (rate checks/s, CPU ms per check)")
print("| client | -P | against | rate >= posttls-finger | rate >= 90 % of ceiling | CPU <= ceiling + 10 % |")
print("|---|---|---|---|---|---|")
for n in sorted({k[1] for k in by_key}):
    finger = steady("posttls-finger", n)
    for tool in ("dane-check", "dane-check-conscrypt"):
        mine = steady(tool, n)
        if mine is None:
            continue
        # Each dane-check against the SunJSSE ceiling, and the Conscrypt one against the ceiling
        # on its own TLS stack too.
        ceilings = ("jsse",) if tool == "dane-check" else ("jsse", "jsse-conscrypt")
        for ceiling_tool in ceilings:
            ceiling = steady(ceiling_tool, n)
            if ceiling is None:
                continue
            vs_finger = "-" if finger is None else (
                f"{'yes' if mine[0] >= finger[0] else 'no'} ({mine[0]:.0f} / {finger[0]:.0f})")
            share = mine[0] / ceiling[0]
            extra_cpu = mine[1] / ceiling[1] - 1
            print(f"| {tool} | {n} | {ceiling_tool} | {vs_finger} | "
                  f"{'yes' if share >= 0.9 else 'no'} ({share:.0%}) | "
                  f"{'yes' if extra_cpu <= 0.1 else 'no'} ({mine[1]:.1f} / {ceiling[1]:.1f}, {extra_cpu:+.0%}) |")
if mismatches:
    print(f"WARNING: {len(mismatches)} runs authenticated a different number of checks than expected:")
    for r in mismatches:
        print("  ", dict(r))
PY
