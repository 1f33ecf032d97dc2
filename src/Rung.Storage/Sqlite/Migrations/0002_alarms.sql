-- Alarms: one row per alarm, updated through its life. At most one active alarm per condition of an agent,
-- enforced here as well as in the alarm book, so two writers cannot raise the same condition twice.
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
    raised_at             INTEGER NOT NULL,
    state                 INTEGER NOT NULL,
    acknowledged_by       TEXT,
    acknowledged_at       INTEGER,
    escalated_to          TEXT,
    escalated_at          INTEGER,
    resolved_by           TEXT,
    resolved_at           INTEGER,
    comment               TEXT,
    condition_clear_since INTEGER
);

CREATE INDEX alarms_by_agent_state ON alarms (agent_id, state, raised_at);
CREATE UNIQUE INDEX alarms_one_active_per_condition ON alarms (agent_id, condition_key) WHERE state <> 2;

-- The owner's daily summary and its acknowledgement, one per agent and local day: the go/no-go gate counts them.
CREATE TABLE daily_summaries (
    agent_id        TEXT    NOT NULL REFERENCES agents (agent_id),
    day             TEXT    NOT NULL,
    sent_at         INTEGER NOT NULL,
    recipient       TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at INTEGER,
    PRIMARY KEY (agent_id, day)
);

-- The monitor's latest picture of each agent (metrics, drift, data quality), as JSON for `rung agent status`.
CREATE TABLE agent_status (
    agent_id TEXT    NOT NULL PRIMARY KEY REFERENCES agents (agent_id),
    at       INTEGER NOT NULL,
    json     TEXT    NOT NULL
);
