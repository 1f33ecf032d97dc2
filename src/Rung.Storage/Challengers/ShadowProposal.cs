namespace Rung.Storage.Challengers;

/// <summary>What a challenger in shadow proposed on one live case, stored beside the case. It never acts.</summary>
/// <param name="CaseId">The journalled case.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="ChallengerVersion">The challenger version that answered.</param>
/// <param name="ChampionVersion">The version that decided the case.</param>
/// <param name="ChampionAction">The action the champion proposed.</param>
/// <param name="Result">How the challenger's call ended.</param>
/// <param name="ChallengerAction">The challenger's action; null unless <see cref="ShadowCallResult.Answered"/>.</param>
/// <param name="ChallengerConfidence">The challenger's confidence; null unless answered.</param>
/// <param name="HighSeverity">True when the two actions differ and the use case's severity rules rate the difference high.</param>
/// <param name="Error">What went wrong when the call failed or timed out.</param>
/// <param name="Latency">How long the challenger took (up to the timeout).</param>
/// <param name="Slices">The case's slice fields (shift, product type, line), for per-slice comparison.</param>
/// <param name="At">When the challenger answered (UTC).</param>
public sealed record ShadowProposal(
    string CaseId,
    string AgentId,
    string ChallengerVersion,
    string ChampionVersion,
    string ChampionAction,
    ShadowCallResult Result,
    string? ChallengerAction,
    double? ChallengerConfidence,
    bool HighSeverity,
    string? Error,
    TimeSpan Latency,
    IReadOnlyDictionary<string, string> Slices,
    DateTimeOffset At);
