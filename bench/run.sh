#!/usr/bin/env bash
# The benchmark: throughput and latency of PATCH beside pgbench running the same transaction, cold starts
# (JDK 17, JDK 17 + AppCDS, JDK 25, JDK 25 + the AOT cache the build trains with the integration tests),
# memory and CPU per request. One machine, one run; it rebuilds the JAR first (about two minutes).
#
#   bench/run.sh [jdbc-url]        default jdbc:postgresql://127.0.0.1:5432/test (user postgres, trust auth)
#
# Environment: DURATION (seconds per load phase, default 20), IMAGES (default 1000), JAVA17, JAVA25.
# It works in a schema of its own (ims_bench), dropped and recreated each run. Needs wrk (installed with
# apt-get if missing), pgbench and psql (PostgreSQL client), openssl, curl.
set -euo pipefail
cd "$(dirname "$0")/.."

JDBC_URL=${1:-jdbc:postgresql://127.0.0.1:5432/test}
DURATION=${DURATION:-20}
IMAGES=${IMAGES:-1000}
JAVA17=${JAVA17:-$(command -v java)}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=${PORT:-18080}
SCHEMA=ims_bench
PROJECT=be0c0000000000000000000000000001
# The recommended settings (function.yaml). No MaxMetaspaceSize: it makes the AOT cache dump fail.
JVM_OPTS=(${JVM_OPTIONS:--Xms32m -Xmx64m -XX:ReservedCodeCacheSize=32m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError})

hostport=$(sed -E 's#jdbc:postgresql://([^/]+)/.*#\1#' <<<"$JDBC_URL")
PGHOST=${hostport%%:*}; PGPORT=${hostport##*:}; PGDATABASE=$(sed -E 's#.*/([^/?]+).*#\1#' <<<"$JDBC_URL")
export PGHOST PGPORT PGDATABASE PGUSER=${PGUSER:-postgres}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use: stop what listens there (or set PORT) and run again" >&2; exit 1
fi
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

# ---- build and database ------------------------------------------------------------------------------------
# The JAR with its JDK 25 AOT cache, trained by the @QuarkusIntegrationTest run (as for the JVM image).
log "building with the AOT cache (JDK 25, integration tests as training)"
JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA25")")") ./mvnw -B -q -ntp verify -DskipITs=false \
  -Dquarkus.package.jar.aot.enabled=true -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log"; exit 1; }
[ -f target/quarkus-app/app.aot ] || { echo "no AOT cache was written" >&2; exit 1; }
. bench/setup.sh
bench_setup "$JAVA17"
FIRST_ID=00000000-0000-4000-8000-000000000000

# ---- helpers ------------------------------------------------------------------------------------------------
start_app() { # java binary, extra options...; sets APP_PID
  local java=$1; shift
  "$java" "${JVM_OPTS[@]}" "$@" -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
  APP_PID=$!
}
stop_app() { kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
patch_once() {
  curl -s -o /dev/null -w '%{http_code}' -X PATCH "$URL/v2/cloudimages/$FIRST_ID" -H 'Content-Type: application/json' \
    -H "X-Auth-Token: $TOKEN" -d "[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"cold $RANDOM\"}]" || true
}
# Milliseconds from process start to the first ready probe and to the first 200 PATCH, into COLD.
# (Not in a subshell: APP_PID must reach stop_app.)
cold_start() {
  local t0 ready="" first="" now
  t0=$(date +%s%N)
  start_app "$@"
  while [ -z "$first" ]; do
    now=$(date +%s%N)
    if [ $(( (now - t0) / 1000000 )) -gt 60000 ]; then log "no answer in 60 s"; tail -20 "$work/app.log" >&2; exit 1; fi
    if [ -z "$ready" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/q/health/ready" || true)" = 200 ]; then
      ready=$(( ($(date +%s%N) - t0) / 1000000 ))
    fi
    if [ "$(patch_once)" = 200 ]; then first=$(( ($(date +%s%N) - t0) / 1000000 )); fi
    sleep 0.005
  done
  [ -n "$ready" ] || ready=$first
  COLD="$ready $first"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
training_load() { IMAGES=$IMAGES wrk -t2 -c4 -d8s -s bench/patch.lua "$URL" >/dev/null; }

# ---- cold starts ----------------------------------------------------------------------------------------------
log "training the AppCDS archive (JDK 17)"
start_app "$JAVA17" -XX:ArchiveClassesAtExit="$work/app-cds.jsa"
until [ "$(patch_once)" = 200 ]; do sleep 0.1; done; training_load; stop_app
declare -A READY FIRST
for variant in jdk17 jdk17-appcds jdk25 jdk25-aot; do
  case $variant in
    jdk17) cmd=("$JAVA17") ;;
    jdk17-appcds) cmd=("$JAVA17" -XX:SharedArchiveFile="$work/app-cds.jsa") ;;
    jdk25) cmd=("$JAVA25") ;;
    jdk25-aot) cmd=("$JAVA25" -XX:AOTCache=target/quarkus-app/app.aot) ;;
  esac
  : >"$work/ready.txt"; : >"$work/first.txt"
  for i in 1 2 3 4 5; do
    cold_start "${cmd[@]}"
    stop_app
    read -r r f <<<"$COLD"
    echo "$r" >>"$work/ready.txt"; echo "$f" >>"$work/first.txt"
  done
  READY[$variant]=$(median <"$work/ready.txt"); FIRST[$variant]=$(median <"$work/first.txt")
  log "$variant: ready ${READY[$variant]} ms, first PATCH ${FIRST[$variant]} ms (median of 5)"
