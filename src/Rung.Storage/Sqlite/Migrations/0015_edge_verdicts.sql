-- Edge verdicts: what an edge did with an approval or an exception resolution given on the server for one of its
-- cases. A verdict without a row here is still on its way down; the row is written once per case and kind, when
-- the edge reports, together with the approved action's delivery (or its exception item) on the server.
CREATE TABLE edge_verdict_results (
    case_id      TEXT    NOT NULL REFERENCES decisions (case_id),
    kind         INTEGER NOT NULL,
    agent_id     TEXT    NOT NULL,
    edge_id      TEXT    NOT NULL,
    applied_at   INTEGER NOT NULL,
    delivered_at INTEGER,
    problem      TEXT,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (case_id, kind)
);
