-- AK/SK credentials. The secret key is stored AES-256-GCM encrypted (nonce || ciphertext || tag), with the
-- access key as associated data. The mismatch count and the lock live here so every instance agrees.
create table access_key (
    access_key             text        primary key,
    secret_key_ciphertext  bytea       not null,
    project_id             text        not null,
    roles                  jsonb       not null default '[]',
    enabled                boolean     not null default true,
    failed_attempts        integer     not null default 0,
    locked_until           timestamptz
);
