-- Responses to retryable API writes, kept by the caller's idempotency key so a retry gets the same answer.
CREATE TABLE idempotency_keys (
    principal    TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT    NOT NULL,
    body         BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (principal, idem_key)
);
