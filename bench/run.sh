#!/usr/bin/env bash
# callpop's benchmark: one run on loopback, every figure compared with the same server's ceiling.
#
#   bench/run.sh                      (JAVA=/path/to/java bench/run.sh to pick the JDK)
#
# Starts the packaged callpop (local profile, the JVM settings of the container image, the start-up cache
# of dev/startup-cache.sh) and a fake Pipedrive (WireMock, fixed delay), then measures with wrk: the unauthenticated health endpoint (the
# ceiling), an authenticated trivial request, call-received with a known contact id for each seed CRM,
# a Pipedrive phone look-up with the cache cold and warm, and a Pipedrive call-log create. Prints requests/s, p50/p99 latency, each
# figure's ratio to the ceiling, start-up time to the first answered request, and RSS idle and under load.
# Needs wrk (Debian: apt-get install wrk), bash, curl and openssl. Writes bench/results/latest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-java}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-10s}
JIT_WARMUP=${BENCH_JIT_WARMUP:-30s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-18080}
FAKE_PORT=${BENCH_FAKE_PORT:-18089}
DELAY_MS=${BENCH_CRM_DELAY_MS:-50}
# The container image's JVM settings (Dockerfile.jvm): a small heap and the serial collector.
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m}
WIREMOCK_VERSION=3.13.2

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
mkdir -p target/bench/wiremock/mappings bench/results
WIREMOCK_JAR=target/bench/wiremock-standalone-$WIREMOCK_VERSION.jar
[ -f "$WIREMOCK_JAR" ] || ./mvnw -q -N dependency:copy -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION \
    -DoutputDirectory="$PWD/target/bench" -Dmdep.stripVersion=false

cat > target/bench/wiremock/mappings/pipedrive-search.json <<JSON
{ "request": { "method": "GET", "urlPathPattern": "/pipedrive/.*/api/v2/persons/search" },
  "response": { "status": 200, "fixedDelayMilliseconds": $DELAY_MS, "headers": { "Content-Type": "application/json" },
    "jsonBody": { "success": true, "data": { "items": [ { "result_score": 0.9,
      "item": { "id": 42, "type": "person", "name": "Ada Lovelace", "phones": ["+14155550100"] } } ] },
      "additional_data": { "next_cursor": null } } } }
JSON
# What a Pipedrive call-log create asks (adapters/pipedrive/README.md), each after the same delay as the search:
# the person (no organization), the company's activity types (callpop keeps the call type), the new activity.
cat > target/bench/wiremock/mappings/pipedrive-person.json <<JSON
{ "request": { "method": "GET", "urlPathPattern": "/pipedrive/.*/api/v2/persons/42" },
  "response": { "status": 200, "fixedDelayMilliseconds": $DELAY_MS, "headers": { "Content-Type": "application/json" },
    "jsonBody": { "success": true, "data": { "id": 42, "name": "Ada Lovelace", "org_id": null } } } }
JSON
cat > target/bench/wiremock/mappings/pipedrive-activity-types.json <<JSON
{ "request": { "method": "GET", "urlPathPattern": "/pipedrive/.*/v1/activityTypes" },
  "response": { "status": 200, "fixedDelayMilliseconds": $DELAY_MS, "headers": { "Content-Type": "application/json" },
    "jsonBody": { "success": true, "data": [
      { "id": 1, "name": "Call", "key_string": "call", "active_flag": true },
      { "id": 2, "name": "Meeting", "key_string": "meeting", "active_flag": true } ] } } }
JSON
cat > target/bench/wiremock/mappings/pipedrive-create-activity.json <<JSON
{ "request": { "method": "POST", "urlPathPattern": "/pipedrive/.*/api/v2/activities" },
  "response": { "status": 201, "fixedDelayMilliseconds": $DELAY_MS, "headers": { "Content-Type": "application/json" },
    "jsonBody": { "success": true, "data": { "id": 9001, "subject": "Inbound call", "type": "call", "done": false,
      "participants": [ { "person_id": 42, "primary": true } ] } } } }
JSON

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# await_ready PID LOG: until callpop answers its readiness check; stops the benchmark if it died.
await_ready() {
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    kill -0 "$1" 2>/dev/null || { echo "callpop did not start:" >&2; cat "$2" >&2; exit 1; }
    sleep 0.01
  done
}

