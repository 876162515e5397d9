#!/usr/bin/env bash
# Where the CPU of a PATCH goes: the packaged function under the benchmark's load (4 connections over 1 000
# images, the recommended C1-only JVM settings), sampled by JDK Flight Recorder, summarised by layer and by
# frame into bench/results/profile-<date>.md. One machine, one run; the JAR is built first if missing.
#
#   bench/profile.sh [jdbc-url]      default jdbc:postgresql://127.0.0.1:5432/test (user postgres, trust auth)
#
# Environment: JAVA (default the JDK 25 of these machines), DURATION (seconds of measured load, default 20),
# JVM_OPTIONS (default: the recommended settings of function.yaml's JVM alternative).
set -euo pipefail
cd "$(dirname "$0")/.."
JDBC_URL=${1:-jdbc:postgresql://127.0.0.1:5432/test}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
DURATION=${DURATION:-20}
PORT=${PORT:-18081}
SCHEMA=ims_profile
PROJECT=be0c0000000000000000000000000001
IMAGES=1000
JVM_OPTS=(${JVM_OPTIONS:--Xms16m -Xmx64m -XX:ReservedCodeCacheSize=32m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError})
hostport=$(sed -E 's#jdbc:postgresql://([^/]+)/.*#\1#' <<<"$JDBC_URL")
export PGHOST=${hostport%%:*} PGPORT=${hostport##*:} PGDATABASE=$(sed -E 's#.*/([^/?]+).*#\1#' <<<"$JDBC_URL") PGUSER=${PGUSER:-postgres}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests
. bench/setup.sh
bench_setup "$JAVA"
"$JAVA" "${JVM_OPTS[@]}" -XX:FlightRecorderOptions:stackdepth=256 -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
app=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/q/health/ready" || true)" = 200 ]; do sleep 0.1; done
IMAGES=$IMAGES wrk -t2 -c4 -d10s -s bench/patch.lua "$URL" >/dev/null   # warm-up
jcmd=$(dirname "$JAVA")/jcmd
"$jcmd" "$app" JFR.start name=patch settings=profile filename="$work/patch.jfr" >/dev/null
IMAGES=$IMAGES wrk -t2 -c4 -d"${DURATION}s" -s bench/patch.lua "$URL" >"$work/wrk.txt"
"$jcmd" "$app" JFR.stop name=patch >/dev/null
kill -TERM "$app"; wait "$app" || true
[ -z "${KEEP:-}" ] || cp "$work/patch.jfr" "$KEEP"
"$(dirname "$JAVA")/jfr" print --json --stack-depth 256 --events jdk.ExecutionSample "$work/patch.jfr" >"$work/samples.json"
out=bench/results/profile-$(date +%F).md
python3 bench/profile_summary.py "$work/samples.json" "$work/wrk.txt" "$("$JAVA" -version 2>&1 | head -1)" \
  "${JVM_OPTS[*]}" >"$out"
echo "written $out"
