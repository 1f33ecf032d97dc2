-- Agents made from a use-case template: the evidence behind the portfolio's reuse and time-to-production figures.
-- The twin of Sqlite/Migrations/0009_replication.sql.
CREATE TABLE template_instances (
    agent_id         TEXT    NOT NULL PRIMARY KEY REFERENCES agents (agent_id),
    template_id      TEXT    NOT NULL,
    champion_version TEXT    NOT NULL,
    source_agent_id  TEXT    NOT NULL,
    site             TEXT    NOT NULL,
    line             TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    created_by       TEXT    NOT NULL
);

CREATE INDEX template_instances_by_template ON template_instances (template_id, created_at);
