namespace Rung.Core.Slo;

/// <summary>Where an agent stands against its SLO.</summary>
public enum SloHealth
{
    /// <summary>Fewer labelled cases than the window; accuracy is not yet judged.</summary>
    InsufficientData,

    /// <summary>At or above the accuracy floor, no high-severity error beyond tolerance.</summary>
    Healthy,

    /// <summary>Under the floor but not under the alert line: automatic decisions are no longer earned.</summary>
    BelowFloor,

    /// <summary>Under the alert line over a full window, or a high-severity error beyond tolerance.</summary>
    Breached,
}

/// <summary>The SLO's numbers at one moment.</summary>
/// <param name="Labelled">Judgements in the window.</param>
/// <param name="Correct">Of those, correct.</param>
/// <param name="RollingAccuracy">Correct over labelled; null when nothing is labelled.</param>
/// <param name="WindowFull">True once the window holds as many judgements as it is long.</param>
/// <param name="HighSeverityErrors">High-severity errors since the stage began.</param>
/// <param name="Health">The verdict.</param>
public sealed record SloStatus(int Labelled, int Correct, double? RollingAccuracy, bool WindowFull, int HighSeverityErrors, SloHealth Health);
