using Rung.Registry;
using Rung.Registry.Gates;
using Rung.Registry.Shadow;
using Rung.Storage.Registry;

namespace Rung.Server.Data;

/// <summary>One registered version on the Models page.</summary>
/// <param name="Record">The stored version.</param>
/// <param name="Lineage">Where it came from (dataset, code, parameters, metrics, trigger).</param>
/// <param name="Aliases">The aliases pointing at it (<c>champion</c>, <c>challenger</c>).</param>
/// <param name="Gates">Its test-gate reports against a champion, oldest first.</param>
/// <param name="Shadow">Its shadow comparisons with a champion, oldest first.</param>
/// <param name="Blocker">Why it cannot be released now apart from the signature, or null when only the signature is missing.</param>
public sealed record ModelVersionView(
    ModelVersionRecord Record,
    ModelLineage Lineage,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<GateReport> Gates,
    IReadOnlyList<ShadowReport> Shadow,
    string? Blocker)
{
    /// <summary>The version id.</summary>
    public string Version => Record.Version;

    /// <summary>True when it is the champion.</summary>
    public bool IsChampion => Aliases.Contains(ModelAliases.Champion);

    /// <summary>True when it is the challenger.</summary>
    public bool IsChallenger => Aliases.Contains(ModelAliases.Challenger);
}
