-- Edge alarm outbox, schema version 11 (edge only; the server keeps the forwarded alarms in its alarm book).
-- An alarm raised on an edge (model integrity, model replaced, watchdog, buffer) is appended here first, so it
-- survives a restart with the server away, and is marked forwarded once the server acknowledged it. The id is the
-- edge's own: the server recognises a resent alarm by it.

CREATE TABLE edge_alarm_outbox (
    seq           INTEGER NOT NULL PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    agent_id      TEXT    NOT NULL,
    rule          TEXT    NOT NULL,
    subject       TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    evidence_json TEXT    NOT NULL,
    raised_at     INTEGER NOT NULL,
    forwarded_at  INTEGER
);

CREATE INDEX edge_alarm_outbox_pending ON edge_alarm_outbox (seq) WHERE forwarded_at IS NULL;
