#!/usr/bin/env bash
# callpop's fault benchmark: CRMs that were answering start hanging and trickling, under load, on loopback.
#
#   bench/faults.sh                    (JAVA=/path/to/java bench/faults.sh to pick the JDK)
#   JAVA=/path/to/jdk25/bin/java FAULT_COLD=1 BENCH_JVM_OPTS="-Xmx96m … -XX:AOTCache=app.aot -XX:AOTMode=on" bench/faults.sh
#                                      the first outage of a replica started from an AOT cache (dev/train-aot-cache.sh)
#
# Fakes (WireMock, dev/crm-fakes.sh): Pipedrive's API and OAuth server and Bullhorn's REST API answer at once
# until an outage begins; then Pipedrive's accept connections and never answer (60 s delay) and Bullhorn's
# trickles its answer over 20 s. The sample CRM (in memory) stays healthy throughout. Phases, each FAULT_DURATION (30 s):
#   nofault     the healthy load alone: sample look-ups, known-contact pops and readiness checks, 20 a second
#               on each of 8 (2) connections
#   busy        the healthy load beside the CRM traffic: FAULT_HANGING (300) connections looking callers up in
#               Pipedrive, 50 in Bullhorn, 50 logging out of Pipedrive, each one event a second (paced like
#               agents' clients, not as fast as the answers come), with every CRM answering
#   firstfault  the same, with Pipedrive hanging and Bullhorn trickling: the first outage since start
#   fault       10 s of recovery later, the same outage again
# A 20 s warm-up of the busy phase's traffic comes first, so that the outage is what changes, not the traffic:
# a CRM that fails has usually been answering before. FAULT_COLD=1 leaves the CRM traffic out of the warm-up and
# skips the busy phase: the outage is then the first traffic Pipedrive and Bullhorn get since start, as for a
# replica started during an outage, and the JIT compiles all of its code paths under the fault. For each load it prints the answers by status and
# p50/p99/max latency against the CRM's time limit (the deadline, 800 ms by default); for the healthy load, the
# ratio to its no-fault p99 and to its p99 beside the same traffic without a fault; then the log lines written
# during each outage and callpop's RSS, against the container's memory limit (320 MiB).
# Needs wrk, bash, curl and openssl. Writes bench/results/faults-latest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-java}
DURATION=${FAULT_DURATION:-30s}
HANGING=${FAULT_HANGING:-300}
COLD=${FAULT_COLD:-0}
PORT=${FAULT_PORT:-18180}
FAKE_PORT=${FAULT_FAKE_PORT:-18189}
LIMIT_MS=800
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m}

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
mkdir -p target/bench/faults bench/results
rm -f target/bench/faults/*.txt target/bench/faults/rss-peak
# shellcheck source=dev/crm-fakes.sh
. dev/crm-fakes.sh
# shellcheck source=bench/loads.sh
. bench/loads.sh

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

crm_fakes_start "$JAVA" "$(crm_fakes_jar)" target/bench/faults "$FAKE_PORT" --async-response-threads 32 --container-threads 800
pids+=("$crm_fakes_pid")
crm_fakes_callpop_options "$FAKE_PORT"

fake=$crm_fakes_url
# shellcheck disable=SC2086
bench_callpop_start "$JAVA" "$PORT" target/bench/faults-callpop.log $JVM_OPTS "${crm_fakes_callpop_opts[@]}"
app=$bench_callpop_pid
pids+=($app)

TOKEN=$(dev/local-token.sh callpop)
export TOKEN
base="http://127.0.0.1:$PORT"
dir=target/bench/faults
# Each connection is an agent's client: it waits DELAY_MS after an answer before its next event, so every load
# is a rate (healthy: 8 x 20/s; fault: one event a second per connection), not as fast as answers come.
add sample-lookup "$base/api/v1/crms/sample/call-received" '{"call": {"from": "NUMBER"}}' 8 "UNIQUE_NUMBERS=1 DELAY_MS=50"
add known-pop "$base/api/v1/crms/pipedrive/call-received" '{"hostname": "acme.pipedrive.com", "contact": {"id": "42"}}' 8 "DELAY_MS=50"
add readiness "$base/q/health/ready" '' 2 "METHOD=GET DELAY_MS=50"
add pipedrive-lookup "$base/api/v1/crms/pipedrive/call-received" '{"hostname": "acme.pipedrive.com", "call": {"from": "NUMBER"}}' "$HANGING" \
    "UNIQUE_NUMBERS=1 CRM_TOKEN=pd-bench DELAY_MS=1000"
add bullhorn-lookup "$base/api/v1/crms/bullhorn/call-received" '{"hostname": "cls21.bullhornstaffing.com", "call": {"from": "NUMBER"}}' 50 \
    "UNIQUE_NUMBERS=1 CRM_TOKEN=bh-bench CRM_API_URL=$fake/bullhorn/rest-services/corp1/ DELAY_MS=1000"
add pipedrive-logout "$base/api/v1/crms/pipedrive/logout" '{"hostname": "acme.pipedrive.com", "tokens": {"accessToken": "a", "refreshToken": "r"}}' 50 "DELAY_MS=1000"

healthy=(sample-lookup known-pop readiness)
crm=(pipedrive-lookup bullhorn-lookup pipedrive-logout)
if [ "$COLD" = 1 ]; then
  echo "JIT warm-up: 20s of the healthy load (cold: no CRM traffic before the outage)..." >&2
  load warmup 412 20s "${healthy[@]}"
else
  echo "JIT warm-up: 20s of the healthy load and the CRM traffic, every CRM answering..." >&2
  load warmup 412 20s "${healthy[@]}" "${crm[@]}"
fi
echo "No fault: $DURATION of the healthy load..." >&2
load nofault 413 "$DURATION" "${healthy[@]}"
if [ "$COLD" != 1 ]; then
  echo "Busy, no fault: $DURATION of the healthy load beside $((HANGING + 100)) paced connections to Pipedrive and Bullhorn, answering..." >&2
  load busy 414 "$DURATION" "${healthy[@]}" "${crm[@]}"
fi

( peak=0; while kill -0 "$app" 2>/dev/null; do
    rss=$(ps -o rss= -p "$app" | tr -d ' '); [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss && echo "$peak" > "$dir/rss-peak"
    sleep 0.2; done ) &
pids+=($!)
# outage_phase PHASE AREA: the healthy load and the CRM traffic with the outage on; sets outage_log_lines to
# the lines callpop logged meanwhile
outage_phase() {
  local before
  before=$(wc -l < target/bench/faults-callpop.log)
  crm_fakes_outage begin
  load "$1" "$2" "$DURATION" "${healthy[@]}" "${crm[@]}"
  outage_log_lines=$(( $(wc -l < target/bench/faults-callpop.log) - before ))
  crm_fakes_outage end
}
echo "First outage: $DURATION of the same, Pipedrive hanging, Bullhorn trickling..." >&2
outage_phase firstfault 415
first_log_lines=$outage_log_lines
sleep 10
echo "Outage again, 10s later: $DURATION of the same..." >&2
outage_phase fault 416
log_lines=$outage_log_lines
rss_peak_kb=$(cat "$dir/rss-peak" 2>/dev/null || echo 0)

{
  echo "callpop fault benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); JDK: $("$JAVA" -version 2>&1 | head -1)"
  echo "CRM traffic before the outage: $([ "$COLD" = 1 ] && echo "none (FAULT_COLD=1)" || echo "20s warm-up, then the busy phase")"
  echo "JVM: $JVM_OPTS; each load: wrk -t1 for $DURATION on loopback, sharing the cores with callpop and the fakes"
  echo "deadline: each CRM's lookup-timeout, $LIMIT_MS ms from arrival; target: hanging and trickling callers within 1.2x ($((LIMIT_MS * 12 / 10)) ms),"
  echo "          healthy look-ups, known-contact pops and readiness within 1.5x their no-fault p99, no 5xx"
  echo
  printf '%-20s %-10s %6s %9s %9s %9s %9s  %s\n' "load" "phase" "conns" "requests" "p50 ms" "p99 ms" "max ms" "answers by status"
  for phase in nofault busy firstfault fault; do
    for name in "${healthy[@]}" "${crm[@]}"; do
      f="$dir/$phase-$name.txt"
      [ -f "$f" ] || continue
      printf '%-20s %-10s %6s %9s %9s %9s %9s  %s\n' "$name" "$phase" "${conns[$name]}" "$(field "$f" requests)" "$(field "$f" p50)" \
          "$(field "$f" p99)" "$(field "$f" max)" "$(statuses "$f")$( [ "$(field "$f" socket_errors)" = 0 ] || echo "socket errors $(field "$f" socket_errors)")"
    done
  done
  ratio() { awk -v a="$(field "$dir/$1.txt" "$3")" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
  for phase in firstfault fault; do
    echo
    echo "$phase:"
    for name in "${healthy[@]}"; do
      echo "  $name p99 / no fault: $(ratio "$phase-$name" "$(field "$dir/nofault-$name.txt" p99)" p99)$( [ -f "$dir/busy-$name.txt" ] &&
          echo ", / beside the same traffic without a fault: $(ratio "$phase-$name" "$(field "$dir/busy-$name.txt" p99)" p99)")"
    done
    for name in "${crm[@]}"; do
      echo "  $name max / deadline: $(ratio "$phase-$name" "$LIMIT_MS" max)"
    done
  done
  echo
  echo "log lines written during the first outage: $first_log_lines, during the second: $log_lines (each $DURATION)"
  echo "RSS peak under the faults: $((rss_peak_kb / 1024)) MiB (container limit 320 MiB)"
} | tee bench/results/faults-latest.txt
