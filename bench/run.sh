#!/usr/bin/env bash
# The benchmark: PATCH throughput and latency beside pgbench running the same transaction (token and AK/SK
# callers, change history on and off, C1-only and C2 JIT), cold starts against a floor (bench/floor: the least a
# Quarkus function of this shape can be), memory (RSS and private) and CPU per request. One machine, one run;
# compare only the figures of one run. It builds the JAR and the floor first (a few minutes).
#
#   bench/run.sh [jdbc-url]        default jdbc:postgresql://127.0.0.1:5432/test (user postgres, trust auth)
#
# Environment: DURATION (seconds per load phase, default 20), IMAGES (default 1000), JAVA17, JAVA25.
# It works in schemas of its own (ims_bench, ims_floor), dropped and recreated each run. Needs wrk (installed with
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
# The recommended settings (function.yaml): C1 only. No MaxMetaspaceSize: it makes the AOT cache dump fail.
COMMON_OPTS=(-Xms16m -Xmx64m -Xss512k -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)
C1_OPTS=("${COMMON_OPTS[@]}" -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m)
C2_OPTS=("${COMMON_OPTS[@]}" -XX:ReservedCodeCacheSize=64m)
export MALLOC_ARENA_MAX=2

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
JAVA25_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA25")")")

# ---- builds ---------------------------------------------------------------------------------------------------
# Both JARs with their JDK 25 AOT caches, each trained by its own @QuarkusIntegrationTest run.
log "building the function with the AOT cache (JDK 25, integration tests as training)"
JAVA_HOME=$JAVA25_HOME ./mvnw -B -q -ntp verify -DskipITs=false -Dquarkus.package.jar.aot.enabled=true \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
[ -f target/quarkus-app/app.aot ] || { echo "no AOT cache was written" >&2; exit 1; }
log "building the floor with the AOT cache"
psql -q -v ON_ERROR_STOP=1 -c "drop schema if exists ims_floor cascade; create schema ims_floor;
  create table ims_floor.floor_row (id bigint primary key, value text);
  insert into ims_floor.floor_row select n, 'start' from generate_series(0, 999) as n;" >/dev/null
FLOOR_ENV=(QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL?currentSchema=ims_floor" QUARKUS_DATASOURCE_USERNAME=$PGUSER
  QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-unused})
env "${FLOOR_ENV[@]}" JAVA_HOME=$JAVA25_HOME ./mvnw -B -q -ntp -f bench/floor/pom.xml verify \
  -Dquarkus.package.jar.aot.enabled=true >"$work/floor-build.log" 2>&1 || { tail -40 "$work/floor-build.log"; exit 1; }
FLOOR_JAR=bench/floor/target/quarkus-app/quarkus-run.jar
FLOOR_AOT=bench/floor/target/quarkus-app/app.aot

# ---- database, caller credentials ------------------------------------------------------------------------------
. bench/setup.sh
bench_setup "$JAVA17"
FIRST_ID=00000000-0000-4000-8000-000000000000
# AK/SK: the access key (its secret stored as the function stores it) and pre-signed requests, valid 15 minutes.
signed_requests() {
  local hex
  hex=$("$JAVA25" -cp target/classes bench/SignedRequests.java "$IMS_AUTH_SK_ENCRYPTION_KEY" "$PROJECT" "$IMAGES" \
    "127.0.0.1:$PORT" "$work/signed.lua")
  psql -q -v ON_ERROR_STOP=1 -c "set search_path=$SCHEMA; delete from access_key where access_key = 'BENCHAK0000000000001';
    insert into access_key (access_key, secret_key_ciphertext, project_id) values
    ('BENCHAK0000000000001', decode('$hex', 'hex'), '$PROJECT');" >/dev/null
}

