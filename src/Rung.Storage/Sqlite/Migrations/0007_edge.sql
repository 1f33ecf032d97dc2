-- Edge runtime, schema version 7.
-- On an edge: how far its journal was forwarded, and the stop switches it obeys (mirrored from the server or set
-- locally). On the server: each edge's health as its last heartbeat said, the agent configuration published to
-- edges, and the stop switches it hands out. Stop switches are append-only: the newest event per scope wins.

CREATE TABLE edge_forwarding (
    target       TEXT    NOT NULL PRIMARY KEY,
    last_seq     INTEGER NOT NULL,
    forwarded_at INTEGER NOT NULL
);

CREATE TABLE edge_health (
    edge_id          TEXT    NOT NULL PRIMARY KEY,
    zone             TEXT    NOT NULL,
    last_heartbeat   INTEGER NOT NULL,
    buffer_depth     INTEGER NOT NULL,
    lag_ticks        INTEGER NOT NULL,
    model_version    TEXT    NOT NULL,
    clock_skew_ticks INTEGER NOT NULL,
    stopped          INTEGER NOT NULL
);

CREATE TABLE edge_configs (
    agent_id     TEXT    NOT NULL PRIMARY KEY,
    scope        TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    usecase_yaml TEXT    NOT NULL,
    published_at INTEGER NOT NULL,
    published_by TEXT    NOT NULL
);

CREATE TABLE stop_switches (
    id        INTEGER NOT NULL PRIMARY KEY,
    scope     TEXT    NOT NULL,
    stopped   INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    origin    TEXT    NOT NULL,
    -- The server's id of a switch an edge mirrored; null for one set here.
    remote_id INTEGER UNIQUE
);
