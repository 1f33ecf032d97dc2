-- Model registry: versions with their signed artefacts (files under DIR/models/<agent>/<version>/), aliases
-- (champion, challenger), evidence (gate reports, shadow comparisons) and an append-only event log of every
-- registry change. No foreign key to agents: a model may be registered before its agent first runs.
CREATE TABLE model_versions (
    agent_id        TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    sequence        INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    lineage_json    TEXT    NOT NULL,
    parent_version  TEXT,
    registered_by   TEXT    NOT NULL,
    registered_at   INTEGER NOT NULL,
    manifest_sha256 TEXT,
    signed_at       INTEGER,
    PRIMARY KEY (agent_id, version),
    -- Version ids are never reused: the sequence only grows and no row is ever deleted.
    UNIQUE (agent_id, sequence)
);

CREATE TABLE model_aliases (
    agent_id TEXT    NOT NULL,
    alias    TEXT    NOT NULL,
    version  TEXT    NOT NULL,
    set_by   TEXT    NOT NULL,
    set_at   INTEGER NOT NULL,
    PRIMARY KEY (agent_id, alias),
    FOREIGN KEY (agent_id, version) REFERENCES model_versions (agent_id, version)
);

CREATE TABLE model_evidence (
    id              INTEGER NOT NULL PRIMARY KEY,
    agent_id        TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    against_version TEXT,
    passed          INTEGER NOT NULL,
    at              INTEGER NOT NULL,
    json            TEXT    NOT NULL,
    FOREIGN KEY (agent_id, version) REFERENCES model_versions (agent_id, version)
);
CREATE INDEX ix_model_evidence_version ON model_evidence (agent_id, version, id);

CREATE TABLE model_events (
    id       INTEGER NOT NULL PRIMARY KEY,
    agent_id TEXT    NOT NULL,
    version  TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    actor    TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    detail   TEXT    NOT NULL
);
CREATE INDEX ix_model_events_agent ON model_events (agent_id, id);
