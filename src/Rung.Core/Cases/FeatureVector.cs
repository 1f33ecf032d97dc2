namespace Rung.Core.Cases;

/// <summary>
/// The model's inputs for one case, in the data contract's units, with the quality problems found
/// while building them. A feature with a problem may be absent from <see cref="Values"/>.
/// </summary>
/// <param name="Values">Numeric inputs by name.</param>
/// <param name="Flags">Quality problems; empty when every input passed the contract's rules.</param>
public sealed record FeatureVector(IReadOnlyDictionary<string, double> Values, IReadOnlyList<QualityFlag> Flags)
{
    /// <summary>A vector with no quality problems.</summary>
    public FeatureVector(IReadOnlyDictionary<string, double> values)
        : this(values, [])
    {
    }

    /// <summary>True when no required input has a quality problem (optional inputs' problems do not hold a case back).</summary>
    public bool IsClean => !Flags.Any(f => f.Blocking);
}
