namespace Rung.Core.Drift;

/// <summary>
/// What "normal" looks like for one model version: the distribution of every input feature in the training or
/// baseline rows, and, by the same structure, of the model's outputs (the predicted action as a categorical
/// column, the confidence as a numeric one). Stored next to the model as JSON (<see cref="ToJson"/>,
/// <see cref="FromJson"/>). Immutable and thread-safe.
/// </summary>
/// <param name="ModelVersion">The model version the reference belongs to.</param>
/// <param name="Rows">Reference rows profiled.</param>
/// <param name="Numeric">Per numeric feature, in ordinal name order.</param>
/// <param name="Categorical">Per categorical feature, in ordinal name order.</param>
public sealed record ReferenceProfile(
    string ModelVersion,
    long Rows,
    IReadOnlyDictionary<string, NumericFeatureProfile> Numeric,
    IReadOnlyDictionary<string, CategoricalFeatureProfile> Categorical)
{
    /// <summary>
    /// Profiles reference rows. A numeric feature is any key seen in <paramref name="rows"/>; a value that is
    /// absent, NaN or infinite counts as missing. A categorical feature is any key seen in
    /// <paramref name="categoricalRows"/>, which, when given, holds the same rows' categorical columns (same
    /// count, same order); an absent or empty value counts as missing.
    /// </summary>
    /// <exception cref="ArgumentException">When there are no rows, or the two lists differ in length.</exception>
    public static ReferenceProfile Build(
        string modelVersion,
        IReadOnlyList<IReadOnlyDictionary<string, double>> rows,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? categoricalRows = null,
        ReferenceProfileOptions? options = null) =>
        ReferenceProfileBuilder.Build(modelVersion, rows, categoricalRows, options ?? ReferenceProfileOptions.Default);

    /// <summary>The profile as indented JSON, format <c>rung.reference-profile</c> version 1.</summary>
    public string ToJson() => ReferenceProfileJson.Write(this);

    /// <summary>Reads a profile written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">When the JSON is truncated, malformed or inconsistent; the message names the property.</exception>
    public static ReferenceProfile FromJson(string json) => ReferenceProfileJson.Read(json);
}
