-- Idempotency keys: the twin of Sqlite/Migrations/0006_idempotency.sql.
CREATE TABLE idempotency_keys (
    principal    TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT    NOT NULL,
    body         BYTEA   NOT NULL,
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (principal, idem_key)
);
