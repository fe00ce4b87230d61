# Sourced by dev/run.sh and bench/run.sh: the JVM options for the fastest start the JDK offers.
#
#   startup_cache JAVA JAR CACHE      sets startup_cache_opts (an array) and startup_cache_training (true/false)
#
# JDK 25 or newer: Leyden's AOT cache (CACHE.aot). JDK 13 to 24: a dynamic AppCDS archive (CACHE.jsa). Either is
# recorded by a first run when the JVM exits (training) and used by every later run, until JAR changes.
# Quarkus's aot-jar packaging (application.properties) lets both cover callpop's own classes.
startup_cache() {
  local java=$1 jar=$2 cache=$3 major
  major=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  major=${major%%.*}
  startup_cache_opts=()
  startup_cache_training=false
  if [ "$major" -ge 25 ]; then
    if [ "$cache.aot" -nt "$jar" ]; then
      startup_cache_opts=(-XX:AOTCache="$cache.aot")
    else
      startup_cache_opts=(-XX:AOTCacheOutput="$cache.aot")
      startup_cache_training=true
    fi
  elif [ "$major" -ge 13 ]; then
    if [ "$cache.jsa" -nt "$jar" ]; then
      startup_cache_opts=(-XX:SharedArchiveFile="$cache.jsa")
    else
      # The JDK warns about every class it cannot archive (generated accessors, unlinked classes): harmless.
      startup_cache_opts=(-XX:ArchiveClassesAtExit="$cache.jsa" -Xlog:cds=error -Xlog:cds+dynamic=error)
      startup_cache_training=true
    fi
  fi
}
