#!/usr/bin/env bash
# curl with an SDK-HMAC-SHA256 signature, as the official SDKs sign (for paths without query or
# characters that need percent-encoding, which is all this API uses).
# Usage: dev/signed-curl.sh AK SK METHOD URL [BODY] [extra curl args...]
# Example: dev/signed-curl.sh DEMOAK0B1E494E2660441A demo-sk-0b1e494e2660441a957313163095fe5c PATCH \
#            http://localhost:8080/v2/cloudimages/33ad552d-1149-471c-8190-ff6776174a00 '[]'
set -euo pipefail
ak=$1 sk=$2 method=$3 url=$4 body=${5:-}
shift $(( $# < 5 ? $# : 5 ))
hostport=$(printf '%s' "$url" | sed -E 's#^[a-z]+://([^/]+).*#\1#')
path=$(printf '%s' "$url" | sed -E 's#^[a-z]+://[^/]+##')
path=${path:-/}
case "$path" in */) uri=$path ;; *) uri=$path/ ;; esac
content_type='application/json'
sdk_date=$(date -u +%Y%m%dT%H%M%SZ)
payload_hash=$(printf '%s' "$body" | openssl dgst -sha256 -r | cut -d' ' -f1)
canonical=$(printf '%s\n%s\n\n%s\n%s\n%s\n\n%s\n%s' "$method" "$uri" \
  "content-type:$content_type" "host:$hostport" "x-sdk-date:$sdk_date" \
  "content-type;host;x-sdk-date" "$payload_hash")
canonical_hash=$(printf '%s' "$canonical" | openssl dgst -sha256 -r | cut -d' ' -f1)
string_to_sign=$(printf 'SDK-HMAC-SHA256\n%s\n%s' "$sdk_date" "$canonical_hash")
signature=$(printf '%s' "$string_to_sign" | openssl dgst -sha256 -hmac "$sk" -r | cut -d' ' -f1)
exec curl -sS -X "$method" "$url" \
  -H "Content-Type: $content_type" -H "X-Sdk-Date: $sdk_date" \
  -H "Authorization: SDK-HMAC-SHA256 Access=$ak, SignedHeaders=content-type;host;x-sdk-date, Signature=$signature" \
  --data-binary "$body" "$@"
