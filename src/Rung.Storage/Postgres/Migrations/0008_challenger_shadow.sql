-- Challenger in shadow: what the challenger proposed on each live case the champion decided, stored beside the
-- case. The twin of Sqlite/Migrations/0008_challenger_shadow.sql. It never acts; labels come from the case's
-- outcomes as they arrive, so the comparison is a query. One row per case and challenger version: a case replayed
-- to the same challenger is stored once.
CREATE TABLE challenger_shadow (
    case_id               TEXT    NOT NULL REFERENCES decisions (case_id),
    challenger_version    TEXT    NOT NULL,
    agent_id              TEXT    NOT NULL,
    champion_version      TEXT    NOT NULL,
    champion_action       TEXT    NOT NULL,
    -- 0 answered, 1 failed, 2 timed out: the last two have no action.
    result                INTEGER NOT NULL,
    challenger_action     TEXT,
    challenger_confidence DOUBLE PRECISION,
    -- 1 when the two actions differ and the use case's error_severity rules rate the difference high.
    high_severity         INTEGER NOT NULL,
    error                 TEXT,
    latency_ms            DOUBLE PRECISION NOT NULL,
    slices_json           TEXT    NOT NULL,
    at                    BIGINT  NOT NULL,
    PRIMARY KEY (case_id, challenger_version)
);
CREATE INDEX ix_challenger_shadow_version ON challenger_shadow (agent_id, challenger_version, at);
