using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Core.Cases;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Edge;
using Rung.Storage.Journal;

namespace Rung.Edge.Protocol;

/// <summary>
/// The journal entries an edge forwards, as JSON: every field of the decision, so the server's copy is the edge's.
/// Doubles travel as round-trip text so NaN and infinities survive.
/// </summary>
public static class JournalWire
{
    /// <summary>Writes one entry.</summary>
    public static JsonObject Write(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var r = entry.Record;
        return new JsonObject
        {
            ["seq"] = entry.Sequence,
            ["caseId"] = r.Case.CaseId,
            ["agentId"] = r.Case.AgentId,
            ["occurredAt"] = r.Case.OccurredAt.UtcTicks,
            ["decidedAt"] = r.DecidedAt.UtcTicks,
            ["stage"] = r.Stage.ToString(),
            ["features"] = new JsonObject(r.Case.Features.Values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)Num(v.Value)))),
            ["flags"] = new JsonArray([.. r.Case.Features.Flags.Select(f => (JsonNode)new JsonObject { ["feature"] = f.Feature, ["problem"] = f.Problem, ["blocking"] = f.Blocking })]),
            ["action"] = Action(r.Proposal.Action),
            ["confidence"] = Num(r.Proposal.Confidence),
            ["ood"] = r.Proposal.OutOfDistribution,
            ["severity"] = r.Proposal.Severity.ToString(),
            ["explanation"] = new JsonArray([.. r.Proposal.Explanation.Select(e => (JsonNode)new JsonObject { ["feature"] = e.Feature, ["contribution"] = Num(e.Contribution) })]),
            ["modelVersion"] = r.Proposal.ModelVersion,
            ["latencyTicks"] = r.Proposal.Latency.Ticks,
            ["disposition"] = r.Decision.Disposition.ToString(),
            ["reasons"] = new JsonArray([.. r.Decision.Reasons.Select(s => (JsonNode)s)]),
            ["blockedBy"] = r.Decision.BlockedBy,
            ["exception"] = Item(r.Exception),
            ["deliveredAt"] = entry.DeliveredAt?.UtcTicks,
            ["actionException"] = Item(entry.ActionException),
        };
    }

    /// <summary>Reads one entry. Throws <see cref="FormatException"/> naming the field that is missing or wrong.</summary>
    public static JournalEntry Read(JsonElement e)
    {
        try
        {
            var caseId = e.GetProperty("caseId").GetString()!;
            var agentId = e.GetProperty("agentId").GetString()!;
            var features = new FeatureVector(
                e.GetProperty("features").EnumerateObject().ToDictionary(p => p.Name, p => Num(p.Value), StringComparer.Ordinal),
                [.. e.GetProperty("flags").EnumerateArray().Select(f => new QualityFlag(f.GetProperty("feature").GetString()!, f.GetProperty("problem").GetString()!, f.GetProperty("blocking").GetBoolean()))]);
            var proposal = new Proposal(
                ReadAction(e.GetProperty("action")),
                Num(e.GetProperty("confidence")),
                e.GetProperty("ood").GetBoolean(),
                Enum.Parse<Severity>(e.GetProperty("severity").GetString()!),
                [.. e.GetProperty("explanation").EnumerateArray().Select(x => new FeatureContribution(x.GetProperty("feature").GetString()!, Num(x.GetProperty("contribution"))))],
                e.GetProperty("modelVersion").GetString()!,
                TimeSpan.FromTicks(e.GetProperty("latencyTicks").GetInt64()));
            var decision = new PolicyDecision(
                Enum.Parse<Disposition>(e.GetProperty("disposition").GetString()!),
                [.. e.GetProperty("reasons").EnumerateArray().Select(s => s.GetString()!)],
                Text(e, "blockedBy"));
            var record = new DecisionRecord(
                new Case(caseId, agentId, Time(e.GetProperty("occurredAt")), features),
                proposal,
                Enum.Parse<Stage>(e.GetProperty("stage").GetString()!),
                decision,
                Time(e.GetProperty("decidedAt")),
                ReadItem(e, "exception", caseId, agentId));
            DateTimeOffset? delivered = e.TryGetProperty("deliveredAt", out var d) && d.ValueKind == JsonValueKind.Number ? Time(d) : null;
            return new JournalEntry(e.GetProperty("seq").GetInt64(), record, delivered, ReadItem(e, "actionException", caseId, agentId));
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FormatException($"journal entry {(e.ValueKind == JsonValueKind.Object && e.TryGetProperty("caseId", out var id) ? id.ToString() : "(no caseId)")}: {ex.Message}", ex);
        }
    }

    private static JsonNode Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double Num(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(JsonElement e) => new(e.GetInt64(), TimeSpan.Zero);

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonObject Action(ProposedAction a) => new() { ["name"] = a.Name, ["target"] = a.Target, ["value"] = a.Value is { } v ? Num(v) : null };

    private static ProposedAction ReadAction(JsonElement e) =>
        new(e.GetProperty("name").GetString()!, Text(e, "target"), e.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? Num(v) : null);

    private static JsonObject? Item(ExceptionItem? x) => x is null ? null : new JsonObject
    {
        ["reason"] = x.Reason,
        ["createdAt"] = x.CreatedAt.UtcTicks,
        ["dueAt"] = x.DueAt.UtcTicks,
    };

    private static ExceptionItem? ReadItem(JsonElement e, string name, string caseId, string agentId) =>
        e.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.Object
            ? new ExceptionItem(caseId, agentId, x.GetProperty("reason").GetString()!, Time(x.GetProperty("createdAt")), Time(x.GetProperty("dueAt")))
            : null;
}
