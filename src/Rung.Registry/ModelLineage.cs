namespace Rung.Registry;

/// <summary>Where a version came from.</summary>
/// <param name="DatasetId">The training-data snapshot id, or null when unknown (an imported pilot).</param>
/// <param name="DatasetSha256">The snapshot's content hash, or null.</param>
/// <param name="CodeVersion">The training code's version (a commit, a script hash), or null.</param>
/// <param name="Parameters">Training parameters.</param>
/// <param name="Metrics">Metrics the training reported.</param>
/// <param name="Trigger">What started the training (drift alarm, accuracy breach, schedule, person), or null for a manual registration.</param>
public sealed record ModelLineage(
    string? DatasetId,
    string? DatasetSha256,
    string? CodeVersion,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    string? Trigger = null)
{
    /// <summary>No dataset, no code version, no parameters or metrics.</summary>
    public static ModelLineage Unknown { get; } = new(null, null, null, new Dictionary<string, string>(), new Dictionary<string, double>());
}
