namespace Rung.Core.Drift;

/// <summary>Whether a feature is numeric or categorical.</summary>
public enum FeatureKind
{
    /// <summary>A number per row.</summary>
    Numeric,

    /// <summary>A category name per row.</summary>
    Categorical,
}
