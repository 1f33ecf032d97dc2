-- Leases: which `rung serve` instance runs a background job (alarm escalation, gate evaluation, retraining
-- triggers, summaries, audit checkpoints) until when, so several instances on one database run each job once.
-- A lease is taken when free or expired and renewed by its holder; see docs/deployment.md.
CREATE TABLE leases (
    name       TEXT    NOT NULL PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
