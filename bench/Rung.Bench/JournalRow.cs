using System.Text.Json;
using Rung.Storage.Journal;

namespace Rung.Bench;

/// <summary>
/// One decision as the columns SQLite receives, with its JSON already written: what the journal's rows cost
/// in SQLite alone, without the store's validation, serialisation and parameter binding.
/// </summary>
internal sealed record JournalRow(
    string CaseId,
    string AgentId,
    long OccurredAt,
    long DecidedAt,
    int Stage,
    int Disposition,
    string Reasons,
    string Features,
    string Flags,
    string Action,
    double Confidence,
    int OutOfDistribution,
    int Severity,
    string Explanation,
    string ModelVersion,
    long LatencyTicks,
    string? ExceptionReason,
    long DueAt)
{
    public bool Committed => Disposition == (int)Rung.Core.Policy.Disposition.Committed;

    public static JournalRow From(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JournalRow(
            record.Case.CaseId,
            record.Case.AgentId,
            Ticks(record.Case.OccurredAt),
            Ticks(record.DecidedAt),
            (int)record.Stage,
            (int)record.Decision.Disposition,
            JsonSerializer.Serialize(record.Decision.Reasons),
            JsonSerializer.Serialize(record.Case.Features.Values),
            JsonSerializer.Serialize(record.Case.Features.Flags),
            record.Proposal.Action.Name,
            record.Proposal.Confidence,
            record.Proposal.OutOfDistribution ? 1 : 0,
            (int)record.Proposal.Severity,
            JsonSerializer.Serialize(record.Proposal.Explanation),
            record.Proposal.ModelVersion,
            record.Proposal.Latency.Ticks,
            record.Exception?.Reason,
            record.Exception is { } item ? Ticks(item.DueAt) : 0);
    }

    private static long Ticks(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks;
}
