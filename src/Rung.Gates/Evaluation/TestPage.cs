using System.Globalization;
using Rung.Core.Alarms;

namespace Rung.Gates.Evaluation;

/// <summary>
/// The test alarm that proves paging works end to end: raised through the normal pager path, it counts for the
/// gate once the owner (or anyone paged) acknowledged it.
/// </summary>
public static class TestPage
{
    /// <summary>The alarm rule of test pages.</summary>
    public const string Rule = "test_page";

    /// <summary>A new open test alarm for the agent's owner.</summary>
    public static Alarm Create(string id, string agentId, string owner, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return new Alarm(
            id, agentId, Rule, $"{Rule}:{id}", AlarmSeverity.Warning, "Test page: acknowledge it to prove the owner is reachable",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["sent_at"] = at.ToString("O", CultureInfo.InvariantCulture) },
            "Acknowledge with `rung alarms ack ID --by YOU`; the go/no-go gate counts an acknowledged test page as monitoring tested.",
            owner, at);
    }

    /// <summary>The latest acknowledged test page, or null.</summary>
    public static Alarm? LatestAcknowledged(IReadOnlyList<Alarm> alarms) =>
        alarms.Where(a => a.Rule == Rule && a.AcknowledgedAt is not null).MaxBy(a => a.AcknowledgedAt);
}
