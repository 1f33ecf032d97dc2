-- Console reads that grew with the case table (measured by bench/scale.sh, 10 thousand to 10 million cases).
-- The twin of Sqlite/Migrations/0016_console_queries.sql.
--
-- The approvals queue walked every draft the agent ever made (the partial index on disposition = 1) and skipped the
-- decided ones one by one: 1 in 100 cases is a draft, so at 10 million cases it skipped 100,000 rows to find the few
-- still waiting. pending_drafts holds only the drafts without a verdict, kept by triggers on every write path
-- (runtime, edge ingest, replication), so the queue costs what it holds.
CREATE TABLE pending_drafts (
    case_id     TEXT    NOT NULL PRIMARY KEY REFERENCES decisions (case_id),
    agent_id    TEXT    NOT NULL,
    decided_at  BIGINT  NOT NULL,
    decision_id BIGINT  NOT NULL
);
CREATE INDEX ix_pending_drafts_agent ON pending_drafts (agent_id, decided_at, decision_id);

INSERT INTO pending_drafts (case_id, agent_id, decided_at, decision_id)
SELECT d.case_id, d.agent_id, d.decided_at, d.id
FROM decisions d
WHERE d.disposition = 1 AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.case_id = d.case_id);

CREATE FUNCTION rung_pending_drafts_on_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM approvals a WHERE a.case_id = NEW.case_id) THEN
        INSERT INTO pending_drafts (case_id, agent_id, decided_at, decision_id)
        VALUES (NEW.case_id, NEW.agent_id, NEW.decided_at, NEW.id)
        ON CONFLICT (case_id) DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER pending_drafts_on_decision AFTER INSERT ON decisions
FOR EACH ROW WHEN (NEW.disposition = 1) EXECUTE FUNCTION rung_pending_drafts_on_decision();

CREATE FUNCTION rung_pending_drafts_on_approval() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM pending_drafts WHERE case_id = NEW.case_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER pending_drafts_on_approval AFTER INSERT ON approvals
FOR EACH ROW EXECUTE FUNCTION rung_pending_drafts_on_approval();

