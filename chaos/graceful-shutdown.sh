#!/usr/bin/env bash
# SIGTERM under load, as scale-to-zero does: requests in flight must finish, none may be half-served.
# Starts the packaged function on the embedded demo database, runs 8 client loops of PATCHes, sends SIGTERM
# after 3 s, and counts every answer: 200 (served), 503 (refused while draining), 000 (connection refused
# after the listener closed). Anything else, or a non-zero exit of the function, is a failure.
#   chaos/graceful-shutdown.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -ntp package -DskipTests
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
PORT=${PORT:-18090}
IMS_DEMO=true QUARKUS_HTTP_PORT=$PORT java -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
app=$!
token=$(dev/token.sh 0b1e494e2660441a957313163095fe5c)
url=http://127.0.0.1:$PORT/v2/cloudimages/5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a01
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" = 200 ]; do sleep 0.2; done
for c in 1 2 3 4 5 6 7 8; do
  (
    n=0
    while [ ! -f "$work/stop" ]; do
      n=$((n + 1))
      code=$(curl -s -o "$work/last-$c" -w '%{http_code}' --max-time 15 -X PATCH "$url" -H 'Content-Type: application/json' \
        -H "X-Auth-Token: $token" -d "[{\"op\":\"add\",\"path\":\"/c$c\",\"value\":\"$n\"}]" || true)
      echo "${code:-000}" >>"$work/status-$c"
      if [ "$code" = 503 ]; then cp "$work/last-$c" "$work/body-503"; fi
    done
  ) &
done
sleep 3
start=$(date +%s%N)
kill -TERM "$app"
status=0
wait "$app" || status=$?
stopped_ms=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 1
touch "$work/stop"
sleep 1
cat "$work"/status-* | sort | uniq -c | sort -rn | awk '{printf "%s answers with status %s\n", $1, $2}'
echo "function exit code $status, stopped ${stopped_ms} ms after SIGTERM"
[ -f "$work/body-503" ] && echo "a 503 answer's body: $(cat "$work/body-503")"
grep -E "stopped in" "$work/app.log" | sed -E 's/.*\] //' || true
grep -E " (ERROR|WARN) " "$work/app.log" | sed -E 's/^[^ ]+ //' | sort | uniq -c | head -10 || true
bad=$(cat "$work"/status-* | grep -vcE '^(200|503|000)$' || true)
if [ "$status" -ne 0 ] && [ "$status" -ne 143 ]; then echo "FAIL: exit code $status"; exit 1; fi
if [ "$bad" -ne 0 ]; then echo "FAIL: $bad answers other than 200, 503 or refused"; exit 1; fi
echo "PASS: no request was half-served"
