#!/usr/bin/env bash
# Start-up time of the packaged callpop to its first answered request, median of 5 starts.
#
#   bench/startup.sh [java options...]        (JAVA=/path/to/java to pick the JDK)
#
# The clock starts before the JVM does and stops when GET /q/health/ready first answers 200.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
PORT=${BENCH_PORT:-18080}
RUNS=${BENCH_RUNS:-5}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "port $PORT is already in use: stop what listens there, or set BENCH_PORT" >&2
  exit 1
fi
times=()
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  "$JAVA" "$@" -Dquarkus.profile=local -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN \
      -jar target/quarkus-app/quarkus-run.jar > /dev/null 2>&1 &
  app=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    kill -0 "$app" 2>/dev/null || { echo "callpop did not start" >&2; exit 1; }
    sleep 0.01
  done
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
  kill "$app"; wait "$app" 2>/dev/null || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "$("$JAVA" -version 2>&1 | head -1) $*: median $(sed -n "$(( (RUNS + 1) / 2 ))p" <<< "$sorted") ms (runs: ${times[*]} ms)"
