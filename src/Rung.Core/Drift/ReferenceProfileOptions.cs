namespace Rung.Core.Drift;

/// <summary>How a <see cref="ReferenceProfile"/> is built.</summary>
/// <param name="Bins">Quantile bins per numeric feature. Default 10 (deciles). At least 2.</param>
/// <param name="MaxSampleSize">Reference values kept per numeric feature for KS and Wasserstein. Default 5,000. At least 10.</param>
public sealed record ReferenceProfileOptions(int Bins = 10, int MaxSampleSize = 5000)
{
    /// <summary>The defaults.</summary>
    public static ReferenceProfileOptions Default { get; } = new();
}
