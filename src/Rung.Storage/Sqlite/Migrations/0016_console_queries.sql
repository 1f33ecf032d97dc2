-- Console reads that grew with the case table (measured by bench/scale.sh, 10 thousand to 10 million cases).
--
-- The approvals queue walked every draft the agent ever made (the partial index on disposition = 1) and skipped the
-- decided ones one by one: 1 in 100 cases is a draft, so at 10 million cases it skipped 100,000 rows to find the few
-- still waiting. pending_drafts holds only the drafts without a verdict, kept by triggers on every write path
-- (runtime, edge ingest, replication), so the queue costs what it holds.
CREATE TABLE pending_drafts (
    case_id     TEXT    NOT NULL PRIMARY KEY REFERENCES decisions (case_id),
    agent_id    TEXT    NOT NULL,
    decided_at  INTEGER NOT NULL,
    decision_id INTEGER NOT NULL
);
CREATE INDEX ix_pending_drafts_agent ON pending_drafts (agent_id, decided_at, decision_id);

INSERT INTO pending_drafts (case_id, agent_id, decided_at, decision_id)
SELECT d.case_id, d.agent_id, d.decided_at, d.id
FROM decisions d
WHERE d.disposition = 1 AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.case_id = d.case_id);

CREATE TRIGGER pending_drafts_on_decision AFTER INSERT ON decisions
WHEN NEW.disposition = 1 AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.case_id = NEW.case_id)
BEGIN
    INSERT OR IGNORE INTO pending_drafts (case_id, agent_id, decided_at, decision_id)
    VALUES (NEW.case_id, NEW.agent_id, NEW.decided_at, NEW.id);
END;

CREATE TRIGGER pending_drafts_on_approval AFTER INSERT ON approvals
BEGIN
    DELETE FROM pending_drafts WHERE case_id = NEW.case_id;
END;

