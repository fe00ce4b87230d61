#!/usr/bin/env bash
# Posts a telephony platform's call event to a running callpop, as a platform's webhook does, for the local profile's
# source local-phone (the sample CRM; its API key is the published one in application.properties: NOT FOR PRODUCTION).
# Open the demo (http://localhost:8080/demo/), paste a token from dev/local-token.sh, press "Listen for server
# events", then:
#
#   dev/post-event.sh ringing                       a call from +14155550100 rings for developer@example.com: pops Ada Lovelace
#   dev/post-event.sh ended                         the same call ended: callpop logs it in the sample CRM
#   dev/post-event.sh ringing +14155550123          two contacts have this number: the demo lets you choose
#   dev/post-event.sh ringing +14155550100 ada@example.com    for another agent (the token's email claim)
#
# A ringing event starts a call (its session id is kept in ${TMPDIR:-/tmp}/callpop-dev-call); answered and ended
# events are for that call, and ended forgets it. Settings: CALLPOP_URL (http://localhost:8080),
# CALLPOP_TELEPHONY_SOURCE (local-phone), CALLPOP_TELEPHONY_KEY (the local profile's key), CALLPOP_CALL_NOTES,
# CALLPOP_CALL_RESULT (answered). Needs bash and curl; prints callpop's answer.
set -euo pipefail
kind=${1:-}
phone=${2:-+14155550100}
agent=${3:-developer@example.com}
case "$kind" in
  ringing|answered|ended) ;;
  *) echo "usage: $0 ringing|answered|ended [phone] [agent]" >&2; exit 2 ;;
esac
url=${CALLPOP_URL:-http://localhost:8080}
source=${CALLPOP_TELEPHONY_SOURCE:-local-phone}
key=${CALLPOP_TELEPHONY_KEY:-local-telephony-key-Q2hx8sVd1mKp0RzT7wYbN4eLc9fJ}
call_file=${TMPDIR:-/tmp}/callpop-dev-call
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if [ "$kind" = ringing ] || [ ! -s "$call_file" ]; then
  printf 'dev-%s-%s %s\n' "$(date +%s)" "$RANDOM" "$now" > "$call_file"
fi
read -r session started < "$call_file"
json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
body="{\"eventId\":\"$session-$kind\",\"kind\":\"$kind\",\"agent\":\"$(json "$agent")\",\"phone\":\"$(json "$phone")\""
body="$body,\"direction\":\"inbound\",\"sessionId\":\"$session\",\"startedAt\":\"$started\""
if [ "$kind" = ended ]; then
  body="$body,\"endedAt\":\"$now\",\"result\":\"${CALLPOP_CALL_RESULT:-answered}\",\"notes\":\"$(json "${CALLPOP_CALL_NOTES:-Posted by dev/post-event.sh.}")\""
  rm -f "$call_file"
fi
curl -sS -w '\n' "$url/api/v1/telephony/$source/events" -H "x-api-key: $key" -H 'content-type: application/json' -d "$body}"
