using System.Data.Common;
using System.Text;
using System.Text.Json;
using Rung.Storage.Challengers;

namespace Rung.Storage.Sqlite;

/// <summary>Checks, writes and reads challenger_shadow rows; shared by both stores.</summary>
internal static class ShadowRows
{
    /// <summary>The columns <see cref="Read"/> expects, from table alias <c>s</c>, followed by the label.</summary>
    public const string Columns = "s.case_id, s.agent_id, s.challenger_version, s.champion_version, s.champion_action, s.result, s.challenger_action, s.challenger_confidence, s.high_severity, s.error, s.latency_ms, s.slices_json, s.at";

    public const string Insert = """
        INSERT INTO challenger_shadow (case_id, challenger_version, agent_id, champion_version, champion_action, result, challenger_action, challenger_confidence, high_severity, error, latency_ms, slices_json, at)
        VALUES (@case, @challenger, @agent, @champion, @champion_action, @result, @action, @confidence, @high, @error, @latency, @slices, @at)
        ON CONFLICT (case_id, challenger_version) DO NOTHING;
        """;

    public static void Validate(IReadOnlyList<ShadowProposal> proposals)
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
    }

    /// <summary>The insert's parameter values, by name, for either provider's command.</summary>
    public static IEnumerable<(string Name, object? Value)> Parameters(ShadowProposal p) =>
    [
        ("@case", p.CaseId),
        ("@challenger", p.ChallengerVersion),
        ("@agent", p.AgentId),
        ("@champion", p.ChampionVersion),
        ("@champion_action", p.ChampionAction),
        ("@result", (int)p.Result),
        ("@action", p.ChallengerAction),
        // A non-finite confidence is no confidence: SQLite cannot keep NaN as a number, so neither store does.
        ("@confidence", p.ChallengerConfidence is { } c && double.IsFinite(c) ? c : null),
        ("@high", p.HighSeverity ? 1 : 0),
        ("@error", p.Error),
        ("@latency", p.Latency.TotalMilliseconds),
        ("@slices", SlicesJson(p.Slices)),
        ("@at", DbTime.ToDb(p.At)),
    ];

    public static KeyNotFoundException NotJournalled(int index, ShadowProposal proposal, Exception inner) =>
        new($"Shadow proposal {index}: case '{proposal.CaseId}' is not journalled; no shadow proposal of this batch was stored.", inner);

    public static ShadowRow Read(DbDataReader reader)
    {
        var proposal = new ShadowProposal(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            (ShadowCallResult)reader.GetInt32(5), DbValues.GetNullableString(reader, 6), DbValues.GetNullableDouble(reader, 7),
            reader.GetInt32(8) == 1, DbValues.GetNullableString(reader, 9), TimeSpan.FromMilliseconds(reader.GetDouble(10)),
            ReadSlices(reader.GetString(11)), DbValues.GetTime(reader, 12));
        return new ShadowRow(proposal, DbValues.GetNullableString(reader, 13));
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
