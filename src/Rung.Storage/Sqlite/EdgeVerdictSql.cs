using Rung.Core.Exceptions;
using Rung.Storage.Edge;

namespace Rung.Storage.Sqlite;

/// <summary>Portable SQL of edge verdicts, shared by the SQLite and PostgreSQL stores (both bind <c>@name</c> parameters).</summary>
internal static class EdgeVerdictSql
{
    /// <summary>Approvals, then resolved exception items, of one agent that have no edge result yet; oldest first.</summary>
    public const string Unsettled = """
        SELECT case_id, agent_id, kind, actor, at, verdict, reason, action FROM (
            SELECT a.case_id, a.agent_id, 0 AS kind, a.approver AS actor, a.at, a.verdict, a.reason, a.correct_action AS action
            FROM approvals a
            WHERE a.agent_id = @agent_id
              AND NOT EXISTS (SELECT 1 FROM edge_verdict_results r WHERE r.case_id = a.case_id AND r.kind = 0)
            UNION ALL
            SELECT e.case_id, e.agent_id, 1 AS kind, COALESCE(e.resolved_by, e.assigned_to, 'unknown') AS actor, e.resolved_at AS at,
                CAST(NULL AS INTEGER) AS verdict, CAST(NULL AS TEXT) AS reason, e.resolution AS action
            FROM exception_items e
            WHERE e.agent_id = @agent_id AND e.resolved_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM edge_verdict_results r WHERE r.case_id = e.case_id AND r.kind = 1)
        ) v
        ORDER BY at, case_id, kind
        LIMIT @limit;
        """;

    /// <summary>One result per case and kind; a second report changes nothing.</summary>
    public const string InsertResult = """
        INSERT INTO edge_verdict_results (case_id, kind, agent_id, edge_id, applied_at, delivered_at, problem, received_at)
        VALUES (@case_id, @kind, @agent_id, @edge_id, @applied_at, @delivered_at, @problem, @received_at)
        ON CONFLICT (case_id, kind) DO NOTHING;
        """;

    /// <summary>The approved action was delivered (or settled) by the edge: the server never delivers it.</summary>
    public const string MarkDelivered = "UPDATE committed_actions SET delivered_at = @at WHERE case_id = @case_id AND delivered_at IS NULL;";

    /// <summary>The approved action became an exception item on the edge; it becomes one here too.</summary>
    public const string InsertException = """
        INSERT INTO exception_items (case_id, agent_id, reason, created_at, due_at) VALUES (@case_id, @agent_id, @reason, @created_at, @due_at)
        ON CONFLICT (case_id) DO NOTHING;
        """;

    public static void Validate(EdgeVerdictResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(result.CaseId, nameof(result));
        ArgumentException.ThrowIfNullOrWhiteSpace(result.EdgeId, nameof(result));
        if (!Enum.IsDefined(result.Kind))
        {
            throw new ArgumentException($"The edge result of case '{result.CaseId}' has an unknown kind ({(int)result.Kind}).", nameof(result));
        }
    }

    public static void AddResult(Action<string, object?> add, string agentId, EdgeVerdictResult result, DateTimeOffset receivedAt)
    {
        add("@case_id", result.CaseId);
        add("@kind", (int)result.Kind);
        add("@agent_id", agentId);
        add("@edge_id", result.EdgeId);
        add("@applied_at", DbTime.ToDb(result.AppliedAt));
        add("@delivered_at", result.DeliveredAt is { } d ? DbTime.ToDb(d) : null);
        add("@problem", result.Problem);
        add("@received_at", DbTime.ToDb(receivedAt));
    }

    public static void AddException(Action<string, object?> add, string agentId, ExceptionItem item)
    {
        add("@case_id", item.CaseId);
        add("@agent_id", agentId);
        add("@reason", item.Reason);
        add("@created_at", DbTime.ToDb(item.CreatedAt));
        add("@due_at", DbTime.ToDb(item.DueAt));
    }
}
