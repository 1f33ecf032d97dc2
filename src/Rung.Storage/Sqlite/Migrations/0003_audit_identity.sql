-- Audit trail: append-only and hash-chained. Each entry's hash covers its canonical form including the previous
-- entry's hash, so a changed, inserted, reordered or deleted entry breaks the chain at a named sequence number.
-- seq is not the row key: an attacker who drops the triggers can insert a duplicate sequence, and the verifier
-- must see that row rather than have the database refuse it silently.
CREATE TABLE audit_entries (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    record_type TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    reason      TEXT,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);

CREATE INDEX ix_audit_entries_seq ON audit_entries (seq, id);
CREATE INDEX ix_audit_entries_record ON audit_entries (record_type, record_id, seq);
CREATE INDEX ix_audit_entries_actor ON audit_entries (actor, seq);

-- Where the chain now starts after archiving: entries up to through_seq were exported to an archive file and
-- removed; through_hash is the last removed entry's hash, so the remaining chain still verifies from it.
CREATE TABLE audit_anchors (
    through_seq    INTEGER NOT NULL PRIMARY KEY,
    through_hash   TEXT    NOT NULL,
    archived_at    INTEGER NOT NULL,
    archive_sha256 TEXT    NOT NULL,
    archive_name   TEXT    NOT NULL
);

-- Signed heads of the chain. A copy of each is also written to a file outside the database, so deleting the
-- newest entries (and these rows) is still detected.
CREATE TABLE audit_checkpoints (
    seq       INTEGER NOT NULL PRIMARY KEY,
    hash      TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    key_id    TEXT    NOT NULL,
    signature TEXT    NOT NULL
);

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only: an audit entry cannot be changed');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
WHEN OLD.seq > COALESCE((SELECT MAX(through_seq) FROM audit_anchors), 0)
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only: an audit entry can only be removed by archiving it');
END;

CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE ON audit_anchors
BEGIN
    SELECT RAISE(ABORT, 'audit_anchors is append-only');
END;

CREATE TRIGGER audit_anchors_no_delete BEFORE DELETE ON audit_anchors
BEGIN
    SELECT RAISE(ABORT, 'audit_anchors is append-only');
END;

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;

CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;

-- Users: ids are never reused, so a user is deactivated, never deleted.
CREATE TABLE users (
    user_id             TEXT    NOT NULL PRIMARY KEY,
    printed_name        TEXT    NOT NULL,
    roles               TEXT    NOT NULL,
    zones               TEXT    NOT NULL,
    active              INTEGER NOT NULL,
    password_hash       TEXT    NOT NULL,
    password_changed_at INTEGER NOT NULL,
    must_change         INTEGER NOT NULL,
    failed_attempts     INTEGER NOT NULL,
    locked_at           INTEGER,
    created_at          INTEGER NOT NULL
);

CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN
    SELECT RAISE(ABORT, 'users are deactivated, never deleted: a user id is never reused');
END;

-- Machine identities. Only the SHA-256 of the token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    token_id     TEXT    NOT NULL PRIMARY KEY,
    token_sha256 TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    roles        TEXT    NOT NULL,
    zones        TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);

-- Electronic signatures, each bound to the SHA-256 of the exact record version it signs.
CREATE TABLE signatures (
    signature_id TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL,
    printed_name TEXT    NOT NULL,
    meaning      TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    record_type  TEXT    NOT NULL,
    record_id    TEXT    NOT NULL,
    record_sha256 TEXT   NOT NULL,
    seal         TEXT    NOT NULL
);

CREATE INDEX ix_signatures_record ON signatures (record_type, record_id, at);

CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN
    SELECT RAISE(ABORT, 'signatures are append-only');
END;

CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN
    SELECT RAISE(ABORT, 'signatures are append-only');
END;
