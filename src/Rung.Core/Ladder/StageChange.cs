namespace Rung.Core.Ladder;

/// <summary>Why a stage changed.</summary>
public enum StageChangeKind
{
    /// <summary>The first stage an agent is given when it is created.</summary>
    Initial,

    /// <summary>One rung up, after a passed gate and a signature.</summary>
    Promotion,

    /// <summary>Automatic, after an SLO breach; carries its evidence.</summary>
    Demotion,

    /// <summary>Paused, resumed or retired by a person.</summary>
    Manual,
}

/// <summary>One entry of an agent's stage history.</summary>
/// <param name="AgentId">The agent whose stage changed.</param>
/// <param name="From">The stage before; equal to <paramref name="To"/> only for <see cref="StageChangeKind.Initial"/>.</param>
/// <param name="To">The stage after.</param>
/// <param name="Kind">Promotion, demotion, manual change or initial stage.</param>
/// <param name="At">When it took effect (UTC).</param>
/// <param name="Actor">Who signed it, or <c>system</c> for automatic demotions.</param>
/// <param name="Reason">A sentence a person can read.</param>
/// <param name="Evidence">The numbers behind the change, as name/value pairs (for example accuracy, window, case ids).</param>
public sealed record StageChange(
    string AgentId,
    Stage From,
    Stage To,
    StageChangeKind Kind,
    DateTimeOffset At,
    string Actor,
    string Reason,
    IReadOnlyDictionary<string, string> Evidence);
