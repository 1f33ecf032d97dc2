namespace Rung.Core.Drift;

/// <summary>The drift verdicts of one window against one reference profile.</summary>
/// <param name="ModelVersion">The reference's model version.</param>
/// <param name="WindowRows">Rows in the window.</param>
/// <param name="Features">One verdict per feature of the reference, numeric first, each in name order.</param>
public sealed record DriftReport(string ModelVersion, int WindowRows, IReadOnlyList<FeatureDrift> Features)
{
    /// <summary>Share of tested features that drifted; 0 when none was tested.</summary>
    public double DriftedShare
    {
        get
        {
            var tested = Features.Count(f => f.Test != DriftTest.NotTested);
            return tested == 0 ? 0 : Features.Count(f => f.Drifted) / (double)tested;
        }
    }

    /// <summary>True when any feature drifted.</summary>
    public bool AnyDrifted => Features.Any(f => f.Drifted);
}
