using Npgsql;
using Rung.Storage.Challengers;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IChallengerShadowStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<bool>> AppendShadowProposalsAsync(IReadOnlyList<ShadowProposal> proposals, CancellationToken cancellationToken = default)
    {
        ShadowRows.Validate(proposals);
        if (proposals.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<bool>>([]);
        }

        return WriteAsync<IReadOnlyList<bool>>(
            transaction =>
            {
                var stored = new bool[proposals.Count];
                using var insert = WriteCommand(transaction, ShadowRows.Insert);
                for (var i = 0; i < proposals.Count; i++)
                {
                    insert.Parameters.Clear();
                    foreach (var (name, value) in ShadowRows.Parameters(proposals[i]))
                    {
                        insert.Add(name, value);
                    }

                    try
                    {
                        stored[i] = insert.ExecuteNonQuery() == 1;
                    }
                    catch (PostgresException ex) when (PgErrors.IsConstraintViolation(ex))
                    {
                        throw ShadowRows.NotJournalled(i, proposals[i], ex);
                    }
                }

                return stored;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShadowRow>> GetShadowRowsAsync(string agentId, string challengerVersion, string? championVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(challengerVersion);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ShadowRows.Columns}, o.correct_action
            FROM challenger_shadow s LEFT JOIN outcomes o ON o.case_id = s.case_id AND o.is_first = 1
            WHERE s.agent_id = @agent AND s.challenger_version = @challenger AND (CAST(@champion AS TEXT) IS NULL OR s.champion_version = @champion)
            ORDER BY s.at, s.case_id;
            """;
        command.Add("@agent", agentId);
        command.Add("@challenger", challengerVersion);
        command.Add("@champion", championVersion);
        var rows = new List<ShadowRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ShadowRows.Read(reader));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetShadowChallengersAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT challenger_version, MIN(at) AS first_at FROM challenger_shadow WHERE agent_id = @agent GROUP BY challenger_version ORDER BY first_at, challenger_version;";
        command.Add("@agent", agentId);
        var versions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }
}
