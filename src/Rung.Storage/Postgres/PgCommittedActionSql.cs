namespace Rung.Storage.Postgres;

/// <summary>SQL shared by automatic commits (in the append batch) and approved drafts.</summary>
internal static class PgCommittedActionSql
{
    public const string Insert = """
        INSERT INTO committed_actions (case_id, agent_id, action_name, action_target, action_value, committed_at)
        VALUES (@case_id, @agent_id, @name, @target, @value, @at);
        """;
}