done

# ---- memory and CPU on the recommended configuration (JDK 25 + AOT cache) -------------------------------------
start_app "$JAVA25" -XX:AOTCache=target/quarkus-app/app.aot
until [ "$(patch_once)" = 200 ]; do sleep 0.05; done
RSS_FIRST=$(rss_mb)
ticks0=$(cpu_ticks)
# At least 10 000 requests: 2 threads stop after 5 000 answers each (wrk still waits out -d).
IMAGES=$IMAGES MAX_PER_THREAD=5000 wrk -t2 -c4 -d30s -s bench/patch.lua "$URL" >"$work/fixed.txt"
ticks1=$(cpu_ticks)
FIXED_REQUESTS=$(awk '/requests in/ {print $1}' "$work/fixed.txt")
RSS_10K=$(rss_mb)
CLK=$(getconf CLK_TCK)
CPU_MS=$(awk -v t=$((ticks1 - ticks0)) -v n="$FIXED_REQUESTS" -v c="$CLK" 'BEGIN {printf "%.2f", t * 1000 / c / n}')
log "RSS ${RSS_FIRST} MB after the first request, ${RSS_10K} MB after $FIXED_REQUESTS more; ${CPU_MS} CPU ms per request"

# ---- throughput: the function beside pgbench, same transaction, same concurrency --------------------------------
declare -A RPS P50 P99 ERR TPS
wrk_phase() { # connections images label
  IMAGES=$2 wrk -t2 -c"$1" -d"${DURATION}s" --latency -s bench/patch.lua "$URL" >"$work/wrk-$3.txt"
  RPS[$3]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-$3.txt")
  P50[$3]=$(awk '$1 == "50%" {print $2}' "$work/wrk-$3.txt")
  P99[$3]=$(awk '$1 == "99%" {print $2}' "$work/wrk-$3.txt")
  local non2xx; non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$work/wrk-$3.txt"); ERR[$3]=${non2xx:-0}
  log "function $3: ${RPS[$3]} req/s, p50 ${P50[$3]}, p99 ${P99[$3]}, errors ${ERR[$3]}"
}
pgbench_phase() { # connections images label
  PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c "$1" -j 2 -T "$DURATION" -D images="$2" \
    -f bench/txn.sql >"$work/pgb-$3.txt" 2>&1
  TPS[$3]=$(awk '/^tps/ {printf "%.0f", $3}' "$work/pgb-$3.txt")
  log "pgbench $3: ${TPS[$3]} tps"
}
IMAGES=$IMAGES wrk -t2 -c4 -d5s -s bench/patch.lua "$URL" >/dev/null   # warm-up
for phase in "4 $IMAGES c4-spread" "16 $IMAGES c16-spread" "4 1 c4-one" "16 1 c16-one"; do
  set -- $phase
  wrk_phase "$1" "$2" "$3"
  pgbench_phase "$1" "$2" "$3"
done
stop_app

# ---- report ---------------------------------------------------------------------------------------------------
mkdir -p bench/results
out=bench/results/$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "# Benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r);"
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $("$JAVA17" -version 2>&1 | head -1); $("$JAVA25" -version 2>&1 | head -1);"
  echo "PostgreSQL $(psql -tAc 'show server_version') at $PGHOST:$PGPORT; JVM options: ${JVM_OPTS[*]}; ${DURATION}s per load phase."
  echo
  echo "| load | connections | images | function req/s | p50 | p99 | errors | pgbench tps | function / pgbench |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for label in c4-spread c16-spread c4-one c16-one; do
    c=${label#c}; c=${c%%-*}; imgs=$([ "${label#*-}" = one ] && echo 1 || echo "$IMAGES")
    ratio=$(awk -v a="${RPS[$label]}" -v b="${TPS[$label]}" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
    echo "| PATCH, alternating values | $c | $imgs | ${RPS[$label]} | ${P50[$label]} | ${P99[$label]} | ${ERR[$label]} | ${TPS[$label]} | $ratio |"
  done
  echo
  echo "| cold start (median of 5) | to ready probe | to first 200 PATCH |"
  echo "| --- | --- | --- |"
  for variant in jdk17 jdk17-appcds jdk25 jdk25-aot; do
    echo "| $variant | ${READY[$variant]} ms | ${FIRST[$variant]} ms |"
  done
  echo
  echo "| memory and CPU (jdk25-aot) | value |"
  echo "| --- | --- |"
  echo "| RSS after the first request | ${RSS_FIRST} MB |"
  echo "| RSS after $FIXED_REQUESTS more requests | ${RSS_10K} MB |"
  echo "| CPU per request | ${CPU_MS} ms |"
} | tee "$out"
log "written to $out"
