using Rung.Storage.Journal;

namespace Rung.Runtime.Challengers;

/// <summary>How a challenger runs in shadow beside the champion.</summary>
public sealed record ChallengerShadowOptions
{
    /// <summary>How long one challenger call may take before it is counted as timed out and no longer waited for. Default 2 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Cases waiting for the challenger beyond which new batches are dropped (and counted) rather than queued, so a
    /// slow challenger cannot grow memory without bound. Default 10 000.
    /// </summary>
    public int MaxPendingCases { get; init; } = 10_000;

    /// <summary>The slice fields of a case (shift, product type, line); null: none. See <see cref="ShadowSlices"/>.</summary>
    public Func<DecisionRecord, IReadOnlyDictionary<string, string>>? Slices { get; init; }
}
