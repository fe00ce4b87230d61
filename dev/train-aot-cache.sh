#!/usr/bin/env bash
# Records callpop's start-up cache from a training run that includes a CRM outage, so that a replica started
# from it has the code of time-outs, a full lane, open breakers, fallbacks and logouts without their revocation
# loaded, linked and (JDK 25) profiled before its first outage. Dockerfile.jvm runs it while the image is built;
# run it locally the same way:
#
#   JAVA=/path/to/jdk25/bin/java dev/train-aot-cache.sh APP CACHE [JVM OPTION...]
#   e.g. dev/train-aot-cache.sh target/quarkus-app target/quarkus-app/app.aot -Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m
#
# APP is the packaged application (APP/quarkus-run.jar), at the path it will run from: the cache is tied to it.
# CACHE is an AOT cache (BASE.aot) on JDK 25 or newer, an AppCDS archive (BASE.jsa) on JDK 13 to 24, as
# dev/startup-cache.sh picks. The JVM options are those callpop will run with (any -XX:AOTCache or -XX:AOTMode
# among them is left out here). callpop starts in the local profile with Pipedrive and Bullhorn sent to fakes
# (dev/crm-fakes.sh, WireMock standalone) and gets a batch of requests every quarter of a second (curl --parallel,
# each batch on new connections, every look-up for a new number): 10 sample look-ups, 10 known-contact pops,
# 2 readiness checks, 38 Pipedrive look-ups, 10 Bullhorn look-ups and 10 Pipedrive logouts, in three phases:
#   answering  TRAIN_ANSWERING (10) s: sample look-ups, known-contact pops, readiness checks, Pipedrive and
#              Bullhorn look-ups, Pipedrive logouts (revocations), every CRM answering
#   outage     TRAIN_OUTAGE (25) s: the same with Pipedrive's API and OAuth server hanging and Bullhorn trickling:
#              time-outs at the deadline, a full lane, breakers opening and half-opening (after their 10 s)
#   recovery   TRAIN_RECOVERY (12) s: every CRM answering again, the breakers closing
# then stops callpop (SIGTERM), and the JVM writes CACHE as it exits. TRAIN_START_ONLY=1 sends no traffic: the
# cache of a start alone, for comparison. Fails unless CACHE is written and some requests were answered 200.
#
# Needs bash, curl and openssl (dev/local-token.sh). The fake CRM is WIREMOCK_JAR, else the one bench/ uses
# (target/bench, fetched with Maven when missing). Ports: TRAIN_PORT (18280), TRAIN_FAKE_PORT (18289).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '7,8p' "$0" >&2; exit 2; }
app=$1 cache=$2; shift 2
JAVA=${JAVA:-java}
PORT=${TRAIN_PORT:-18280}
FAKE_PORT=${TRAIN_FAKE_PORT:-18289}

jvm_opts=()
for opt in "$@"; do
  case $opt in -XX:AOTCache=*|-XX:AOTMode=*|-XX:SharedArchiveFile=*) ;; *) jvm_opts+=("$opt") ;; esac
done
# shellcheck source=dev/startup-cache.sh
. "$here/startup-cache.sh"
# shellcheck source=dev/crm-fakes.sh
. "$here/crm-fakes.sh"
rm -f "$cache"
startup_cache "$JAVA" "$app/quarkus-run.jar" "${cache%.*}"
case ${startup_cache_opts[0]:-} in
  *=$cache) ;;
  *) echo "cannot record $cache with $JAVA: it takes BASE.aot on JDK 25 or newer, BASE.jsa on JDK 13 to 24" \
         "(dev/startup-cache.sh chose ${startup_cache_opts[0]:-nothing})" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/callpop-training.XXXXXX")
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

wiremock_jar=${WIREMOCK_JAR:-$(cd "$here/.." && echo "$PWD/$(crm_fakes_jar)")}
crm_fakes_start "$JAVA" "$wiremock_jar" "$work/fakes" "$FAKE_PORT" --async-response-threads 32 --container-threads 400
pids+=("$crm_fakes_pid")
crm_fakes_callpop_options "$FAKE_PORT"

echo "Training $cache: callpop with ${jvm_opts[*]} ${startup_cache_opts[*]}" >&2
"$JAVA" ${jvm_opts[@]+"${jvm_opts[@]}"} "${startup_cache_opts[@]}" -Dquarkus.profile=local -Dquarkus.http.port="$PORT" \
    "${crm_fakes_callpop_opts[@]}" -jar "$app/quarkus-run.jar" > "$work/callpop.log" 2>&1 &
