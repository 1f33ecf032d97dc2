using Rung.Core.Ladder;
using Rung.Core.Outcomes;

namespace Rung.Runtime.Agents;

/// <summary>What one outcome did.</summary>
/// <param name="Judgement">The proposal marked right or wrong.</param>
/// <param name="Stored">False when an outcome from the same source was already stored for the case.</param>
/// <param name="CountedInSlo">True when it entered the SLO window.</param>
/// <param name="Demotion">The automatic demotion it caused, or null.</param>
public sealed record OutcomeResult(Judgement Judgement, bool Stored, bool CountedInSlo, StageChange? Demotion);