# ---- helpers ------------------------------------------------------------------------------------------------
start_app() { # jar, java binary, options...; sets APP_PID
  local jar=$1 java=$2; shift 2
  "$java" "$@" -jar "$jar" >"$work/app.log" 2>&1 &
  APP_PID=$!
}
stop_app() { kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
patch_once() {
  curl -s -o /dev/null -w '%{http_code}' -X PATCH "$URL/v2/cloudimages/$FIRST_ID" -H 'Content-Type: application/json' \
    -H "X-Auth-Token: $TOKEN" -d "[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"cold $RANDOM\"}]" || true
}
touch_once() {
  curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/touch" -H 'Content-Type: application/json' \
    -d "{\"id\":1,\"value\":\"cold $RANDOM\"}" || true
}
# Milliseconds from process start to the first 200 of the probe command, into COLD (not in a subshell: APP_PID
# must reach stop_app).
cold_start() { # probe jar java options...
  local probe=$1 t0 first="" now; shift
  t0=$(date +%s%N)
  start_app "$@"
  while [ -z "$first" ]; do
    now=$(date +%s%N)
    if [ $(( (now - t0) / 1000000 )) -gt 60000 ]; then log "no answer in 60 s"; tail -20 "$work/app.log" >&2; exit 1; fi
    if [ "$($probe)" = 200 ]; then first=$(( ($(date +%s%N) - t0) / 1000000 )); fi
    sleep 0.005
  done
  COLD=$first
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status"; }
private_mb() { awk '/^Private_(Clean|Dirty)/ {s += $2} END {printf "%.0f", s / 1024}' "/proc/$APP_PID/smaps_rollup"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
training_load() { IMAGES=$IMAGES wrk -t2 -c4 -d8s -s bench/patch.lua "$URL" >/dev/null; }

# ---- cold starts ----------------------------------------------------------------------------------------------
log "training the AppCDS archive (JDK 17)"
start_app target/quarkus-app/quarkus-run.jar "$JAVA17" "${C1_OPTS[@]}" -XX:ArchiveClassesAtExit="$work/app-cds.jsa"
until [ "$(patch_once)" = 200 ]; do sleep 0.1; done; training_load; stop_app
FN=target/quarkus-app/quarkus-run.jar
VARIANTS=(jdk17 jdk17-appcds jdk25 jdk25-aot jdk25-aot-c2 floor-jdk17 floor-jdk25-aot)
declare -A FIRST START_RSS START_PRIVATE
for variant in "${VARIANTS[@]}"; do
  case $variant in
    jdk17) cmd=(patch_once "$FN" "$JAVA17" "${C1_OPTS[@]}") ;;
    jdk17-appcds) cmd=(patch_once "$FN" "$JAVA17" "${C1_OPTS[@]}" -XX:SharedArchiveFile="$work/app-cds.jsa") ;;
    jdk25) cmd=(patch_once "$FN" "$JAVA25" "${C1_OPTS[@]}") ;;
    jdk25-aot) cmd=(patch_once "$FN" "$JAVA25" "${C1_OPTS[@]}" -XX:AOTCache=target/quarkus-app/app.aot) ;;
    jdk25-aot-c2) cmd=(patch_once "$FN" "$JAVA25" "${C2_OPTS[@]}" -XX:AOTCache=target/quarkus-app/app.aot) ;;
    floor-jdk17) cmd=(touch_once "$FLOOR_JAR" env "${FLOOR_ENV[@]}" QUARKUS_HTTP_PORT=$PORT "$JAVA17" "${C1_OPTS[@]}") ;;
    floor-jdk25-aot) cmd=(touch_once "$FLOOR_JAR" env "${FLOOR_ENV[@]}" QUARKUS_HTTP_PORT=$PORT "$JAVA25" "${C1_OPTS[@]}" -XX:AOTCache="$FLOOR_AOT") ;;
  esac
  : >"$work/first.txt"
  for i in 1 2 3 4 5; do
    cold_start "${cmd[@]}"
    if [ "$i" = 5 ]; then START_RSS[$variant]=$(rss_mb); START_PRIVATE[$variant]=$(private_mb); fi
    stop_app
    echo "$COLD" >>"$work/first.txt"
  done
  FIRST[$variant]=$(median <"$work/first.txt")
  log "$variant: first answer ${FIRST[$variant]} ms (median of 5)"
