namespace Rung.Models.Remote;

/// <summary>
/// Checks that the model's declared tensors match the use case: every feature has an input (by name, or as a column
/// of the one input tensor), every input is FP32 or FP64 with a shape Rung can fill, and the configured outputs exist.
/// </summary>
internal static class OipMetadataCheck
{
    private static readonly string[] Floats = ["FP16", "FP32", "FP64"];

    /// <summary>Returns the plan, or throws <see cref="InvalidDataException"/> listing every mismatch.</summary>
    public static OipInferPlan Check(OipModelOptions options, OipModelMetadata metadata)
    {
        var problems = new List<string>();
        var plan = options.InputTensor is null ? PerFeature(options, metadata, problems) : Single(options, metadata, problems);
        var probabilities = Outputs(options, metadata, problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", problems));
        }

        return plan with { ProbabilitiesOutput = probabilities };
    }

    private static OipInferPlan PerFeature(OipModelOptions options, OipModelMetadata metadata, List<string> problems)
    {
        var declared = metadata.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var inputs = new List<OipTensorSpec>();
        var batched = true;
        var rank = 2;
        foreach (var feature in options.Features)
        {
            if (!declared.TryGetValue(feature, out var spec))
            {
                problems.Add($"the model declares no input '{feature}' (it declares {Names(metadata.Inputs)})");
                continue;
            }

            CheckDatatype(options, spec, problems);
            if (spec.Shape is not ([-1 or 1] or [-1 or 1, -1 or 1]))
            {
                problems.Add($"input '{feature}' has shape {Shape(spec.Shape)}; expected [-1, 1] or [-1] (one number per case)");
            }
            else
            {
                batched &= spec.Shape[0] == -1;
                rank = spec.Shape.Count;
            }

            inputs.Add(spec with { Datatype = options.Datatype ?? spec.Datatype });
        }

        foreach (var extra in metadata.Inputs.Where(i => !options.Features.Contains(i.Name, StringComparer.Ordinal)))
        {
            problems.Add($"the model declares input '{extra.Name}', which is not an input of the use case");
        }

        return new OipInferPlan(inputs, false, rank, batched, null);
    }

    private static OipInferPlan Single(OipModelOptions options, OipModelMetadata metadata, List<string> problems)
    {
        var name = options.InputTensor!;
        var spec = metadata.Inputs.FirstOrDefault(i => i.Name == name);
        if (spec is null)
        {
            problems.Add($"the model declares no input '{name}' (it declares {Names(metadata.Inputs)})");
            return new OipInferPlan([], true, 2, false, null);
        }

        foreach (var extra in metadata.Inputs.Where(i => i.Name != name))
        {
            problems.Add($"the model also declares input '{extra.Name}', which Rung would not fill");
        }

        CheckDatatype(options, spec, problems);
        var columns = options.Features.Count;
        if (spec.Shape is not [-1 or 1, var width] || (width != -1 && width != columns))
        {
            problems.Add($"input '{name}' has shape {Shape(spec.Shape)}; expected [-1, {columns}] (one row of {columns} features per case: {string.Join(", ", options.Features)})");
        }

        var batched = spec.Shape.Count > 0 && spec.Shape[0] == -1;
        return new OipInferPlan([spec with { Datatype = options.Datatype ?? spec.Datatype }], true, 2, batched, null);
    }

    private static string? Outputs(OipModelOptions options, OipModelMetadata metadata, List<string> problems)
    {
        var declared = metadata.Outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        if (options.LabelOutput is { } label)
        {
            Output(declared, label, "a label", d => d == "BYTES" || d.StartsWith("INT", StringComparison.Ordinal) || d.StartsWith("UINT", StringComparison.Ordinal), "BYTES or an integer type", problems);
            Output(declared, options.ScoreOutput!, "a score", d => Floats.Contains(d), "FP16, FP32 or FP64", problems);
            return null;
        }

        var probabilities = options.ProbabilitiesOutput;
        if (probabilities is null)
        {
            if (metadata.Outputs.Count != 1)
            {
                problems.Add($"say which output holds the class probabilities: the model declares {(metadata.Outputs.Count == 0 ? "no outputs" : Names(metadata.Outputs))}");
                return null;
            }

            probabilities = metadata.Outputs[0].Name;
        }

        Output(declared, probabilities, "probabilities", d => Floats.Contains(d), "FP16, FP32 or FP64", problems);
        if (declared.TryGetValue(probabilities, out var spec) && spec.Shape.Count > 0 && spec.Shape[^1] != -1 && spec.Shape[^1] != options.Classes!.Count)
        {
            problems.Add($"output '{probabilities}' has shape {Shape(spec.Shape)}: {spec.Shape[^1]} classes; the use case maps {options.Classes!.Count} ({string.Join(", ", options.Classes!)})");
        }

        return probabilities;
    }

    private static void Output(Dictionary<string, OipTensorSpec> declared, string name, string what, Func<string, bool> datatypeOk, string expected, List<string> problems)
    {
        // Some servers list no outputs; the answer is then checked call by call.
        if (declared.Count == 0)
        {
            return;
        }

        if (!declared.TryGetValue(name, out var spec))
        {
            problems.Add($"the model declares no output '{name}' for {what} (it declares {string.Join(", ", declared.Keys)})");
        }
        else if (!datatypeOk(spec.Datatype))
        {
            problems.Add($"output '{name}' is {spec.Datatype}; {what} must be {expected}");
        }
    }

    private static void CheckDatatype(OipModelOptions options, OipTensorSpec spec, List<string> problems)
    {
        if (spec.Datatype is not ("FP32" or "FP64"))
        {
            problems.Add($"input '{spec.Name}' is {spec.Datatype}; Rung sends FP32 or FP64");
        }
        else if (options.Datatype is { } wanted && wanted != spec.Datatype)
        {
            problems.Add($"input '{spec.Name}' is {spec.Datatype}; the use case says {wanted}");
        }
    }

    private static string Names(IReadOnlyList<OipTensorSpec> tensors) => tensors.Count == 0 ? "none" : string.Join(", ", tensors.Select(t => t.Name));

    internal static string Shape(IReadOnlyList<long> shape) => $"[{string.Join(", ", shape)}]";
}
