using Rung.Core.Cases;

namespace Rung.Uns.Contracts;

/// <summary>
/// A case assembled from the namespace: the latest value of every feature as of the trigger, each with its
/// quality, and the IT context in force on the line at that time.
/// </summary>
/// <param name="CaseId">The case key from the trigger (for example the part id); the same trigger gives the same id.</param>
/// <param name="OccurredAt">The trigger's source time.</param>
/// <param name="Line">enterprise/site/area/line the case belongs to, from the agent's scope.</param>
/// <param name="Features">One reading per declared input, in declaration order.</param>
/// <param name="Context">The context event in force per context name; absent names had none yet.</param>
/// <param name="RequiredInputs">The names of the required inputs.</param>
public sealed record UnsCase(
    string CaseId,
    DateTimeOffset OccurredAt,
    string? Line,
    IReadOnlyList<FeatureReading> Features,
    IReadOnlyDictionary<string, ContextEvent> Context,
    IReadOnlySet<string> RequiredInputs)
{
    /// <summary>
    /// True when a required input is not usable (Stale, Missing, OutOfRange, BadQuality): the runtime must never
    /// commit this case automatically.
    /// </summary>
    public bool BlocksAutoCommit => Features.Any(f => !f.IsUsable && RequiredInputs.Contains(f.Feature));

    /// <summary>The usable values by input name, null for the rest: the shape of the runtime's raw case input.</summary>
    public IReadOnlyDictionary<string, double?> Values =>
        Features.ToDictionary(f => f.Feature, f => f.IsUsable ? f.Value : null, StringComparer.Ordinal);

    /// <summary>
    /// The model's feature vector: usable values, and a quality flag for every feature that is not Good. Flags of
    /// required inputs that are not usable block; Held values and problems on optional inputs do not. A missing
    /// optional input is not flagged, as in the runtime's data contract.
    /// </summary>
    public FeatureVector ToFeatureVector()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var flags = new List<QualityFlag>();
        foreach (var f in Features)
        {
            if (f.IsUsable && f.Value is { } v)
            {
                values[f.Feature] = v;
            }

            var required = RequiredInputs.Contains(f.Feature);
            if (f.Quality == FeatureQuality.Good || (!required && f.Quality == FeatureQuality.Missing))
            {
                continue;
            }

            flags.Add(new QualityFlag(f.Feature, $"{f.Quality}: {f.Problem}", Blocking: required && !f.IsUsable));
        }

        return new FeatureVector(values, flags);
    }
}
