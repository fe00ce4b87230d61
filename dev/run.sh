#!/usr/bin/env bash
# Runs the packaged callpop in the local profile (NOT for production: see dev/README.md), with the fastest
# start the JDK offers (dev/startup-cache.sh): the first run records an AOT cache (JDK 25 or newer) or an
# AppCDS archive (JDK 17 to 24) when callpop stops (Ctrl-C), and later runs start from it. Extra arguments
# go to the JVM, so any setting is a -D option, for example
#   dev/run.sh -Dquarkus.http.port=9090                             (the local profile's addresses follow the port)
#   dev/run.sh -Dquarkus.http.cors.origins=http://localhost:3000    (a softphone page on another origin)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
APP=target/quarkus-app
[ -f "$APP/quarkus-run.jar" ] || { echo "Build first: ./mvnw package -DskipTests" >&2; exit 1; }
# shellcheck source=dev/startup-cache.sh
. dev/startup-cache.sh
startup_cache "$JAVA" "$APP/quarkus-run.jar" "$APP/app"
if [ "$startup_cache_training" = true ]; then
  echo "Recording a start-up cache (${startup_cache_opts[0]}); it is written when callpop stops, and later runs start faster." >&2
fi
exec "$JAVA" ${startup_cache_opts[@]+"${startup_cache_opts[@]}"} "$@" -Dquarkus.profile=local -jar "$APP/quarkus-run.jar"
