using System.Text.Json;

namespace Rung.Models.Softmax;

/// <summary>The model file format: one JSON object, documented in docs/model-adapters.md.</summary>
internal static class SoftmaxModelJson
{
    public const string Format = "rung.softmax-regression";
    public const int FormatVersion = 1;

    public static void Write(SoftmaxRegressionModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("formatVersion", FormatVersion);
        writer.WriteNumber("oodZLimit", model.OodZLimit);
        writer.WriteStartArray("classes");
        foreach (var name in model.Classes)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("features");
        foreach (var profile in model.Profiles)
        {
            writer.WriteStartObject();
            writer.WriteString("name", profile.Name);
            writer.WriteNumber("min", profile.Min);
            writer.WriteNumber("max", profile.Max);
            writer.WriteNumber("mean", profile.Mean);
            writer.WriteNumber("std", profile.Std);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("biases");
        for (var c = 0; c < model.Classes.Count; c++)
        {
            writer.WriteNumberValue(model.Bias(c));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("weights");
        for (var c = 0; c < model.Classes.Count; c++)
        {
            writer.WriteStartArray();
            foreach (var weight in model.WeightRow(c))
            {
                writer.WriteNumberValue(weight);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static SoftmaxRegressionModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"The model file is not complete JSON (truncated or malformed) at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message}",
                ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad("the file is not a JSON object");
            }

            var format = String(Property(root, "format", "format"), "format");
            if (format != Format)
            {
                throw Bad($"\"format\" is '{format}'; expected '{Format}'");
            }

            var version = Number(Property(root, "formatVersion", "formatVersion"), "formatVersion");
            if (version != FormatVersion)
            {
                throw Bad($"\"formatVersion\" is {version}; this version of Rung reads {FormatVersion}");
            }

            var oodZLimit = root.TryGetProperty("oodZLimit", out var limit) ? Number(limit, "oodZLimit") : SoftmaxRegressionModel.DefaultOodZLimit;
            var classes = ReadClasses(Array(Property(root, "classes", "classes"), "classes"));
            var profiles = ReadProfiles(Array(Property(root, "features", "features"), "features"));
            var biases = ReadNumbers(Array(Property(root, "biases", "biases"), "biases"), "biases", classes.Count);
            var weights = ReadWeights(Array(Property(root, "weights", "weights"), "weights"), classes.Count, profiles.Count);
            try
            {
                return new SoftmaxRegressionModel(profiles, classes, weights, biases, oodZLimit);
            }
            catch (ArgumentException ex)
            {
                throw Bad(ex.Message, ex);
            }
        }
    }

    private static List<string> ReadClasses(JsonElement array)
    {
        var classes = new List<string>();
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            classes.Add(String(element, $"classes[{i++}]"));
        }

        return classes;
    }

    private static List<FeatureProfile> ReadProfiles(JsonElement array)
    {
        var profiles = new List<FeatureProfile>();
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"features[{i++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"\"{path}\" is not an object");
            }

            profiles.Add(new FeatureProfile(
                String(Property(element, "name", path + ".name"), path + ".name"),
                Number(Property(element, "min", path + ".min"), path + ".min"),
                Number(Property(element, "max", path + ".max"), path + ".max"),
                Number(Property(element, "mean", path + ".mean"), path + ".mean"),
                Number(Property(element, "std", path + ".std"), path + ".std")));
        }

        return profiles;
    }

    private static List<double> ReadWeights(JsonElement array, int classCount, int featureCount)
    {
        if (array.GetArrayLength() != classCount)
        {
            throw Bad($"\"weights\" has {array.GetArrayLength()} rows; expected one per class ({classCount})");
        }

        var weights = new List<double>(classCount * featureCount);
        var c = 0;
        foreach (var row in array.EnumerateArray())
        {
            var path = $"weights[{c++}]";
            weights.AddRange(ReadNumbers(Array(row, path), path, featureCount));
        }

        return weights;
    }

    private static List<double> ReadNumbers(JsonElement array, string path, int expected)
    {
        if (array.GetArrayLength() != expected)
        {
            throw Bad($"\"{path}\" has {array.GetArrayLength()} numbers; expected {expected}");
        }

        var numbers = new List<double>(expected);
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            numbers.Add(Number(element, $"{path}[{i++}]"));
        }

        return numbers;
    }

    private static JsonElement Property(JsonElement owner, string name, string path) =>
        owner.TryGetProperty(name, out var element) ? element : throw Bad($"\"{path}\" is missing");

    private static JsonElement Array(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array ? element : throw Bad($"\"{path}\" is not a list");

    private static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString())
            ? element.GetString()!
            : throw Bad($"\"{path}\" must be a non-empty string");

    private static double Number(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw Bad($"\"{path}\" must be a finite number; it is {element.GetRawText()}");

    private static InvalidDataException Bad(string problem, Exception? inner = null) =>
        new($"The model file is not a valid softmax regression model: {problem}.", inner);
}
