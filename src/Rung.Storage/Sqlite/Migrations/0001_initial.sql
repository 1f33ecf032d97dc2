-- Rung journal, schema version 1.
-- Times are INTEGER: 100-nanosecond ticks since 1970-01-01T00:00:00Z (UTC), so range queries use indexes
-- and values round-trip exactly. Enums are stored as their integer values (see docs/storage.md).

CREATE TABLE agents (
    agent_id        TEXT    NOT NULL PRIMARY KEY,
    use_case_id     TEXT    NOT NULL,
    scope           TEXT    NOT NULL,
    stage           INTEGER NOT NULL,
    stage_since     INTEGER NOT NULL,
    definition_json TEXT    NOT NULL
);

CREATE TABLE stage_changes (
    id            INTEGER NOT NULL PRIMARY KEY,
    agent_id      TEXT    NOT NULL REFERENCES agents (agent_id),
    from_stage    INTEGER NOT NULL,
    to_stage      INTEGER NOT NULL,
    kind          INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    actor         TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    evidence_json TEXT    NOT NULL
);
CREATE INDEX ix_stage_changes_agent_at ON stage_changes (agent_id, at, id);

CREATE TABLE decisions (
    id                  INTEGER NOT NULL PRIMARY KEY,
    case_id             TEXT    NOT NULL UNIQUE,
    agent_id            TEXT    NOT NULL REFERENCES agents (agent_id),
    occurred_at         INTEGER NOT NULL,
    decided_at          INTEGER NOT NULL,
    stage               INTEGER NOT NULL,
    disposition         INTEGER NOT NULL,
    reasons_json        TEXT    NOT NULL,
    blocked_by          TEXT,
    features_json       TEXT    NOT NULL,
    quality_flags_json  TEXT    NOT NULL,
    action_name         TEXT    NOT NULL,
    action_target       TEXT,
    -- REAL, or the text 'NaN' (SQLite would turn a NaN into NULL).
    action_value        REAL,
    confidence          REAL    NOT NULL,
    out_of_distribution INTEGER NOT NULL,
    severity            INTEGER NOT NULL,
    explanation_json    TEXT    NOT NULL,
    model_version       TEXT    NOT NULL,
    latency_ticks       INTEGER NOT NULL
);
CREATE INDEX ix_decisions_agent_occurred ON decisions (agent_id, occurred_at);
CREATE INDEX ix_decisions_pending ON decisions (agent_id, decided_at) WHERE disposition = 1;

CREATE TABLE exception_items (
    case_id     TEXT    NOT NULL PRIMARY KEY REFERENCES decisions (case_id),
    agent_id    TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    due_at      INTEGER NOT NULL,
    assigned_to TEXT,
    resolved_at INTEGER,
    resolution  TEXT,
    resolved_by TEXT
);
CREATE INDEX ix_exception_items_open ON exception_items (agent_id, created_at) WHERE resolved_at IS NULL;
CREATE INDEX ix_exception_items_resolved ON exception_items (agent_id, resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX ix_exception_items_due ON exception_items (agent_id, due_at);

CREATE TABLE approvals (
    case_id        TEXT    NOT NULL PRIMARY KEY REFERENCES decisions (case_id),
    agent_id       TEXT    NOT NULL,
    approver       TEXT    NOT NULL,
    verdict        INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    reason         TEXT,
    correct_action TEXT
);
CREATE INDEX ix_approvals_agent_at ON approvals (agent_id, at);

CREATE TABLE outcomes (
    id              INTEGER NOT NULL PRIMARY KEY,
    case_id         TEXT    NOT NULL REFERENCES decisions (case_id),
    agent_id        TEXT    NOT NULL,
    source          INTEGER NOT NULL,
    correct_action  TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    actor           TEXT    NOT NULL,
    note            TEXT,
    judged_correct  INTEGER NOT NULL,
    error_severity  INTEGER,
    proposed_action TEXT    NOT NULL,
    judged_action   TEXT    NOT NULL,
    judged_at       INTEGER NOT NULL,
    -- 1 on the case's earliest outcome (by at, then id): the one whose judgement labels the case.
    is_first        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (case_id, source)
);
CREATE INDEX ix_outcomes_first ON outcomes (agent_id, judged_at) WHERE is_first = 1;

-- Automatic commits and approved drafts; delivered_at is set once the action connector confirmed delivery.
CREATE TABLE committed_actions (
    case_id       TEXT    NOT NULL PRIMARY KEY REFERENCES decisions (case_id),
    agent_id      TEXT    NOT NULL,
    action_name   TEXT    NOT NULL,
    action_target TEXT,
    action_value  REAL,
    committed_at  INTEGER NOT NULL,
    delivered_at  INTEGER
);
CREATE INDEX ix_committed_actions_name ON committed_actions (agent_id, action_name, committed_at);
CREATE INDEX ix_committed_actions_undelivered ON committed_actions (agent_id, committed_at) WHERE delivered_at IS NULL;
