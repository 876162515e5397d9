-- The function's transaction for one PATCH, as pgbench runs it: read the image with a row lock, write the
-- changed attribute and updated_at, commit.
\set n random(0, :images - 1)
BEGIN;
SELECT * FROM image WHERE id = ('00000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid FOR UPDATE;
UPDATE image SET description = 'pgbench ' || :client_id || ' ' || random(), updated_at = now()
 WHERE id = ('00000000-0000-4000-8000-' || lpad(:n::text, 12, '0'))::uuid;
COMMIT;
