#!/usr/bin/env bash
# callpop's fault benchmark: one CRM hanging, one trickling, one healthy, under load, on loopback.
#
#   bench/faults.sh                    (JAVA=/path/to/java bench/faults.sh to pick the JDK)
#
# Fakes (WireMock): Pipedrive's API and OAuth server accept connections and never answer (60 s delay), and
# Bullhorn's REST API trickles its answer over 20 s. The sample CRM (in memory) is the healthy one. First the
# healthy load runs alone (no fault): sample look-ups, known-contact pops and readiness checks, 20 a second
# on each of 8 (2) connections. Then the same load runs while FAULT_HANGING (300) connections look callers up
# in Pipedrive, 50 in Bullhorn, and 50 log out of Pipedrive, each one event a second (paced like agents'
# clients, not as fast as the answers come), twice: the first outage since start (the JIT compiles the fault's
# code paths then) and, 10 s later, the same outage again. Before the faults, the healthy load runs beside as
# much traffic at the same pace to the healthy sample CRM (350 look-ups, 50 logouts): no fault, same load. For each it prints the answers by status, p50/p99/max latency against the CRM's time limit
# (the deadline, 800 ms by default) and, for the healthy load, the ratio to its no-fault p99; then the log
# lines written during the fault and callpop's RSS, against the container's memory limit (320 MiB).
# Needs wrk, bash, curl and openssl. Writes bench/results/faults-latest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-java}
DURATION=${FAULT_DURATION:-30s}
HANGING=${FAULT_HANGING:-300}
PORT=${FAULT_PORT:-18180}
FAKE_PORT=${FAULT_FAKE_PORT:-18189}
LIMIT_MS=800
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m}
WIREMOCK_VERSION=3.13.2

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
mkdir -p target/bench/faults/mappings bench/results
WIREMOCK_JAR=target/bench/wiremock-standalone-$WIREMOCK_VERSION.jar
[ -f "$WIREMOCK_JAR" ] || ./mvnw -q -N dependency:copy -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION \
    -DoutputDirectory="$PWD/target/bench" -Dmdep.stripVersion=false

cat > target/bench/faults/mappings/hang.json <<JSON
{ "mappings": [
  { "request": { "urlPathPattern": "/hang.*" }, "response": { "status": 200, "fixedDelayMilliseconds": 60000 } },
  { "request": { "method": "POST", "urlPathPattern": "/trickle/.*" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" },
      "body": "{\"total\": 0, \"start\": 0, \"count\": 0, \"data\": []}                                                  ",
      "chunkedDribbleDelay": { "numberOfChunks": 20, "totalDuration": 20000 } } } ] }
JSON

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$JAVA" -Xmx512m -jar "$WIREMOCK_JAR" --port "$FAKE_PORT" --bind-address 127.0.0.1 --root-dir target/bench/faults \
    --disable-banner --no-request-journal --async-response-enabled true --async-response-threads 32 \
    --container-threads 800 > target/bench/faults-wiremock.log 2>&1 &
pids+=($!)
fake_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$FAKE_PORT/__admin/mappings"; do
  kill -0 "$fake_pid" 2>/dev/null || { echo "the fake CRM did not start:" >&2; cat target/bench/faults-wiremock.log >&2; exit 1; }
  sleep 0.1
done

fake="http://127.0.0.1:$FAKE_PORT"
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS -Dquarkus.profile=local -Dquarkus.http.port="$PORT" \
    "-Dcallpop.pipedrive.api-url=$fake/hang/{hostname}" -Dquarkus.rest-client.pipedrive-oauth.url="$fake/hang-oauth" \
    -Dcallpop.pipedrive.client-id=bench-client -Dcallpop.pipedrive.client-secret=bench-secret \
    "-Dcallpop.bullhorn.rest-url-pattern=http://127[.]0[.]0[.]1:$FAKE_PORT/trickle/rest-services/[A-Za-z0-9]+/" \
    -jar target/quarkus-app/quarkus-run.jar > target/bench/faults-callpop.log 2>&1 &
app=$!
pids+=($app)
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
  kill -0 "$app" 2>/dev/null || { echo "callpop did not start:" >&2; cat target/bench/faults-callpop.log >&2; exit 1; }
  sleep 0.1
done

TOKEN=$(dev/local-token.sh callpop)
export TOKEN
base="http://127.0.0.1:$PORT"
dir=target/bench/faults
declare -A urls bodies conns extra

add() { urls[$1]=$2; bodies[$1]=$3; conns[$1]=$4; extra[$1]=${5:-}; }
# Each connection is an agent's client: it waits DELAY_MS after an answer before its next event, so every load
# is a rate (healthy: 8 x 20/s; fault: one event a second per connection), not as fast as answers come.
add sample-lookup "$base/api/v1/crms/sample/call-received" '{"call": {"from": "NUMBER"}}' 8 "UNIQUE_NUMBERS=1 DELAY_MS=50"
add known-pop "$base/api/v1/crms/pipedrive/call-received" '{"hostname": "acme.pipedrive.com", "contact": {"id": "42"}}' 8 "DELAY_MS=50"
add readiness "$base/q/health/ready" '' 2 "METHOD=GET DELAY_MS=50"
add pipedrive-hanging "$base/api/v1/crms/pipedrive/call-received" '{"hostname": "acme.pipedrive.com", "call": {"from": "NUMBER"}}' "$HANGING" \
    "UNIQUE_NUMBERS=1 CRM_TOKEN=pd-bench DELAY_MS=1000"
