-- Alarms, daily summaries and agent status: the twin of Sqlite/Migrations/0002_alarms.sql.
CREATE TABLE alarms (
    id                    TEXT    NOT NULL PRIMARY KEY,
    agent_id              TEXT    NOT NULL REFERENCES agents (agent_id),
    rule                  TEXT    NOT NULL,
    condition_key         TEXT    NOT NULL,
    severity              INTEGER NOT NULL,
    title                 TEXT    NOT NULL,
    evidence_json         TEXT    NOT NULL,
    runbook               TEXT    NOT NULL,
    owner                 TEXT    NOT NULL,
    raised_at             BIGINT  NOT NULL,
    state                 INTEGER NOT NULL,
    acknowledged_by       TEXT,
    acknowledged_at       BIGINT,
    escalated_to          TEXT,
    escalated_at          BIGINT,
    resolved_by           TEXT,
    resolved_at           BIGINT,
    comment               TEXT,
    condition_clear_since BIGINT
);

CREATE INDEX alarms_by_agent_state ON alarms (agent_id, state, raised_at);
CREATE UNIQUE INDEX alarms_one_active_per_condition ON alarms (agent_id, condition_key) WHERE state <> 2;

CREATE TABLE daily_summaries (
    agent_id        TEXT    NOT NULL REFERENCES agents (agent_id),
    day             TEXT    NOT NULL,
    sent_at         BIGINT  NOT NULL,
    recipient       TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at BIGINT,
    PRIMARY KEY (agent_id, day)
);

CREATE TABLE agent_status (
    agent_id TEXT    NOT NULL PRIMARY KEY REFERENCES agents (agent_id),
    at       BIGINT  NOT NULL,
    json     TEXT    NOT NULL
);