# The fastest start the JDK offers, as dev/run.sh and Dockerfile.jvm use it (dev/startup-cache.sh): an AOT
# cache on JDK 25 or newer, an AppCDS archive before; trained here with the benchmark's JVM options.
APP=target/quarkus-app
# shellcheck source=dev/startup-cache.sh
. dev/startup-cache.sh
startup_cache "$JAVA" "$APP/quarkus-run.jar" target/bench/callpop
if [ "$startup_cache_training" = true ]; then
  echo "Training the start-up cache (${startup_cache_opts[0]}): one start and stop..." >&2
  # shellcheck disable=SC2086
  "$JAVA" $JVM_OPTS "${startup_cache_opts[@]}" -Dquarkus.profile=local -Dquarkus.http.port="$PORT" \
      -Dquarkus.log.level=WARN -jar "$APP/quarkus-run.jar" > target/bench/training.log 2>&1 &
  training=$!
  await_ready "$training" target/bench/training.log
  kill -TERM "$training"; wait "$training" || true
  startup_cache "$JAVA" "$APP/quarkus-run.jar" target/bench/callpop
fi
start_cache=(${startup_cache_opts[@]+"${startup_cache_opts[@]}"})

# callpop alone first, so that its start-up is measured without the fake CRM starting beside it.
start_ns=$(date +%s%N)
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS ${start_cache[@]+"${start_cache[@]}"} -Dquarkus.profile=local -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN \
    "-Dcallpop.pipedrive.api-url=http://127.0.0.1:$FAKE_PORT/pipedrive/{hostname}" \
    -Dcallpop.crms.pipedrive.lookup-timeout=2s -jar "$APP/quarkus-run.jar" > target/bench/callpop.log 2>&1 &
app=$!
pids+=($app)
await_ready "$app" target/bench/callpop.log
startup_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

"$JAVA" -Xmx256m -jar "$WIREMOCK_JAR" --port "$FAKE_PORT" --bind-address 127.0.0.1 --root-dir target/bench/wiremock \
    --disable-banner --no-request-journal --async-response-enabled true --container-threads 64 > target/bench/wiremock.log 2>&1 &
pids+=($!)
fake_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$FAKE_PORT/__admin/mappings"; do
  kill -0 "$fake_pid" 2>/dev/null || { echo "the fake CRM did not start:" >&2; cat target/bench/wiremock.log >&2; exit 1; }
  sleep 0.1
done
sleep 2
rss_idle_kb=$(ps -o rss= -p "$app" | tr -d ' ')

# Peak RSS while the load runs.
( peak=0; while kill -0 "$app" 2>/dev/null; do
    rss=$(ps -o rss= -p "$app" | tr -d ' '); [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss && echo "$peak" > target/bench/rss-peak
    sleep 0.2; done ) &
pids+=($!)

TOKEN=$(dev/local-token.sh callpop)
export TOKEN
base="http://127.0.0.1:$PORT"
results=()

# The JIT compiles callpop's request path for a good half minute; every scenario below also warms itself up.
echo "JIT warm-up: $JIT_WARMUP of call-received..." >&2
BODY='{"hostname": "acme.pipedrive.com", "contact": {"id": "42"}}' \
  wrk -t1 -c"$CONNECTIONS" -d"$JIT_WARMUP" -s bench/post.lua "$base/api/v1/crms/pipedrive/call-received" > /dev/null

# crm_calls_ok EVENT: how many of callpop's Pipedrive calls for EVENT (call-received: look-ups; call-log-create:
# creates) the CRM answered (callpop_crm_call_seconds_count, outcome ok).
crm_calls_ok() {
  curl -sf "$base/q/metrics" | awk -v event="event=\"$1\"" '/^callpop_crm_call_seconds_count\{/ && /crm="pipedrive"/ && index($0, event) && /outcome="ok"/ { n += $2 } END { printf "%d", n }'
}

# run NAME URL [wrk args...]: a warm-up run (JIT), then the measured run; records req/s, p50 and p99.
# CONNS overrides the number of connections for one scenario. A scenario checks it measured what it claims:
# with EXPECT (bench/post.lua) every answer must contain that text (and have status EXPECT_STATUS, 200 unless set),
# and with CRM_CALLS=EVENT every answer must have come from a call for EVENT that Pipedrive answered (callpop's own
# count of them); else the row is void and the run fails.
void=()
run() {
  local name=$1 url=$2; shift 2
  local out
  local connections=${CONNS:-$CONNECTIONS}
  NUMBER_BASE=0 wrk -t1 -c"$connections" -d"$WARMUP" "$@" "$url" > /dev/null
  local calls_before
  [ -z "${CRM_CALLS:-}" ] || calls_before=$(crm_calls_ok "$CRM_CALLS")
  out=$(NUMBER_BASE=500000 wrk -t1 -c"$connections" -d"$DURATION" --latency "$@" "$url")
  local rps p50 p99 errors bad answered
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<< "$out")
  bad=$(awk '/^answers not as expected:/ {print $5}' <<< "$out")
  answered=$(awk '/^answers not as expected:/ {print $7}' <<< "$out")
  if [ -n "${EXPECT:-}" ] && [ "${bad:-1}" != 0 ]; then
    void+=("$name: ${bad:-?} of ${answered:-?} answers were not ${EXPECT_STATUS:-200} with $EXPECT")
  fi
  if [ -n "${CRM_CALLS:-}" ]; then
    local calls=$(( $(crm_calls_ok "$CRM_CALLS") - calls_before ))
    # Every answer is a call Pipedrive answered; the few requests wrk cuts off at the end (and, for writes, which
    # are never interrupted, the warm-up's last ones) may add calls, never remove them.
    [ "$calls" -ge "${answered:-0}" ] || void+=("$name: $answered answers, but Pipedrive answered only $calls $CRM_CALLS calls")
  fi
  results+=("$name|$rps|$p50|$p99|${errors:-0}")
}

