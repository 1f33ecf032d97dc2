using Rung.Storage;
using Rung.Storage.Challengers;

namespace Rung.Registry.Shadow;

/// <summary>Computes a challenger's live shadow comparison from stored rows: nothing is re-run, so the numbers can be reproduced.</summary>
public static class LiveShadowComparer
{
    /// <summary>Reads the challenger's shadow rows (beside <paramref name="champion"/> when given) and compares.</summary>
    public static async Task<LiveShadowComparison> CompareAsync(IChallengerShadowStore store, string agentId, string challenger, string? champion, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var rows = await store.GetShadowRowsAsync(agentId, challenger, champion, cancellationToken).ConfigureAwait(false);
        return Compare(agentId, challenger, champion, rows, time.GetUtcNow());
    }

    /// <summary>
    /// Compares on <paramref name="rows"/>. Failed and timed-out calls count as cases but not as answers, so they
    /// lower neither side's accuracy: they are reported on their own.
    /// </summary>
    public static LiveShadowComparison Compare(string agentId, string challenger, string? champion, IReadOnlyList<ShadowRow> rows, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var answered = rows.Where(r => r.Proposal.Result == ShadowCallResult.Answered).ToList();
        var latencies = answered.Select(r => r.Proposal.Latency).Order().ToList();
        var slices = answered
            .SelectMany(r => r.Proposal.Slices.Select(s => (s.Key, s.Value, Row: r)))
            .GroupBy(x => (x.Key, x.Value))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g =>
            {
                var (agreements, labelled, championCorrect, challengerCorrect) = Count([.. g.Select(x => x.Row)]);
                return new LiveShadowSlice(g.Key.Key, g.Key.Value, g.Count(), agreements, labelled, championCorrect, challengerCorrect);
            })
            .ToList();
        var totals = Count(answered);
        return new LiveShadowComparison(
            agentId,
            challenger,
            champion ?? (rows.Count == 0 ? "(none)" : rows[^1].Proposal.ChampionVersion),
            rows.Count,
            answered.Count,
            rows.Count(r => r.Proposal.Result == ShadowCallResult.Failed),
            rows.Count(r => r.Proposal.Result == ShadowCallResult.TimedOut),
            totals.Agreements,
            answered.Count(r => r.Proposal.HighSeverity),
            totals.Labelled,
            totals.ChampionCorrect,
            totals.ChallengerCorrect,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            slices,
            rows.Count == 0 ? null : rows.Min(r => r.Proposal.At),
            rows.Count == 0 ? null : rows.Max(r => r.Proposal.At),
            at);
    }

    private static (int Agreements, int Labelled, int ChampionCorrect, int ChallengerCorrect) Count(IReadOnlyList<ShadowRow> answered)
    {
        int agreements = 0, labelled = 0, championCorrect = 0, challengerCorrect = 0;
        foreach (var row in answered)
        {
            agreements += row.Proposal.ChallengerAction == row.Proposal.ChampionAction ? 1 : 0;
            if (row.Label is { } label)
            {
                labelled++;
                championCorrect += row.Proposal.ChampionAction == label ? 1 : 0;
                challengerCorrect += row.Proposal.ChallengerAction == label ? 1 : 0;
            }
        }

        return (agreements, labelled, championCorrect, challengerCorrect);
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
