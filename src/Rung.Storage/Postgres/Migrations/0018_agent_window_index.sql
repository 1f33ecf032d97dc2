-- The twin of Sqlite/Migrations/0018_agent_window_index.sql.
-- The agent page's 30-day trend and the gate's 28-day case evidence read every case of their window through
-- (agent_id, occurred_at) and then fetched each case's heap tuple for a few narrow columns: one agent's cases are
-- interleaved with the other agents', so 21,600 cases touched some 5,500 heap pages. This index carries those
-- columns, so both reads can be index-only scans (measured by bench/scale.sh, docs/deployment.md "Measured"). It
-- replaces (agent_id, occurred_at): id is a key column after occurred_at, so the agent's latest decision
-- (ORDER BY occurred_at DESC, id DESC LIMIT 1) is still the first entry of a backward scan.
--
-- Building it locks writes to decisions while it runs (about 20 s per 10 million cases on the benchmark machine).
CREATE INDEX ix_decisions_agent_window ON decisions (agent_id, occurred_at, id) INCLUDE (disposition, stage, case_id, action_name);
DROP INDEX ix_decisions_agent_occurred;

-- An index-only scan reads the heap for every page not yet marked all-visible, and the windows read the newest
-- cases, which are exactly those. decisions is append-only, so autovacuum's insert trigger (by default after a fifth
-- of the table's size in new rows: two million new cases at 10 million) is what marks them; here it runs after every
-- 10,000 new cases, and each run only visits the pages written since the previous one.
ALTER TABLE decisions SET (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0);
