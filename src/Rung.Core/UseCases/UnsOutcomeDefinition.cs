namespace Rung.Core.UseCases;

/// <summary>Where outcomes (a QC result, a person's action) arrive and how each finds its case.</summary>
/// <param name="Topic">The topic (wildcards allowed) carrying JSON outcome messages.</param>
/// <param name="Key">The JSON field holding the case key, matched against the trigger's key.</param>
/// <param name="Field">The JSON field holding the outcome itself.</param>
public sealed record UnsOutcomeDefinition(string Topic, string Key, string Field);
