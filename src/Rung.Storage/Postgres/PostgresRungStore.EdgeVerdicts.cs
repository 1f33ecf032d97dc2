using Rung.Core.Approvals;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IEdgeVerdictStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<EdgeVerdict>> GetUnsettledEdgeVerdictsAsync(string agentId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = EdgeVerdictSql.Unsettled;
        command.Add("@agent_id", agentId);
        command.Add("@limit", limit);
        var result = new List<EdgeVerdict>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new EdgeVerdict(
                reader.GetString(0), reader.GetString(1), (EdgeVerdictKind)reader.GetInt32(2), reader.GetString(3), DbValues.GetTime(reader, 4),
                reader.IsDBNull(5) ? null : (Verdict)reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return result;
    }

    /// <inheritdoc />
    public Task<bool> RecordEdgeVerdictResultAsync(string agentId, EdgeVerdictResult result, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        EdgeVerdictSql.Validate(result);
        var receivedAt = _timeProvider.GetUtcNow();
        return WriteAsync(
            transaction =>
            {
                using (var owner = WriteCommand(transaction, "SELECT agent_id FROM decisions WHERE case_id = @case_id;"))
                {
                    owner.Add("@case_id", result.CaseId);
                    if (owner.ExecuteScalar() as string != agentId)
                    {
                        throw new KeyNotFoundException($"Agent '{agentId}' has no case '{result.CaseId}'; the edge's result was not stored.");
                    }
                }

                using (var insert = WriteCommand(transaction, EdgeVerdictSql.InsertResult))
                {
                    EdgeVerdictSql.AddResult((n, v) => insert.Add(n, v), agentId, result, receivedAt);
                    if (insert.ExecuteNonQuery() == 0)
                    {
                        return false;
                    }
                }

                // An action the edge refused is settled here too, so the server never fires it; its exception item says why.
                if (result.Kind == EdgeVerdictKind.Approval && (result.DeliveredAt ?? result.ActionException?.CreatedAt) is { } delivered)
                {
                    using var mark = WriteCommand(transaction, EdgeVerdictSql.MarkDelivered);
                    mark.Add("@case_id", result.CaseId);
                    mark.Add("@at", DbTime.ToDb(delivered));
                    mark.ExecuteNonQuery();
                }

                if (result.Kind == EdgeVerdictKind.Approval && result.ActionException is { } item)
                {
                    using var add = WriteCommand(transaction, EdgeVerdictSql.InsertException);
                    EdgeVerdictSql.AddException((n, v) => add.Add(n, v), agentId, item);
                    add.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);
    }
}
