namespace Rung.Registry.Gates;

/// <summary>A challenger's test-gate results against the champion, stored as evidence.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Challenger">The version tested.</param>
/// <param name="Champion">The version it was compared with.</param>
/// <param name="Checks">Every gate's verdict.</param>
/// <param name="At">When (UTC).</param>
public sealed record GateReport(string AgentId, string Challenger, string Champion, IReadOnlyList<GateCheck> Checks, DateTimeOffset At)
{
    /// <summary>The evidence kind of a gate report.</summary>
    public const string EvidenceKind = "gate";

    /// <summary>True when every gate passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The gates that failed: the reasons a challenger is rejected.</summary>
    public IReadOnlyList<GateCheck> FailedChecks => [.. Checks.Where(c => !c.Passed)];

    /// <summary>Reads a stored report.</summary>
    public static GateReport FromJson(string json) => RegistryJson.Read<GateReport>(json, "gate report");
}