add bullhorn-trickling "$base/api/v1/crms/bullhorn/call-received" '{"hostname": "cls21.bullhornstaffing.com", "call": {"from": "NUMBER"}}' 50 \
    "UNIQUE_NUMBERS=1 CRM_TOKEN=bh-bench CRM_API_URL=$fake/trickle/rest-services/corp1/ DELAY_MS=1000"
add pipedrive-logout "$base/api/v1/crms/pipedrive/logout" '{"hostname": "acme.pipedrive.com", "tokens": {"accessToken": "a", "refreshToken": "r"}}' 50 "DELAY_MS=1000"
# The same number of connections at the same pace as the fault's, against the healthy sample CRM: what that
# much traffic costs the healthy load when no CRM fails, to tell the fault's cost from the traffic's.
add busy-lookup "$base/api/v1/crms/sample/call-received" '{"call": {"from": "NUMBER"}}' 350 "UNIQUE_NUMBERS=1 DELAY_MS=1000"
add busy-logout "$base/api/v1/crms/sample/logout" '{}' 50 "DELAY_MS=1000"

# load PHASE DURATION NAME...: the named loads at once, each from its own wrk; results in $dir/PHASE-NAME.txt
load() {
  local phase=$1 duration=$2; shift 2
  local waits=()
  for name in "$@"; do
    # shellcheck disable=SC2086
    env BODY="${bodies[$name]}" ${extra[$name]} wrk -t1 -c"${conns[$name]}" -d"$duration" --timeout 30s -s bench/faults.lua \
        "${urls[$name]}" > "$dir/$phase-$name.txt" 2>&1 &
    waits+=($!)
  done
  wait "${waits[@]}"
}

healthy=(sample-lookup known-pop readiness)
echo "JIT warm-up: 20s of the healthy load..." >&2
load warmup 20s "${healthy[@]}"
echo "No fault: $DURATION of the healthy load..." >&2
load nofault "$DURATION" "${healthy[@]}"

echo "Busy, no fault: $DURATION of the healthy load beside 400 paced connections to the healthy sample CRM..." >&2
load busy "$DURATION" "${healthy[@]}" busy-lookup busy-logout

faults=(pipedrive-hanging bullhorn-trickling pipedrive-logout)
( peak=0; while kill -0 "$app" 2>/dev/null; do
    rss=$(ps -o rss= -p "$app" | tr -d ' '); [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss && echo "$peak" > "$dir/rss-peak"
    sleep 0.2; done ) &
pids+=($!)
# The first outage after start also runs code no request ran before (time-outs, interruption, breaker-open
# fallbacks): the JIT compiles it then, on the same cores. Measured apart, then the same outage again.
echo "First fault: $DURATION of the healthy load beside $HANGING hanging look-ups, 50 trickling, 50 hanging logouts..." >&2
log_before=$(wc -l < target/bench/faults-callpop.log)
load firstfault "$DURATION" "${healthy[@]}" "${faults[@]}"
first_log_lines=$(( $(wc -l < target/bench/faults-callpop.log) - log_before ))
sleep 10
echo "Fault again (its code compiled): $DURATION of the same..." >&2
log_before=$(wc -l < target/bench/faults-callpop.log)
load fault "$DURATION" "${healthy[@]}" "${faults[@]}"
log_lines=$(( $(wc -l < target/bench/faults-callpop.log) - log_before ))
rss_peak_kb=$(cat "$dir/rss-peak" 2>/dev/null || echo 0)

field() { grep -o "$2=[0-9.]*" "$1" | head -1 | cut -d= -f2; }
statuses() { grep -o 'status_[0-9]*=[0-9]*' "$1" | sed 's/status_//' | sort | tr '\n' ' '; }

{
  echo "callpop fault benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); JDK: $("$JAVA" -version 2>&1 | head -1)"
  echo "JVM: $JVM_OPTS; each load: wrk -t1 for $DURATION on loopback, sharing the cores with callpop and the fakes"
  echo "deadline: each CRM's lookup-timeout, $LIMIT_MS ms from arrival; target: hanging and trickling callers within 1.2x ($((LIMIT_MS * 12 / 10)) ms),"
  echo "          healthy look-ups, known-contact pops and readiness within 1.5x their no-fault p99, no 5xx"
  echo
  printf '%-20s %-10s %6s %9s %9s %9s %9s  %s\n' "load" "phase" "conns" "requests" "p50 ms" "p99 ms" "max ms" "answers by status"
  for phase in nofault busy firstfault fault; do
    for name in "${healthy[@]}" busy-lookup busy-logout "${faults[@]}"; do
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
      echo "  $name p99 / no fault: $(ratio "$phase-$name" "$(field "$dir/nofault-$name.txt" p99)" p99)," \
          "/ the same traffic without a fault: $(ratio "$phase-$name" "$(field "$dir/busy-$name.txt" p99)" p99)"
    done
    for name in "${faults[@]}"; do
      echo "  $name max / deadline: $(ratio "$phase-$name" "$LIMIT_MS" max)"
    done
  done
  echo
  echo "log lines written during the first fault: $first_log_lines, during the second: $log_lines (each $DURATION)"
  echo "RSS peak under the faults: $((rss_peak_kb / 1024)) MiB (container limit 320 MiB)"
} | tee bench/results/faults-latest.txt