done

# ---- memory and CPU per request: C1 and C2, both with the AOT cache ----------------------------------------------
declare -A RSS_FIRST PRIVATE_FIRST RSS_10K PRIVATE_10K CPU_MS
for jit in c1 c2; do
  if [ $jit = c1 ]; then opts=("${C1_OPTS[@]}"); else opts=("${C2_OPTS[@]}"); fi
  start_app "$FN" "$JAVA25" "${opts[@]}" -XX:AOTCache=target/quarkus-app/app.aot
  until [ "$(patch_once)" = 200 ]; do sleep 0.05; done
  RSS_FIRST[$jit]=$(rss_mb); PRIVATE_FIRST[$jit]=$(private_mb)
  ticks0=$(cpu_ticks)
  # At least 10 000 requests: 2 threads stop after 5 000 answers each (wrk still waits out -d).
  IMAGES=$IMAGES MAX_PER_THREAD=5000 wrk -t2 -c4 -d30s -s bench/patch.lua "$URL" >"$work/fixed.txt"
  ticks1=$(cpu_ticks)
  requests=$(awk '/requests in/ {print $1}' "$work/fixed.txt")
  RSS_10K[$jit]=$(rss_mb); PRIVATE_10K[$jit]=$(private_mb)
  CPU_MS[$jit]=$(awk -v t=$((ticks1 - ticks0)) -v n="$requests" -v c="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t * 1000 / c / n}')
  stop_app
  log "$jit: RSS ${RSS_FIRST[$jit]} / ${RSS_10K[$jit]} MB, private ${PRIVATE_FIRST[$jit]} / ${PRIVATE_10K[$jit]} MB \
(first request / after $requests more); ${CPU_MS[$jit]} CPU ms per request"
done

# ---- throughput: the function beside pgbench, same transaction, same concurrency --------------------------------
declare -A RPS P50 P99 ERR TPS
wrk_phase() { # connections images label [script]
  local script=${4:-bench/patch.lua}
  IMAGES=$2 SIGNED="$work/signed.lua" wrk -t2 -c"$1" -d"${DURATION}s" --latency -s "$script" "$URL" >"$work/wrk-$3.txt"
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
warm_up() { IMAGES=$IMAGES wrk -t2 -c4 -d"$1" -s bench/patch.lua "$URL" >/dev/null; }
serve() { # options...: the function with the AOT cache, ready after one PATCH
  start_app "$FN" "$JAVA25" "$@" -XX:AOTCache=target/quarkus-app/app.aot
  until [ "$(patch_once)" = 200 ]; do sleep 0.05; done
}
# C1 (recommended), change history on: every load, token and AK/SK callers.
serve "${C1_OPTS[@]}"; warm_up 5s
wrk_phase 4 "$IMAGES" c4-spread
signed_requests
wrk_phase 4 "$IMAGES" c4-spread-aksk bench/patch_signed.lua
wrk_phase 16 "$IMAGES" c16-spread
wrk_phase 4 1 c4-one
wrk_phase 16 1 c16-one
stop_app
# The history's cost: off, then on again, side by side.
IMS_HISTORY_ENABLED=false serve "${C1_OPTS[@]}"; warm_up 5s
wrk_phase 4 "$IMAGES" c4-spread-history-off
stop_app
serve "${C1_OPTS[@]}"; warm_up 5s
wrk_phase 4 "$IMAGES" c4-spread-history-on
stop_app
# C2: a longer warm-up, for C2 to compile the hot paths.
serve "${C2_OPTS[@]}"; warm_up 15s
wrk_phase 4 "$IMAGES" c4-spread-c2
signed_requests
wrk_phase 4 "$IMAGES" c4-spread-aksk-c2 bench/patch_signed.lua
stop_app
for phase in "4 $IMAGES c4-spread" "16 $IMAGES c16-spread" "4 1 c4-one" "16 1 c16-one"; do
  set -- $phase
  pgbench_phase "$1" "$2" "$3"
done

# ---- report ---------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
mkdir -p bench/results
out=bench/results/$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "# Benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r);"
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $("$JAVA17" -version 2>&1 | head -1); $("$JAVA25" -version 2>&1 | head -1);"
  echo "PostgreSQL $(psql -tAc 'show server_version') at $PGHOST:$PGPORT; ${DURATION}s per load phase; MALLOC_ARENA_MAX=2."
  echo "C1 (recommended): \`${C1_OPTS[*]}\`; C2: \`${C2_OPTS[*]}\`. Throughput and memory: JDK 25 with the AOT cache."
  echo
  echo "| load | JIT | caller | history | connections | images | function req/s | p50 | p99 | errors | pgbench tps | function / pgbench |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  row() { # label jit caller history pgbench-label
    local c=${5#c}; c=${c%%-*}; local imgs; imgs=$([ "${5#*-}" = one ] && echo 1 || echo "$IMAGES")
    echo "| PATCH | $2 | $3 | $4 | $c | $imgs | ${RPS[$1]} | ${P50[$1]} | ${P99[$1]} | ${ERR[$1]} | ${TPS[$5]} | $(ratio "${RPS[$1]}" "${TPS[$5]}") |"
  }
  row c4-spread C1 token on c4-spread
  row c4-spread-aksk C1 AK/SK on c4-spread
  row c16-spread C1 token on c16-spread
  row c4-one C1 token on c4-one
  row c16-one C1 token on c16-one
  row c4-spread-history-off C1 token off c4-spread
  row c4-spread-history-on C1 token on c4-spread
  row c4-spread-c2 C2 token on c4-spread
  row c4-spread-aksk-c2 C2 AK/SK on c4-spread
  echo
  echo "Side by side: history on / off = $(ratio "${RPS[c4-spread-history-on]}" "${RPS[c4-spread-history-off]}");" \
    "AK/SK / token = $(ratio "${RPS[c4-spread-aksk]}" "${RPS[c4-spread]}") (C1), $(ratio "${RPS[c4-spread-aksk-c2]}" "${RPS[c4-spread-c2]}") (C2);" \
    "C2 / C1 = $(ratio "${RPS[c4-spread-c2]}" "${RPS[c4-spread]}")."
  echo
  echo "| cold start (median of 5) | to first 200 | RSS / private after it |"
  echo "| --- | --- | --- |"
  for variant in "${VARIANTS[@]}"; do
    echo "| $variant | ${FIRST[$variant]} ms | ${START_RSS[$variant]} / ${START_PRIVATE[$variant]} MB |"
  done
  echo
  echo "Function / floor, first answer: JDK 25 + AOT $(ratio "${FIRST[jdk25-aot]}" "${FIRST[floor-jdk25-aot]}"), JDK 17 $(ratio "${FIRST[jdk17]}" "${FIRST[floor-jdk17]}")."
  echo
  echo "| memory and CPU (JDK 25 + AOT cache) | C1 | C2 |"
  echo "| --- | --- | --- |"
  echo "| RSS after the first request | ${RSS_FIRST[c1]} MB | ${RSS_FIRST[c2]} MB |"
  echo "| private (Private_Clean + Private_Dirty) after the first request | ${PRIVATE_FIRST[c1]} MB | ${PRIVATE_FIRST[c2]} MB |"
  echo "| RSS after 10 000 more requests | ${RSS_10K[c1]} MB | ${RSS_10K[c2]} MB |"
  echo "| private after 10 000 more requests | ${PRIVATE_10K[c1]} MB | ${PRIVATE_10K[c2]} MB |"
  echo "| CPU per request | ${CPU_MS[c1]} ms | ${CPU_MS[c2]} ms |"
} | tee "$out"
log "written to $out"
