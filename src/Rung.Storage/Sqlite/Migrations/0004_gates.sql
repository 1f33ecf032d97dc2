-- Go/no-go gates: attestations by named people, connector restart checks, and each gate decision
-- (promotion or demotion) with its approval and the evidence snapshot it was taken on.

-- A named person's statement about an agent: a readiness item ("readiness:operators_trained"), a reviewed
-- high-severity disagreement ("case:<case id>") or a review of rejection reasons ("review:rejections").
CREATE TABLE attestations (
    id          INTEGER NOT NULL PRIMARY KEY,
    agent_id    TEXT    NOT NULL REFERENCES agents (agent_id),
    subject     TEXT    NOT NULL,
    attested_by TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    note        TEXT    NOT NULL
);
CREATE INDEX ix_attestations_agent_subject ON attestations (agent_id, subject, at);

-- The action connector restarted (or its target was out) and the outbox was checked afterwards.
CREATE TABLE connector_checks (
    id         INTEGER NOT NULL PRIMARY KEY,
    agent_id   TEXT    NOT NULL REFERENCES agents (agent_id),
    at         INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    committed  INTEGER NOT NULL,
    delivered  INTEGER NOT NULL,
    lost       INTEGER NOT NULL,
    duplicated INTEGER NOT NULL,
    note       TEXT    NOT NULL
);
CREATE INDEX ix_connector_checks_agent_at ON connector_checks (agent_id, at);

-- One gate decision: the verdict, who approved it and how, and the whole evidence snapshot as JSON.
CREATE TABLE gate_decisions (
    id                 INTEGER NOT NULL PRIMARY KEY,
    agent_id           TEXT    NOT NULL REFERENCES agents (agent_id),
    at                 INTEGER NOT NULL,
    from_stage         INTEGER NOT NULL,
    to_stage           INTEGER NOT NULL,
    kind               INTEGER NOT NULL,
    passed             INTEGER NOT NULL,
    approved_by        TEXT,
    approved_at        INTEGER,
    approval_method    TEXT,
    approval_reference TEXT,
    reason             TEXT    NOT NULL,
    snapshot_sha256    TEXT    NOT NULL,
    snapshot_json      TEXT    NOT NULL
);
CREATE INDEX ix_gate_decisions_agent_at ON gate_decisions (agent_id, at, id);
