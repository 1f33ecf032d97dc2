using System.Globalization;
using Rung.Core.Cases;
using Rung.Core.UseCases;

namespace Rung.Runtime.Contracts;

/// <summary>
/// Turns raw input values into the model's feature vector, enforcing the use case's data contract: every
/// declared input is looked up by name; a missing, non-finite or physically implausible value is left out of
/// the vector and flagged, so the stage policy keeps the case from automatic commit. For an optional input a
/// bad value is flagged as non-blocking and an absent one is not flagged at all. Thread-safe.
/// </summary>
public sealed class DataContract(IReadOnlyList<InputDefinition> inputs)
{
    /// <summary>The declared inputs.</summary>
    public IReadOnlyList<InputDefinition> Inputs => inputs;

    /// <summary>Builds the feature vector from raw values keyed by input name; absent keys and nulls are missing values.</summary>
    public FeatureVector Map(IReadOnlyDictionary<string, double?> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var values = new Dictionary<string, double>(inputs.Count, StringComparer.Ordinal);
        List<QualityFlag>? flags = null;
        foreach (var input in inputs)
        {
            var problem = Check(input, raw.TryGetValue(input.Name, out var v) ? v : null, out var value);
            if (problem is null)
            {
                values[input.Name] = value;
            }
            else if (input.Required)
            {
                (flags ??= []).Add(new QualityFlag(input.Name, problem));
            }
            else if (v is not null)
            {
                // An optional input may be absent; a value that is there but wrong is a sensor problem worth counting.
                (flags ??= []).Add(new QualityFlag(input.Name, problem, Blocking: false));
            }
        }

        return new FeatureVector(values, flags is null ? [] : flags);
    }

    private static string? Check(InputDefinition input, double? raw, out double value)
    {
        value = raw ?? double.NaN;
        if (raw is null)
        {
            return "missing";
        }

        if (!double.IsFinite(value))
        {
            return "not a finite number";
        }

        if (value < input.Min)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value} {input.Unit} below the plausible minimum {input.Min} {input.Unit}");
        }

        if (value > input.Max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value} {input.Unit} above the plausible maximum {input.Max} {input.Unit}");
        }

        return null;
    }
}
