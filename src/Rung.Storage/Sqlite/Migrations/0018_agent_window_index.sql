-- The agent page's 30-day trend and the gate's 28-day case evidence read every case of their window through
-- (agent_id, occurred_at) and fetched each row from the table for a few narrow columns: one agent's cases are
-- interleaved with the other agents', so 21,600 cases touched some 15,000 table pages of wide rows (the JSON
-- columns). This index holds those columns, so both reads are index-only on the decisions side (measured by
-- bench/scale.sh, docs/deployment.md "Measured"). It replaces (agent_id, occurred_at): id follows occurred_at, so
-- the agent's latest decision (ORDER BY occurred_at DESC, id DESC) and the evidence's order (occurred_at, id) still
-- come from the index without a sort.
CREATE INDEX ix_decisions_agent_window ON decisions (agent_id, occurred_at, id, disposition, stage, case_id, action_name);
DROP INDEX ix_decisions_agent_occurred;
