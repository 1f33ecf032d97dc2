-- A person's entries in a time range ("one person's last day" on the audit page) were read through (actor, seq),
-- every entry the person ever made, and filtered by time: at 10 million cases that is every verdict of the trail.
-- This index bounds the read by the time range; the query orders by seq + 0 so the planner does not prefer
-- (actor, seq) for its order (measured by bench/scale.sh, docs/deployment.md "Measured").
CREATE INDEX ix_audit_entries_actor_at ON audit_entries (actor, at);
