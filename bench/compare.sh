#!/usr/bin/env bash
# Two commits side by side: each JAR in turn at 4 connections over 1 000 images (15 s after an 8 s warm-up),
# each followed by pgbench running the same transaction, ROUNDS times; JDK 25, C1 only, no AOT cache. Prints one
# line per run: req/s, pgbench tps, their ratio, and the function's CPU ms per PATCH.
#
#   bench/compare.sh OLD_COMMIT [jdbc-url]     (the new side is the working tree's JAR, built if missing)
#
# Environment: ROUNDS (default 2), JAVA (default the JDK 25 of these machines).
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1
JDBC_URL=${2:-jdbc:postgresql://127.0.0.1:5432/test}
ROUNDS=${ROUNDS:-2}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=${PORT:-18083}
PROJECT=be0c0000000000000000000000000001
IMAGES=1000
hostport=$(sed -E 's#jdbc:postgresql://([^/]+)/.*#\1#' <<<"$JDBC_URL")
export PGHOST=${hostport%%:*} PGPORT=${hostport##*:} PGDATABASE=$(sed -E 's#.*/([^/?]+).*#\1#' <<<"$JDBC_URL") PGUSER=${PGUSER:-postgres}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; git worktree remove --force "$work/old" 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests
git worktree add --detach "$work/old" "$OLD" >/dev/null
(cd "$work/old" && ./mvnw -B -q -ntp package -DskipTests)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/token.pem" 2>/dev/null
openssl pkey -in "$work/token.pem" -pubout -out "$work/token.pub.pem"
TOKEN=$(TOKEN_KEY="$work/token.pem" TOKEN_ISSUER=https://iam.bench.example dev/token.sh $PROJECT "" 86400)
export TOKEN
URL=http://127.0.0.1:$PORT

one_run() { # app-dir label
  local dir=$1 label=$2 schema=ims_compare_$2 app t0 t1
  psql -q -c "drop schema if exists $schema cascade; create schema $schema;" >/dev/null 2>&1
  export QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL?currentSchema=$schema" QUARKUS_DATASOURCE_USERNAME=$PGUSER \
    QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-unused} QUARKUS_FLYWAY_SCHEMAS=$schema \
    IMS_AUTH_SK_ENCRYPTION_KEY=$(openssl rand -base64 32) QUARKUS_HTTP_PORT=$PORT \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/token.pub.pem" MP_JWT_VERIFY_ISSUER=https://iam.bench.example
  QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_FLYWAY_ACTIVE=true QUARKUS_INIT_AND_EXIT=true \
    "$JAVA" -jar "$dir/target/quarkus-app/quarkus-run.jar" >"$work/migrate.log" 2>&1
  psql -q -c "set search_path=$schema; insert into image (id, owner, name, status, visibility, image_type,
      description, created_at, updated_at)
    select ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '$PROJECT', 'bench-' || n, 'active',
           'private', 'private', 'start', now(), now() from generate_series(0, $IMAGES - 1) as n;" >/dev/null
  "$JAVA" -Xms16m -Xmx64m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m \
    -jar "$dir/target/quarkus-app/quarkus-run.jar" >"$work/app.log" 2>&1 &
  app=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/q/health/ready" || true)" = 200 ]; do sleep 0.1; done
  IMAGES=$IMAGES wrk -t2 -c4 -d8s -s bench/patch.lua "$URL" >/dev/null
  t0=$(awk '{print $14 + $15}' "/proc/$app/stat")
  IMAGES=$IMAGES wrk -t2 -c4 -d15s -s bench/patch.lua "$URL" >"$work/wrk.txt"
  t1=$(awk '{print $14 + $15}' "/proc/$app/stat")
  kill "$app"; wait "$app" || true
  PGOPTIONS="-c search_path=$schema" pgbench -n -M prepared -c 4 -j 2 -T 15 -D images=$IMAGES -f bench/txn.sql \
    >"$work/pgb.txt" 2>&1
  awk -v label="$label" -v t=$((t1 - t0)) -v c="$(getconf CLK_TCK)" '
    FILENAME ~ /wrk/ && /Requests\/sec/ {rps = $2} FILENAME ~ /wrk/ && /requests in/ {n = $1}
    FILENAME ~ /wrk/ && /Non-2xx/ {errors = $5} FILENAME ~ /pgb/ && /^tps/ {tps = $3}
    END {printf "%s: %.0f req/s (non-2xx %d), pgbench %.0f tps, ratio %.2f, %.2f CPU ms per PATCH\n",
         label, rps, errors, tps, rps / tps, t * 1000 / c / n}' "$work/wrk.txt" "$work/pgb.txt"
  psql -q -c "drop schema if exists $schema cascade;" >/dev/null 2>&1
}
for round in $(seq "$ROUNDS"); do
  one_run "$work/old" "old"
  one_run . "new"
done
