using System.Text.Json;

namespace Rung.Models.Remote;

/// <summary>The answer to <c>GET /v2/models/{name}</c>: the model's name, versions, platform and tensors.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Versions">The versions the server holds; may be empty.</param>
/// <param name="Platform">The serving platform, for example <c>onnxruntime_onnx</c>; may be empty.</param>
/// <param name="Inputs">The declared inputs.</param>
/// <param name="Outputs">The declared outputs.</param>
public sealed record OipModelMetadata(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<OipTensorSpec> Inputs, IReadOnlyList<OipTensorSpec> Outputs)
{
    /// <summary>Parses the metadata; throws <see cref="InvalidDataException"/> naming the field that is missing or wrong.</summary>
    public static OipModelMetadata Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the metadata is not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the metadata is not a JSON object");
            }

            var name = OipJson.String(root, "name", "metadata") ?? throw new InvalidDataException("the metadata has no \"name\"");
            var versions = root.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => e.ToString()).ToList()
                : [];
            var platform = OipJson.String(root, "platform", "metadata") ?? string.Empty;
            return new OipModelMetadata(name, versions, platform, Tensors(root, "inputs"), Tensors(root, "outputs"));
        }
    }

    private static List<OipTensorSpec> Tensors(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"the metadata's \"{field}\" is not a list");
        }

        var tensors = new List<OipTensorSpec>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var where = $"{field}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"the metadata's \"{where}\" is not an object");
            }

            var name = OipJson.String(item, "name", where) ?? throw new InvalidDataException($"the metadata's \"{where}\" has no \"name\"");
            var datatype = OipJson.String(item, "datatype", where) ?? throw new InvalidDataException($"the metadata's \"{where}\" ({name}) has no \"datatype\"");
            if (!item.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"the metadata's \"{where}\" ({name}) has no \"shape\" list");
            }

            var dims = new List<long>();
            foreach (var dim in shape.EnumerateArray())
            {
                if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var d) || d < -1)
                {
                    throw new InvalidDataException($"the metadata's \"{where}.shape\" ({name}) holds '{dim}'; expected whole numbers, -1 for a variable dimension");
                }

                dims.Add(d);
            }

            tensors.Add(new OipTensorSpec(name, datatype, dims));
        }

        return tensors;
    }
}