run "health (ceiling, no auth)" "$base/q/health/live"
run "authenticated trivial GET" "$base/api/v1/crms/sample" -H "Authorization: Bearer $TOKEN"
BODY='{"contact": {"id": "42"}, "call": {"direction": "inbound", "phase": "ringing"}}' EXPECT='"url":"https://crm.example.com?contactId=42"' \
  run "call-received sample, known id" "$base/api/v1/crms/sample/call-received" -s bench/post.lua
BODY='{"hostname": "acme.pipedrive.com", "contact": {"id": "42"}}' EXPECT='"url":"https://acme.pipedrive.com/person/42"' \
  run "call-received pipedrive, known id" "$base/api/v1/crms/pipedrive/call-received" -s bench/post.lua
BODY='{"hostname": "cls21.bullhornstaffing.com", "contact": {"id": "42", "type": "Candidate"}}' EXPECT='Entity=Candidate&id=42' \
  run "call-received bullhorn, known id" "$base/api/v1/crms/bullhorn/call-received" -s bench/post.lua
run "fake CRM alone (+${DELAY_MS} ms)" "http://127.0.0.1:$FAKE_PORT/pipedrive/acme.pipedrive.com/api/v2/persons/search?term=x&fields=phone"
MATCH='"matches":[{"id":"42","name":"Ada Lovelace"}]'
BODY='{"hostname": "acme.pipedrive.com", "call": {"from": "NUMBER"}}' CRM_TOKEN=bench-user UNIQUE_NUMBERS=1 EXPECT=$MATCH CRM_CALLS=call-received \
  run "look-up, cache cold" "$base/api/v1/crms/pipedrive/call-received" -s bench/post.lua
BODY='{"hostname": "acme.pipedrive.com", "call": {"from": "NUMBER"}}' CRM_TOKEN=bench-user UNIQUE_NUMBERS=0 EXPECT=$MATCH \
  run "look-up, cache warm" "$base/api/v1/crms/pipedrive/call-received" -s bench/post.lua
# The same cache hit from a single connection: the service time, without 16 requests queueing for 2 cores.
BODY='{"hostname": "acme.pipedrive.com", "call": {"from": "NUMBER"}}' CRM_TOKEN=bench-user UNIQUE_NUMBERS=0 CONNS=1 EXPECT=$MATCH \
  run "look-up, cache warm, 1 connection" "$base/api/v1/crms/pipedrive/call-received" -s bench/post.lua
