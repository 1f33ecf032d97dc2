using System.Globalization;
using System.Text.Json;
using Rung.Core.Proposals;

namespace Rung.Models.Remote;

/// <summary>
/// Reads the answer of <c>POST .../infer</c> into one <see cref="ModelOutput"/> per case: the most probable class of
/// a probabilities tensor, or a label tensor with its score. Throws <see cref="InvalidDataException"/> naming the
/// tensor and what is wrong with it (missing, wrong datatype, wrong shape, a value out of range).
/// </summary>
internal static class OipResponseReader
{
    private const double Tolerance = 1e-4;

    public static IReadOnlyList<ModelOutput> Read(ReadOnlySpan<byte> body, OipModelOptions options, OipInferPlan plan, int batch)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the answer is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("the answer has no \"outputs\" list");
            }

            var byName = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var output in outputs.EnumerateArray())
            {
                if (output.ValueKind == JsonValueKind.Object && OipJson.String(output, "name", "outputs[]") is { } name)
                {
                    byName[name] = output;
                }
            }

            return plan.ProbabilitiesOutput is { } probabilities
                ? FromProbabilities(Tensor(byName, probabilities), probabilities, options.Classes!, batch)
                : FromLabels(Tensor(byName, options.LabelOutput!), options.LabelOutput!, Tensor(byName, options.ScoreOutput!), options.ScoreOutput!, options.Classes, batch);
        }
    }

    private static List<ModelOutput> FromProbabilities(JsonElement tensor, string name, IReadOnlyList<string> classes, int batch)
    {
        var datatype = Datatype(tensor, name, d => d is "FP16" or "FP32" or "FP64", "FP16, FP32 or FP64");
        var shape = Shape(tensor, name);
        var width = classes.Count;
        if (!(shape is [var b, var w] && b == batch && w == width) && !(batch == 1 && shape is [var only] && only == width))
        {
            throw new InvalidDataException($"output '{name}' has shape {OipMetadataCheck.Shape(shape)}; expected [{batch}, {width}] ({batch} cases, one column per class: {string.Join(", ", classes)})");
        }

        var data = Numbers(tensor, name, datatype, batch * width);
        var answers = new List<ModelOutput>(batch);
        for (var row = 0; row < batch; row++)
        {
            var best = 0;
            for (var c = 0; c < width; c++)
            {
                var p = data[(row * width) + c];
                if (p is < -Tolerance or > 1 + Tolerance)
                {
                    throw new InvalidDataException($"output '{name}' row {row} holds {p.ToString(CultureInfo.InvariantCulture)} for class '{classes[c]}'; a probability is 0 to 1");
                }

                best = p > data[(row * width) + best] ? c : best;
            }

            answers.Add(new ModelOutput(new ProposedAction(classes[best]), Math.Clamp(data[(row * width) + best], 0, 1), []));
        }

        return answers;
    }

    private static List<ModelOutput> FromLabels(JsonElement labels, string labelName, JsonElement scores, string scoreName, IReadOnlyList<string>? classes, int batch)
    {
        var labelType = Datatype(labels, labelName, d => d == "BYTES" || d.Contains("INT", StringComparison.Ordinal), "BYTES or an integer type");
        var scoreType = Datatype(scores, scoreName, d => d is "FP16" or "FP32" or "FP64", "FP16, FP32 or FP64");
        CheckPerCase(Shape(labels, labelName), labelName, batch);
        CheckPerCase(Shape(scores, scoreName), scoreName, batch);
        var names = labelType == "BYTES" ? Strings(labels, labelName, batch) : Indices(labels, labelName, labelType, classes, batch);
        var values = Numbers(scores, scoreName, scoreType, batch);
        var answers = new List<ModelOutput>(batch);
        for (var row = 0; row < batch; row++)
        {
            if (values[row] is < -Tolerance or > 1 + Tolerance)
            {
                throw new InvalidDataException($"output '{scoreName}' row {row} holds {values[row].ToString(CultureInfo.InvariantCulture)}; a score is 0 to 1");
            }

            if (classes is not null && !classes.Contains(names[row], StringComparer.Ordinal))
            {
                throw new InvalidDataException($"output '{labelName}' row {row} is '{names[row]}', not one of the mapped classes ({string.Join(", ", classes)})");
            }

            answers.Add(new ModelOutput(new ProposedAction(names[row]), Math.Clamp(values[row], 0, 1), []));
        }

        return answers;
    }

    private static JsonElement Tensor(Dictionary<string, JsonElement> outputs, string name) =>
        outputs.TryGetValue(name, out var tensor)
            ? tensor
            : throw new InvalidDataException($"the answer has no output '{name}' (it has {(outputs.Count == 0 ? "none" : string.Join(", ", outputs.Keys))})");

    private static string Datatype(JsonElement tensor, string name, Func<string, bool> ok, string expected)
    {
        var datatype = OipJson.String(tensor, "datatype", name) ?? throw new InvalidDataException($"output '{name}' has no \"datatype\"");
        return ok(datatype) ? datatype : throw new InvalidDataException($"output '{name}' is {datatype}; expected {expected}");
    }

    private static List<long> Shape(JsonElement tensor, string name)
    {
        if (!tensor.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"output '{name}' has no \"shape\" list");
        }

        return [.. shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var v) && v >= 0
            ? v
            : throw new InvalidDataException($"output '{name}' has a shape dimension '{d}'; expected whole numbers"))];
    }

    private static void CheckPerCase(List<long> shape, string name, int batch)
    {
        if (!(shape is [var b] && b == batch) && !(shape is [var b2, 1] && b2 == batch))
        {
            throw new InvalidDataException($"output '{name}' has shape {OipMetadataCheck.Shape(shape)}; expected [{batch}] or [{batch}, 1] (one value per case)");
        }
    }

    // The protocol allows "data" flat (row-major) or nested like the shape; both are flattened here.
    private static List<JsonElement> Flat(JsonElement tensor, string name, int expected)
    {
        if (!tensor.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"output '{name}' has no \"data\" list");
        }

        var flat = new List<JsonElement>(expected);
        void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else
            {
                flat.Add(element);
            }
        }

        Walk(data);
        return flat.Count == expected
            ? flat
            : throw new InvalidDataException($"output '{name}' holds {flat.Count} values; its shape needs {expected}");
    }

    private static double[] Numbers(JsonElement tensor, string name, string datatype, int expected) =>
        [.. Flat(tensor, name, expected).Select((e, i) => e.ValueKind == JsonValueKind.Number && double.IsFinite(e.GetDouble())
            ? e.GetDouble()
            : throw new InvalidDataException($"output '{name}' value {i} is '{e}'; a {datatype} tensor holds finite numbers"))];

    private static string[] Strings(JsonElement tensor, string name, int expected) =>
        [.. Flat(tensor, name, expected).Select((e, i) => e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())
            ? e.GetString()!
            : throw new InvalidDataException($"output '{name}' value {i} is '{e}'; a BYTES label holds the action's name"))];

    private static string[] Indices(JsonElement tensor, string name, string datatype, IReadOnlyList<string>? classes, int expected)
    {
        if (classes is null)
        {
            throw new InvalidDataException($"output '{name}' is {datatype}; an integer label needs the classes it indexes");
        }

        return [.. Flat(tensor, name, expected).Select((e, i) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var index) && index >= 0 && index < classes.Count
            ? classes[index]
            : throw new InvalidDataException($"output '{name}' value {i} is '{e}'; expected a class index from 0 to {classes.Count - 1}"))];
    }
}
