namespace Rung.Registry.Shadow;

/// <summary>How a challenger in shadow compared with the champion on live cases, stored as evidence.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Challenger">The challenger version.</param>
/// <param name="Champion">The champion version.</param>
/// <param name="Cases">Cases both answered.</param>
/// <param name="Agreements">Cases where both proposed the same action.</param>
/// <param name="Labelled">Cases with a label.</param>
/// <param name="ChampionCorrect">Labelled cases the champion got right.</param>
/// <param name="ChallengerCorrect">Labelled cases the challenger got right.</param>
/// <param name="At">When (UTC).</param>
public sealed record ShadowReport(string AgentId, string Challenger, string Champion, int Cases, int Agreements, int Labelled, int ChampionCorrect, int ChallengerCorrect, DateTimeOffset At)
{
    /// <summary>The evidence kind of a shadow comparison.</summary>
    public const string EvidenceKind = "shadow";

    /// <summary>Share of cases with the same action; null with no cases.</summary>
    public double? Agreement => Cases == 0 ? null : (double)Agreements / Cases;

    /// <summary>The champion's accuracy on labelled cases; null with none.</summary>
    public double? ChampionAccuracy => Labelled == 0 ? null : (double)ChampionCorrect / Labelled;

    /// <summary>The challenger's accuracy on labelled cases; null with none.</summary>
    public double? ChallengerAccuracy => Labelled == 0 ? null : (double)ChallengerCorrect / Labelled;
}
