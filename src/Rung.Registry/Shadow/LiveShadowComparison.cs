using System.Globalization;

namespace Rung.Registry.Shadow;

/// <summary>
/// How a challenger run in shadow beside the champion compared on live cases, computed from the stored shadow rows
/// and the labels that have arrived. Stored as registry evidence of kind <see cref="EvidenceKind"/>.
/// </summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Challenger">The challenger version.</param>
/// <param name="Champion">The champion it ran beside (the latest one when it ran beside several).</param>
/// <param name="Cases">Live cases given to the challenger.</param>
/// <param name="Answered">Cases it answered.</param>
/// <param name="Failed">Calls that failed.</param>
/// <param name="TimedOut">Calls that ran past the shadow timeout.</param>
/// <param name="Agreements">Answered cases where both proposed the same action.</param>
/// <param name="HighSeverityDisagreements">Disagreements the use case's severity rules rate high.</param>
/// <param name="Labelled">Answered cases with a label.</param>
/// <param name="ChampionCorrect">Labelled cases the champion got right.</param>
/// <param name="ChallengerCorrect">Labelled cases the challenger got right.</param>
/// <param name="LatencyP50">The challenger's median latency over answered calls.</param>
/// <param name="LatencyP99">The challenger's 99th-percentile latency over answered calls.</param>
/// <param name="Slices">Per slice field and value, ordered by field then value.</param>
/// <param name="From">The first shadow case; null with none.</param>
/// <param name="To">The last shadow case; null with none.</param>
/// <param name="At">When the comparison was computed (UTC).</param>
public sealed record LiveShadowComparison(
    string AgentId,
    string Challenger,
    string Champion,
    int Cases,
    int Answered,
    int Failed,
    int TimedOut,
    int Agreements,
    int HighSeverityDisagreements,
    int Labelled,
    int ChampionCorrect,
    int ChallengerCorrect,
    TimeSpan LatencyP50,
    TimeSpan LatencyP99,
    IReadOnlyList<LiveShadowSlice> Slices,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset At)
{
    /// <summary>The evidence kind of a live shadow comparison.</summary>
    public const string EvidenceKind = "shadow.live";

    /// <summary>Share of answered cases with the same action; null with none.</summary>
    public double? Agreement => Answered == 0 ? null : (double)Agreements / Answered;

    /// <summary>The champion's accuracy on labelled cases; null with none.</summary>
    public double? ChampionAccuracy => Labelled == 0 ? null : (double)ChampionCorrect / Labelled;

    /// <summary>The challenger's accuracy on labelled cases; null with none.</summary>
    public double? ChallengerAccuracy => Labelled == 0 ? null : (double)ChallengerCorrect / Labelled;

    /// <summary>Reads a stored comparison.</summary>
    public static LiveShadowComparison FromJson(string json) => RegistryJson.Read<LiveShadowComparison>(json, "live shadow comparison");

    /// <summary>Two lines for a person: volume, agreement and accuracy; then failures, high-severity disagreements, latency and slices.</summary>
    public IReadOnlyList<string> Describe()
    {
        var span = From is { } f && To is { } t ? string.Create(CultureInfo.InvariantCulture, $" from {f:yyyy-MM-dd} to {t:yyyy-MM-dd}") : string.Empty;
        var first = string.Create(
            CultureInfo.InvariantCulture,
            $"{Challenger} in shadow beside {Champion}: {Answered} of {Cases} live cases answered{span}, agreement {Percent(Agreement)}; on {Labelled} labelled, challenger {Percent(ChallengerAccuracy)} vs champion {Percent(ChampionAccuracy)}");
        var slices = Slices.Count == 0
            ? string.Empty
            : "; " + string.Join(", ", Slices.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value} {Percent(s.ChallengerAccuracy)} vs {Percent(s.ChampionAccuracy)} ({s.Labelled})")));
        var second = string.Create(
            CultureInfo.InvariantCulture,
            $"{Failed} failed and {TimedOut} timed-out calls, {HighSeverityDisagreements} high-severity disagreements, latency p50 {LatencyP50.TotalMilliseconds:0.###} ms p99 {LatencyP99.TotalMilliseconds:0.###} ms{slices}");
        return [first, second];
    }

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
}
