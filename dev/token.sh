#!/usr/bin/env bash
# Prints an X-Auth-Token for the embedded demo (dev key, dev issuer). DEVELOPMENT ONLY: the key is public.
# Usage: dev/token.sh [project_id] [role] [lifetime_seconds]
# TOKEN_KEY and TOKEN_ISSUER override the key (PEM, RSA) and issuer, e.g. for the benchmark's own key pair.
set -euo pipefail
project=${1:-0b1e494e2660441a957313163095fe5c}
role=${2:-}
lifetime=${3:-3600}
here=$(cd "$(dirname "$0")" && pwd)
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
roles="[]"
[ -n "$role" ] && roles="[\"$role\"]"
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"demo","iat":%d,"exp":%d,"project_id":"%s","roles":%s}' \
  "${TOKEN_ISSUER:-https://iam.dev.example}" "$now" "$((now + lifetime))" "$project" "$roles" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "${TOKEN_KEY:-$here/token-private.pem}" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
