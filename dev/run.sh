#!/usr/bin/env bash
# Runs the packaged callpop in the local profile (NOT for production: see dev/README.md), with the fastest
# start the JDK offers. On JDK 25 or newer the first run records an AOT cache when callpop stops
# (Ctrl-C), and later runs start from it; older JDKs start plainly. Extra arguments go to the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
APP=target/quarkus-app
[ -f "$APP/quarkus-run.jar" ] || { echo "Build first: ./mvnw -f adapters/pom.xml package -DskipTests" >&2; exit 1; }
major=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
aot=()
if [ "${major%%.*}" -ge 25 ]; then
  if [ -f "$APP/app.aot" ] && [ "$APP/app.aot" -nt "$APP/quarkus-run.jar" ]; then
    aot=(-XX:AOTCache="$APP/app.aot")
  else
    echo "JDK $major: recording an AOT cache for faster starts; it is written when callpop stops." >&2
    aot=(-XX:AOTCacheOutput="$APP/app.aot")
  fi
fi
exec "$JAVA" ${aot[@]+"${aot[@]}"} "$@" -Dquarkus.profile=local -jar "$APP/quarkus-run.jar"
