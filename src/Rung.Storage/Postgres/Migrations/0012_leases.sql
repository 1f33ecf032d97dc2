-- Leases: which `rung serve` instance runs a background job (alarm escalation, gate evaluation, retraining
-- triggers, summaries, audit checkpoints) until when. The twin of Sqlite/Migrations/0012_leases.sql.
CREATE TABLE leases (
    name       TEXT    NOT NULL PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL
);

-- The console's "recent commits" page (newest first per agent) read the whole agent's commits and sorted them,
-- growing with the table; this index serves it in order, so the page stays flat as the table grows.
CREATE INDEX ix_committed_actions_recent ON committed_actions (agent_id, committed_at, case_id);
