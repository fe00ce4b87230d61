#!/usr/bin/env bash
# Mints a bearer token for callpop's LOCAL profile (-Dquarkus.profile=local), signed with the key beside
# this script. That key is public, in this repository: a token from it proves nothing, so the local
# profile must never be used in production, and callpop refuses to start in the prod profile with it.
#
#   dev/local-token.sh                          roles callpop and callpop-admin, no tenant restriction
#   dev/local-token.sh callpop                  only the client role
#   dev/local-token.sh callpop acme.pipedrive.com,cls21.bullhornstaffing.com
#                                               restricted to those CRM hosts (the crm_hosts claim)
#
# The token's email claim (CALLPOP_TOKEN_EMAIL, default developer@example.com) names the telephony platform's agent
# (callpop.telephony.agent-claim): the demo's "server events" mode gets the events dev/post-event.sh posts for it.
#
# Needs bash and openssl. Prints the token on standard output.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
roles=${1:-callpop,callpop-admin}
hosts=${2:-}
lifetime=${CALLPOP_TOKEN_LIFETIME_SECONDS:-28800}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_list() { local IFS=,; local out="" item; for item in $1; do out="$out${out:+,}\"$item\""; done; printf '[%s]' "$out"; }

now=$(date +%s)
claims="\"iss\":\"https://callpop.local/dev\",\"aud\":\"callpop\",\"sub\":\"local-developer\""
claims="$claims,\"preferred_username\":\"local-developer\",\"groups\":$(json_list "$roles")"
claims="$claims,\"email\":\"${CALLPOP_TOKEN_EMAIL:-developer@example.com}\""
claims="$claims,\"iat\":$now,\"exp\":$((now + lifetime))"
if [ -n "$hosts" ]; then
  claims="$claims,\"crm_hosts\":$(json_list "$hosts")"
fi
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{%s}' "$claims" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$here/local-signing-key.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
