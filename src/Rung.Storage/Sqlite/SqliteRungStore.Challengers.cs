using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rung.Storage.Challengers;

namespace Rung.Storage.Sqlite;

public sealed partial class SqliteRungStore : IChallengerShadowStore
{
    private const string ShadowColumns = "s.case_id, s.agent_id, s.challenger_version, s.champion_version, s.champion_action, s.result, s.challenger_action, s.challenger_confidence, s.high_severity, s.error, s.latency_ms, s.slices_json, s.at";

    /// <inheritdoc />
    public Task<IReadOnlyList<bool>> AppendShadowProposalsAsync(IReadOnlyList<ShadowProposal> proposals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        for (var i = 0; i < proposals.Count; i++)
        {
            var p = proposals[i] ?? throw new ArgumentException($"Shadow proposal {i} is null.", nameof(proposals));
            if (string.IsNullOrWhiteSpace(p.CaseId) || string.IsNullOrWhiteSpace(p.AgentId) || string.IsNullOrWhiteSpace(p.ChallengerVersion) || string.IsNullOrWhiteSpace(p.ChampionVersion))
            {
                throw new ArgumentException($"Shadow proposal {i} (case '{p.CaseId}'): case id, agent id and both versions are required.", nameof(proposals));
            }

            if ((p.Result == ShadowCallResult.Answered) != (p.ChallengerAction is not null))
            {
                throw new ArgumentException($"Shadow proposal {i} (case '{p.CaseId}'): an answered call has an action and only an answered call has one.", nameof(proposals));
            }
        }

        if (proposals.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<bool>>([]);
        }

        return WriteAsync<IReadOnlyList<bool>>(
            transaction =>
            {
                var stored = new bool[proposals.Count];
                using var insert = WriteCommand(transaction, """
                    INSERT INTO challenger_shadow (case_id, challenger_version, agent_id, champion_version, champion_action, result, challenger_action, challenger_confidence, high_severity, error, latency_ms, slices_json, at)
                    VALUES (@case, @challenger, @agent, @champion, @champion_action, @result, @action, @confidence, @high, @error, @latency, @slices, @at)
                    ON CONFLICT (case_id, challenger_version) DO NOTHING;
                    """);
                for (var i = 0; i < proposals.Count; i++)
                {
                    var p = proposals[i];
                    insert.Parameters.Clear();
                    insert.Add("@case", p.CaseId);
                    insert.Add("@challenger", p.ChallengerVersion);
                    insert.Add("@agent", p.AgentId);
                    insert.Add("@champion", p.ChampionVersion);
                    insert.Add("@champion_action", p.ChampionAction);
                    insert.Add("@result", (int)p.Result);
                    insert.Add("@action", p.ChallengerAction);
                    insert.Add("@confidence", p.ChallengerConfidence is { } c && double.IsFinite(c) ? c : null);
                    insert.Add("@high", p.HighSeverity ? 1 : 0);
                    insert.Add("@error", p.Error);
                    insert.Add("@latency", p.Latency.TotalMilliseconds);
                    insert.Add("@slices", SlicesJson(p.Slices));
                    insert.Add("@at", DbTime.ToDb(p.At));
                    try
                    {
                        stored[i] = insert.ExecuteNonQuery() == 1;
                    }
                    catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                    {
                        throw new KeyNotFoundException($"Shadow proposal {i}: case '{p.CaseId}' is not journalled; no shadow proposal of this batch was stored.", ex);
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
            SELECT {ShadowColumns}, o.correct_action
            FROM challenger_shadow s LEFT JOIN outcomes o ON o.case_id = s.case_id AND o.is_first = 1
            WHERE s.agent_id = @agent AND s.challenger_version = @challenger AND (@champion IS NULL OR s.champion_version = @champion)
            ORDER BY s.at, s.case_id;
            """;
        command.Add("@agent", agentId);
        command.Add("@challenger", challengerVersion);
        command.Add("@champion", championVersion);
        var rows = new List<ShadowRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var proposal = new ShadowProposal(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                (ShadowCallResult)reader.GetInt32(5), DbValues.GetNullableString(reader, 6), DbValues.GetNullableDouble(reader, 7),
                reader.GetInt32(8) == 1, DbValues.GetNullableString(reader, 9), TimeSpan.FromMilliseconds(reader.GetDouble(10)),
                ReadSlices(reader.GetString(11)), DbValues.GetTime(reader, 12));
            rows.Add(new ShadowRow(proposal, DbValues.GetNullableString(reader, 13)));
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

    private static string SlicesJson(IReadOnlyDictionary<string, string>? slices)
    {
        if (slices is null || slices.Count == 0)
        {
            return "{}";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in slices.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Dictionary<string, string> ReadSlices(string json)
    {
        using var document = JsonDocument.Parse(json);
        var slices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            slices[property.Name] = property.Value.GetString() ?? string.Empty;
        }

        return slices;
    }
}
