-- Leases: which `rung serve` instance runs a background job (alarm escalation, gate evaluation, retraining
-- triggers, summaries, audit checkpoints) until when. The twin of Sqlite/Migrations/0012_leases.sql.
CREATE TABLE leases (
    name       TEXT    NOT NULL PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL
);
