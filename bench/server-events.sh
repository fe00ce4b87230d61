#!/usr/bin/env bash
# callpop's server-side call events, measured in one run on loopback (bench/server_events.py does the clients):
#
#   bench/server-events.sh            (JAVA=/path/to/java to pick the JDK)
#
# 1. one replica, events kept in its memory: webhook-to-push latency (p50/p99), 500 events/s (a tenth of them
#    ended calls, logged in the sample CRM) with every event kept and pushed, 2,000 open streams with the RSS;
# 2. two replicas sharing a redis-server: the latency from an event posted to one to the pop on the other's stream;
# 3. faults: two replicas and Redis (with its append-only file), events posted to both while Redis is restarted and
#    then one replica killed (its agents' clients reconnect to the other): events in, pushes out, logs written,
#    duplicates (must be 0).
# The replicas run with the container image's JVM settings. Needs python3, redis-server, redis-cli, curl, openssl.
# Writes bench/results/server-events.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-java}
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m}
PORT_A=${BENCH_PORT:-18080}
PORT_B=$((PORT_A + 1))
REDIS_PORT=${BENCH_REDIS_PORT:-18379}
KEY=bench-telephony-key-5d0c3f
# Which parts run: one (one replica), two (two replicas sharing Redis), faults.
STAGES=${BENCH_STAGES:-one,two,faults}
stage() { [[ ",$STAGES," == *",$1,"* ]]; }
APP=target/quarkus-app/quarkus-run.jar
[ -f "$APP" ] || ./mvnw -q package -DskipTests
mkdir -p target/bench/server-events bench/results
work=target/bench/server-events
out=bench/results/server-events.txt

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  wait 2>/dev/null || true
}

# start_replica PORT LOG [options...]: callpop with a telephony source "bench" for the sample CRM; prints its pid.
start_replica() {
  local port=$1 log=$2; shift 2
  # shellcheck disable=SC2086
  "$JAVA" $JVM_OPTS -Dquarkus.profile=local -Dquarkus.http.port="$port" -Dquarkus.log.level=WARN \
      -Dcallpop.telephony.sources.bench.crm=sample -Dcallpop.telephony.sources.bench.api-keys=$KEY "$@" -jar "$APP" > "$log" 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "callpop did not start:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$pid"
}

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly yes --dir "$PWD/$work" --daemonize yes \
      --logfile "$PWD/$work/redis.log" >/dev/null
  until [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; do sleep 0.05; done
}

post() { echo "http://127.0.0.1:$1/api/v1/telephony/bench/events"; }
stream() { echo "http://127.0.0.1:$1/api/v1/crms/sample/agent-events"; }
client() { python3 bench/server_events.py "$@"; }

{
  trap cleanup EXIT
  echo "# bench/server-events.sh, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JVM $JVM_OPTS"

  if stage one; then
  echo "## one replica, in memory"
  a=$(start_replica "$PORT_A" "$work/one.log"); pids+=("$a")
  client latency --post "$(post "$PORT_A")" --stream "$(stream "$PORT_A")" --agents 50 --events 1000 --rate 50
  client load --post "$(post "$PORT_A")" --stream "$(stream "$PORT_A")" --agents 200 --rate 500 --seconds 10
  client streams --post "$(post "$PORT_A")" --stream "$(stream "$PORT_A")" --count 2000 --rate 200 --pid "$a"
  kill "$a"; wait "$a" 2>/dev/null || true
  fi

  if stage two || stage faults; then
  echo "## two replicas sharing Redis: posted to one, popped on the other's stream"
  rm -f "$work/appendonly.aof"; rm -rf "$work/appendonlydir"
  start_redis
  redis_opts=(-Dcallpop.call-logs.redis-url="redis://127.0.0.1:$REDIS_PORT" -Dcallpop.telephony.log-lease=10s -Dcallpop.telephony.log-retry=1s)
  a=$(start_replica "$PORT_A" "$work/a.log" "${redis_opts[@]}"); pids+=("$a")
  b=$(start_replica "$PORT_B" "$work/b.log" "${redis_opts[@]}"); pids+=("$b")
  if stage two; then
  client latency --post "$(post "$PORT_A")" --stream "$(stream "$PORT_B")" --agents 50 --events 1000 --rate 50
  client load --post "$(post "$PORT_A"),$(post "$PORT_B")" --stream "$(stream "$PORT_B")" --agents 200 --rate 500 --seconds 10
  fi

  if stage faults; then
  echo "## faults: Redis restarted at ~8 s, replica B killed at ~16 s, events posted to both at 100/s for 30 s"
  rm -f "$work/ready"
  client faults --post "$(post "$PORT_A"),$(post "$PORT_B")" --stream "$(stream "$PORT_A"),$(stream "$PORT_B")" --agents 100 \
      --rate 100 --seconds 30 --settle 40 --ready-file "$work/ready" &
  faults=$!
  until [ -f "$work/ready" ]; do sleep 0.1; done
  sleep 8
  echo "redis restart: $(date -u +%T)" >&2
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  sleep 2
  start_redis
  sleep 6
  echo "replica B killed: $(date -u +%T)" >&2
  kill -9 "$b"
  wait "$faults"
  echo "# replica A's RSS at the end: $(( $(ps -o rss= -p "$a" | tr -d ' ') / 1024 )) MiB"
  fi
  fi
} | tee "$out"
