namespace Rung.Core.UseCases;

/// <summary>
/// The thresholds of the three go/no-go gates of one use case. Every value is optional: a null takes the
/// default documented on it, most of them derived from the agent's promotion criteria and SLO.
/// </summary>
/// <param name="Shadow">Shadow to ApproveEach.</param>
/// <param name="ApproveEach">ApproveEach to AutoWithExceptions.</param>
/// <param name="Production">AutoWithExceptions to ProductionOwned.</param>
public sealed record GateDefinition(ShadowGateDefinition Shadow, ApproveEachGateDefinition ApproveEach, ProductionGateDefinition Production)
{
    /// <summary>Every threshold at its default.</summary>
    public static GateDefinition Default { get; } = new(new ShadowGateDefinition(), new ApproveEachGateDefinition(), new ProductionGateDefinition());
}
