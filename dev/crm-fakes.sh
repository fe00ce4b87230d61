# Sourced by bench/faults.sh and dev/train-aot-cache.sh: fake Pipedrive (API and OAuth server) and Bullhorn (REST
# API) in one WireMock standalone, answering until an outage is put in front of the answers.
#
#   crm_fakes_jar                            prints the WireMock jar's path under target/bench, fetching it with
#                                            Maven (./mvnw dependency:copy) if it is not there
#   crm_fakes_start JAVA JAR ROOT PORT [WIREMOCK OPTION...]
#                                            writes the answering mappings under ROOT, starts WireMock on
#                                            127.0.0.1:PORT (log ROOT/wiremock.log), waits for its admin API; sets
#                                            crm_fakes_pid and crm_fakes_url
#   crm_fakes_outage begin|end               Pipedrive's API and OAuth server start or stop hanging (60 s),
#                                            Bullhorn's search trickling its answer (20 s)
#   crm_fakes_call_logs DELAY_MS             Pipedrive writes call logs: the call type, the person (no organization), and
#                                            activity creates answered after DELAY_MS (0: at once)
#   crm_fakes_callpop_options PORT           sets crm_fakes_callpop_opts (an array): callpop's settings that send
#                                            Pipedrive and Bullhorn to the fakes on PORT
#
# A Pipedrive look-up names the host acme.pipedrive.com and a CRM token; a Bullhorn look-up also sends the REST URL
# $crm_fakes_url/bullhorn/rest-services/corp1/ (X-CRM-Api-Url), which the pattern below admits.

CRM_FAKES_WIREMOCK_VERSION=3.13.2
crm_fakes_outage_ids=(6d1f0a10-0000-4000-8000-000000000001 6d1f0a10-0000-4000-8000-000000000002 6d1f0a10-0000-4000-8000-000000000003)

crm_fakes_jar() {
  local jar=target/bench/wiremock-standalone-$CRM_FAKES_WIREMOCK_VERSION.jar
  [ -f "$jar" ] || ./mvnw -q -N dependency:copy -Dartifact=org.wiremock:wiremock-standalone:$CRM_FAKES_WIREMOCK_VERSION \
      -DoutputDirectory="$PWD/target/bench" -Dmdep.stripVersion=false >&2
  echo "$jar"
}

crm_fakes_start() {
  local java=$1 jar=$2 root=$3 port=$4; shift 4
  mkdir -p "$root/mappings"
  rm -f "$root"/mappings/*.json
  # The CRMs answering: a Pipedrive person, no Bullhorn match, revocations accepted.
  cat > "$root/mappings/healthy.json" <<JSON
{ "mappings": [
  { "priority": 5, "request": { "method": "GET", "urlPathPattern": "/pipedrive/.*" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" },
      "body": "{\"success\": true, \"data\": {\"items\": [{\"item\": {\"id\": 7, \"name\": \"Ada Caller\"}}]}}" } },
  { "priority": 5, "request": { "method": "POST", "urlPathPattern": "/pipedrive-oauth/.*" }, "response": { "status": 200 } },
  { "priority": 5, "request": { "method": "POST", "urlPathPattern": "/bullhorn/.*" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" },
      "body": "{\"total\": 0, \"start\": 0, \"count\": 0, \"data\": []}" } } ] }
JSON
  "$java" -Xmx512m -jar "$jar" --port "$port" --bind-address 127.0.0.1 --root-dir "$root" \
      --disable-banner --no-request-journal --async-response-enabled true "$@" > "$root/wiremock.log" 2>&1 &
  crm_fakes_pid=$!
  crm_fakes_url="http://127.0.0.1:$port"
  until curl -sf -o /dev/null "$crm_fakes_url/__admin/mappings"; do
    kill -0 "$crm_fakes_pid" 2>/dev/null || { echo "the fake CRM did not start:" >&2; cat "$root/wiremock.log" >&2; return 1; }
    sleep 0.1
  done
}

# The outage, put in front of the answers (priority 1) when it begins and taken away when it ends.
crm_fakes_outage() {
  local ids=("${crm_fakes_outage_ids[@]}") id
  if [ "$1" = begin ]; then
    curl -sf -o /dev/null -X POST "$crm_fakes_url/__admin/mappings/import" -d '{ "mappings": [
  { "id": "'"${ids[0]}"'", "priority": 1, "request": { "urlPathPattern": "/pipedrive/.*" },
    "response": { "status": 200, "fixedDelayMilliseconds": 60000 } },
  { "id": "'"${ids[1]}"'", "priority": 1, "request": { "urlPathPattern": "/pipedrive-oauth/.*" },
    "response": { "status": 200, "fixedDelayMilliseconds": 60000 } },
  { "id": "'"${ids[2]}"'", "priority": 1, "request": { "method": "POST", "urlPathPattern": "/bullhorn/.*" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" },
      "body": "{\"total\": 0, \"start\": 0, \"count\": 0, \"data\": []}                                                  ",
      "chunkedDribbleDelay": { "numberOfChunks": 20, "totalDuration": 20000 } } } ] }'
  else
    for id in "${ids[@]}"; do curl -sf -o /dev/null -X DELETE "$crm_fakes_url/__admin/mappings/$id"; done
  fi
}

# Pipedrive's call-log API, put in front of the look-up answers (priority 3); called again, it replaces its mappings.
crm_fakes_call_logs() {
  curl -sf -o /dev/null -X POST "$crm_fakes_url/__admin/mappings/import" -d '{ "importOptions": { "duplicatePolicy": "OVERWRITE", "deleteAllNotInImport": false }, "mappings": [
  { "id": "6d1f0a10-0000-4000-8000-000000000011", "priority": 3, "request": { "method": "GET", "urlPathPattern": "/pipedrive/[^/]+/v1/activityTypes" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" },
      "body": "{\"success\": true, \"data\": [{\"id\": 2, \"name\": \"Call\", \"key_string\": \"call\", \"active_flag\": true}]}" } },
  { "id": "6d1f0a10-0000-4000-8000-000000000012", "priority": 3, "request": { "method": "GET", "urlPathPattern": "/pipedrive/[^/]+/api/v2/persons/[0-9]+" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" },
      "body": "{\"success\": true, \"data\": {\"id\": 7, \"name\": \"Ada Caller\", \"org_id\": null}}" } },
  { "id": "6d1f0a10-0000-4000-8000-000000000013", "priority": 3, "request": { "method": "POST", "urlPathPattern": "/pipedrive/[^/]+/api/v2/activities" },
    "response": { "status": 200, "headers": { "Content-Type": "application/json" }, "fixedDelayMilliseconds": '"$1"',
      "body": "{\"success\": true, \"data\": {\"id\": 901}}" } } ] }'
}

crm_fakes_callpop_options() {
  local url="http://127.0.0.1:$1"
  crm_fakes_callpop_opts=("-Dcallpop.pipedrive.api-url=$url/pipedrive/{hostname}" "-Dquarkus.rest-client.pipedrive-oauth.url=$url/pipedrive-oauth"
      -Dcallpop.pipedrive.client-id=bench-client -Dcallpop.pipedrive.client-secret=bench-secret
      "-Dcallpop.bullhorn.rest-url-pattern=http://127[.]0[.]0[.]1:$1/bullhorn/rest-services/[A-Za-z0-9]+/")
}
