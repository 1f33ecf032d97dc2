namespace Rung.Registry.Shadow;

/// <summary>Champion and challenger on the live cases of one slice.</summary>
/// <param name="Key">The slice field (shift, product type, line).</param>
/// <param name="Value">The field's value.</param>
/// <param name="Cases">Cases the challenger answered in this slice.</param>
/// <param name="Agreements">Of those, where both proposed the same action.</param>
/// <param name="Labelled">Answered cases with a label.</param>
/// <param name="ChampionCorrect">Labelled cases the champion got right.</param>
/// <param name="ChallengerCorrect">Labelled cases the challenger got right.</param>
public sealed record LiveShadowSlice(string Key, string Value, int Cases, int Agreements, int Labelled, int ChampionCorrect, int ChallengerCorrect)
{
    /// <summary>The champion's accuracy on the slice's labelled cases; null with none.</summary>
    public double? ChampionAccuracy => Labelled == 0 ? null : (double)ChampionCorrect / Labelled;

    /// <summary>The challenger's accuracy on the slice's labelled cases; null with none.</summary>
    public double? ChallengerAccuracy => Labelled == 0 ? null : (double)ChallengerCorrect / Labelled;
}
