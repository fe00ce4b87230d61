# Sourced by bench/faults.sh and bench/slow-writes.sh: callpop started on loopback, and named wrk loads (bench/faults.lua)
# run at once, each from its own wrk, paced like agents' clients.
#
#   bench_callpop_start JAVA PORT LOG OPTION...   starts callpop's packaged jar (target/quarkus-app) on 127.0.0.1:PORT with
#                                                 these JVM options and settings, logging to LOG; waits until it is ready;
#                                                 sets bench_callpop_pid
#   add NAME URL BODY CONNECTIONS [ENV]           declares a load: POSTs BODY to URL on CONNECTIONS connections, with the
#                                                 settings ENV of bench/faults.lua (DELAY_MS, UNIQUE_NUMBERS, CRM_TOKEN, …)
#   load PHASE AREA DURATION NAME...              runs the named loads at once for DURATION, new numbers (and session ids)
#                                                 in area code AREA; each load's result in $dir/PHASE-NAME.txt
#   field FILE NAME, statuses FILE                a figure of a result (requests, p50, p99, max in ms, socket_errors), and
#                                                 its answers by status ("200=1234 503=5")
# The caller sets dir (where results go) and exports TOKEN (callpop's bearer token) before load.

declare -A urls bodies conns extra

bench_callpop_start() {
  local java=$1 port=$2 log=$3; shift 3
  "$java" "$@" -Dquarkus.profile=local -Dquarkus.http.port="$port" -jar target/quarkus-app/quarkus-run.jar > "$log" 2>&1 &
  bench_callpop_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$bench_callpop_pid" 2>/dev/null || { echo "callpop did not start:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
}

add() { urls[$1]=$2; bodies[$1]=$3; conns[$1]=$4; extra[$1]=${5:-}; }

load() {
  local phase=$1 area=$2 duration=$3; shift 3
  local waits=()
  for name in "$@"; do
    # shellcheck disable=SC2086
    env BODY="${bodies[$name]}" NUMBER_AREA="$area" ${extra[$name]} wrk -t1 -c"${conns[$name]}" -d"$duration" --timeout 30s -s bench/faults.lua \
        "${urls[$name]}" > "$dir/$phase-$name.txt" 2>&1 &
    waits+=($!)
  done
  wait "${waits[@]}"
}

field() { grep -o "$2=[0-9.]*" "$1" | head -1 | cut -d= -f2; }
statuses() { grep -o 'status_[0-9]*=[0-9]*' "$1" | sed 's/status_//' | sort | tr '\n' ' '; }
