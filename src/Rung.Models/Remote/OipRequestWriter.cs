using System.Text.Json;
using Rung.Core.Cases;

namespace Rung.Models.Remote;

/// <summary>Writes the body of <c>POST .../infer</c>: the batch's features as FP32 or FP64 tensors, row-major.</summary>
internal static class OipRequestWriter
{
    /// <summary>
    /// Writes the request. Throws <see cref="ModelCallException"/> (ModelError) when a case lacks a finite value for
    /// a feature: a tensor cannot carry a missing value, and guessing one would change the model's answer.
    /// </summary>
    public static byte[] Write(string id, OipModelOptions options, OipInferPlan plan, IReadOnlyList<FeatureVector> batch)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            foreach (var feature in options.Features)
            {
                if (!batch[row].Values.TryGetValue(feature, out var value) || !double.IsFinite(value))
                {
                    throw new ModelCallException(
                        ModelFailure.ModelError,
                        $"The case was not sent to OIP model {options.Describe()}: input '{feature}' has no finite value, and a tensor cannot carry a missing one.");
                }
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteStartArray("inputs");
            if (plan.SingleTensor)
            {
                var spec = plan.Inputs[0];
                WriteTensor(json, spec.Name, spec.Datatype, [batch.Count, options.Features.Count], batch.SelectMany(f => options.Features.Select(n => f.Values[n])));
            }
            else
            {
                foreach (var spec in plan.Inputs)
                {
                    long[] shape = plan.Rank == 1 ? [batch.Count] : [batch.Count, 1];
                    WriteTensor(json, spec.Name, spec.Datatype, shape, batch.Select(f => f.Values[spec.Name]));
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("outputs");
            foreach (var output in new[] { plan.ProbabilitiesOutput, options.LabelOutput, options.ScoreOutput }.OfType<string>())
            {
                json.WriteStartObject();
                json.WriteString("name", output);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteTensor(Utf8JsonWriter json, string name, string datatype, long[] shape, IEnumerable<double> data)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartArray("shape");
        foreach (var dim in shape)
        {
            json.WriteNumberValue(dim);
        }

        json.WriteEndArray();
        json.WriteString("datatype", datatype);
        json.WriteStartArray("data");
        foreach (var value in data)
        {
            // FP32 is rounded here, so the model sees exactly what Rung records having sent.
            if (datatype == "FP32")
            {
                json.WriteNumberValue((float)value);
            }
            else
            {
                json.WriteNumberValue(value);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