# A call log written into Pipedrive, a new session every time: two calls of the fake CRM each (the person, then the
# activity; the call type is fetched once and kept). 4 connections, callpop's default max-concurrent-writes: more
# would wait in the write lane's queue, and the figure would be that queue, not callpop's own time.
log_row=${#results[@]}
BODY='{"sessionId": "SESSION", "hostname": "acme.pipedrive.com", "contact": {"id": "42"}, "note": "Wants a call back on Friday."}' \
  CRM_TOKEN=bench-user UNIQUE_SESSIONS=1 CONNS=4 EXPECT='"outcome":"created"' EXPECT_STATUS=201 CRM_CALLS=call-log-create \
  run "call-log create, Pipedrive" "$base/api/v1/crms/pipedrive/call-logs" -s bench/post.lua

# The ceiling again: every ratio is to the mean of the first and last ceiling, so that the machine's drift
# during the run (it is shared) counts against no scenario in particular.
run "health (ceiling, again)" "$base/q/health/live"

rss_load_kb=$(cat target/bench/rss-peak 2>/dev/null || echo 0)
# overhead LATENCY FAKE N: wrk's LATENCY less N times the fake CRM's FAKE, in ms.
overhead() {
  awk -v a="$1" -v b="$2" -v n="$3" 'function ms(x) { if (x ~ /us$/) return x / 1000; if (x ~ /ms$/) return x + 0; return x * 1000 } BEGIN { printf "%.2f ms", ms(a) - n * ms(b) }'
}
ceiling=$(awk -v a="$(cut -d'|' -f2 <<< "${results[0]}")" -v b="$(cut -d'|' -f2 <<< "${results[${#results[@]}-1]}")" 'BEGIN { print (a + b) / 2 }')

{
  echo "callpop benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); JDK: $("$JAVA" -version 2>&1 | head -1)"
  echo "load: wrk -t1 -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up per scenario ($JIT_WARMUP JIT warm-up first), on loopback, sharing the cores with callpop and the fake CRM"
  echo "JVM: $JVM_OPTS ${start_cache[*]:-(no start-up cache on this JDK)}"
  echo
  echo "ceiling: the mean of the first and last health rows, $ceiling req/s"
  printf '%-40s %10s %10s %10s %9s %7s\n' "request" "req/s" "p50" "p99" "ceiling" "non-2xx"
  for row in "${results[@]}"; do
    IFS='|' read -r name rps p50 p99 errors <<< "$row"
    ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    printf '%-40s %10s %10s %10s %9s %7s\n' "$name" "$rps" "$p50" "$p99" "$ratio" "$errors"
  done
  echo
  fake_p50=$(cut -d'|' -f3 <<< "${results[5]}")
  fake_p99=$(cut -d'|' -f4 <<< "${results[5]}")
  cold_p50=$(cut -d'|' -f3 <<< "${results[6]}")
  log_p50=$(cut -d'|' -f3 <<< "${results[$log_row]}")
  log_p99=$(cut -d'|' -f4 <<< "${results[$log_row]}")
  if [ ${#void[@]} -gt 0 ]; then
    echo "VOID — these scenarios measured something other than what they claim, so their figures mean nothing:"
    printf '  %s\n' "${void[@]}"
  fi
  if printf '%s\n' ${void[@]+"${void[@]}"} | grep -q '^look-up, cache cold:'; then
    echo "look-up overhead over the fake CRM (p50): void (the cold look-ups were not all answered by the fake CRM)"
  else
    echo "look-up overhead over the fake CRM (p50): $(overhead "$cold_p50" "$fake_p50" 1)"
  fi
  if printf '%s\n' ${void[@]+"${void[@]}"} | grep -q '^call-log create, Pipedrive:'; then
    echo "call-log overhead over the fake CRM: void (the creates were not all written into the fake CRM)"
  else
    # Two calls of the fake per create. Percentiles do not subtract: the p99 line is a rough sign, not the overhead's p99.
    echo "call-log overhead over the fake CRM (create − 2 × fake): p50 $(overhead "$log_p50" "$fake_p50" 2), p99 $(overhead "$log_p99" "$fake_p99" 2)"
  fi
  echo "start-up to first answered request: ${startup_ms} ms"
  echo "RSS idle: $((rss_idle_kb / 1024)) MiB; RSS peak under load: $((rss_load_kb / 1024)) MiB"
} | tee bench/results/latest.txt
[ ${#void[@]} -eq 0 ] || { echo "bench/run.sh failed: ${#void[@]} scenario(s) void" >&2; exit 1; }