callpop=$!
pids+=("$callpop")
base="http://127.0.0.1:$PORT"
until curl -sf -o /dev/null "$base/q/health/ready"; do
  kill -0 "$callpop" 2>/dev/null || { echo "callpop did not start:" >&2; cat "$work/callpop.log" >&2; exit 1; }
  sleep 0.2
done

token=$("$here/local-token.sh" callpop)
counter=0
# request PATH BODY [HEADER...]: one block of a curl config (a POST of BODY, or a GET without one)
request() {
  local path=$1 body=$2 header; shift 2
  printf 'url = "%s%s"\nheader = "Authorization: Bearer %s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$base" "$path" "$token"
  for header in "$@"; do printf 'header = "%s"\n' "$header"; done
  [ -z "$body" ] || printf 'header = "Content-Type: application/json"\ndata = %s\n' "$body"
  printf 'next\n'
}
# number AREA: sets number to one not asked for before (no look-up answered from callpop's cache)
number() { counter=$((counter + 1)); printf -v number '+1%s2%06d' "$1" "$counter"; }
# batch AREA: a quarter of a second's requests, at once; answers' statuses to $work/statuses
batch() {
  local area=$1 i number config=$work/batch-$1-$SECONDS-$RANDOM.curl
  {
    for i in $(seq 10); do number "$area"; request /api/v1/crms/sample/call-received "{\"call\":{\"from\":\"$number\"}}"; done
    for i in $(seq 10); do request /api/v1/crms/pipedrive/call-received '{"hostname":"acme.pipedrive.com","contact":{"id":"42"}}'; done
    for i in 1 2; do request /q/health/ready ''; done
    for i in $(seq 38); do
      number "$area"
      request /api/v1/crms/pipedrive/call-received "{\"hostname\":\"acme.pipedrive.com\",\"call\":{\"from\":\"$number\"}}" \
          "X-CRM-Token: pd-training"
    done
    for i in $(seq 10); do
      number "$area"
      request /api/v1/crms/bullhorn/call-received "{\"hostname\":\"cls21.bullhornstaffing.com\",\"call\":{\"from\":\"$number\"}}" \
          "X-CRM-Token: bh-training" "X-CRM-Api-Url: $crm_fakes_url/bullhorn/rest-services/corp1/"
    done
    for i in $(seq 10); do
      request /api/v1/crms/pipedrive/logout '{"hostname":"acme.pipedrive.com","tokens":{"accessToken":"a","refreshToken":"r"}}'
    done
  } > "$config"
  sed -i '$d' "$config"   # no "next" after the last request
  curl -s -Z --parallel-max 100 --max-time 30 -K "$config" >> "$work/statuses" 2>/dev/null &
}
# phase NAME SECONDS AREA: a batch every quarter of a second
phase() {
  local end=$((SECONDS + $2)) batches=()
  echo "  $1: $2 s" >&2
  while [ "$SECONDS" -lt "$end" ]; do
    batch "$3"
    batches+=("$!")
    sleep 0.25
  done
  [ ${#batches[@]} -eq 0 ] || wait "${batches[@]}" || true
}

if [ "${TRAIN_START_ONLY:-0}" != 1 ]; then
  phase "answering" "${TRAIN_ANSWERING:-10}" 312
  crm_fakes_outage begin
  phase "outage (Pipedrive hanging, Bullhorn trickling)" "${TRAIN_OUTAGE:-25}" 313
  crm_fakes_outage end
  phase "recovery" "${TRAIN_RECOVERY:-12}" 314
  echo "  answers by status: $(sort "$work/statuses" | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')" >&2
  echo "  callpop's circuit breakers: $(grep -o "Circuit breaker of CRM '[a-z]*' is now [A-Z_]*" "$work/callpop.log" |
      sed "s/Circuit breaker of CRM //; s/ is now / /" | awk '{n[$1" "$2]++} END {for (k in n) printf "%s x%d; ", k, n[k]}')" >&2
  grep -qx 200 "$work/statuses" || { echo "no request was answered 200:" >&2; tail -50 "$work/callpop.log" >&2; exit 1; }
fi

kill -TERM "$callpop"
for _ in $(seq 900); do kill -0 "$callpop" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$callpop" 2>/dev/null; then
  echo "callpop did not stop within 180 s:" >&2; tail -50 "$work/callpop.log" >&2; exit 1
fi
wait "$callpop" || true
[ -s "$cache" ] || { echo "no cache written:" >&2; tail -50 "$work/callpop.log" >&2; exit 1; }
echo "Wrote $cache ($(du -h "$cache" | cut -f1))" >&2
