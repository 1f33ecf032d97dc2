namespace Rung.Storage.Gates;

/// <summary>The action outbox checked after a connector restart or a target outage.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="At">When the check ran (UTC).</param>
/// <param name="Kind"><c>restart</c> or <c>outage</c>.</param>
/// <param name="Committed">Committed actions at the check.</param>
/// <param name="Delivered">Of those, found delivered in the target.</param>
/// <param name="Lost">Committed actions missing from the target.</param>
/// <param name="Duplicated">Cases delivered more than once.</param>
/// <param name="Note">What restarted and how it was checked.</param>
public sealed record ConnectorCheck(string AgentId, DateTimeOffset At, string Kind, int Committed, int Delivered, int Lost, int Duplicated, string Note)
{
    /// <summary>True when nothing was lost or duplicated.</summary>
    public bool Clean => Lost == 0 && Duplicated == 0;
}
