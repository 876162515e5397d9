# Sourced by bench/run.sh and bench/profile.sh: a schema of its own with the migrated tables and IMAGES images
# of PROJECT, a fresh token issuer key and SK key, and the function's settings exported for it.
# Needs: JDBC_URL, SCHEMA, PROJECT, IMAGES, PORT, work (a scratch folder), and a java binary as $1.
bench_setup() {
  local java=$1
  psql -q -v ON_ERROR_STOP=1 -c "drop schema if exists $SCHEMA cascade; create schema $SCHEMA;" >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/token.pem" 2>/dev/null
  openssl pkey -in "$work/token.pem" -pubout -out "$work/token.pub.pem"
  export QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL?currentSchema=$SCHEMA" QUARKUS_DATASOURCE_USERNAME=$PGUSER \
    QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-unused} QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
    IMS_AUTH_SK_ENCRYPTION_KEY=$(openssl rand -base64 32) QUARKUS_HTTP_PORT=$PORT \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/token.pub.pem" MP_JWT_VERIFY_ISSUER=https://iam.bench.example
  QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_INIT_AND_EXIT=true "$java" -jar target/quarkus-app/quarkus-run.jar \
    >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
  psql -q -v ON_ERROR_STOP=1 -c "set search_path=$SCHEMA;
    insert into image (id, owner, name, status, visibility, image_type, description, created_at, updated_at)
    select ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '$PROJECT', 'bench-' || n, 'active',
           'private', 'private', 'start', now(), now() from generate_series(0, $IMAGES - 1) as n;" >/dev/null
  TOKEN=$(TOKEN_KEY="$work/token.pem" TOKEN_ISSUER=https://iam.bench.example dev/token.sh $PROJECT "" 86400)
  export TOKEN
  URL="http://127.0.0.1:$PORT"
}
