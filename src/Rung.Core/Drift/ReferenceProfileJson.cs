using System.Text;
using System.Text.Json;

namespace Rung.Core.Drift;

/// <summary>Reads and writes <see cref="ReferenceProfile"/> JSON; every read error names the property at fault.</summary>
internal static class ReferenceProfileJson
{
    public const string Format = "rung.reference-profile";
    public const int Version = 1;

    public static string Write(ReferenceProfile profile)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteString("modelVersion", profile.ModelVersion);
            w.WriteNumber("rows", profile.Rows);
            w.WriteStartObject("numeric");
            foreach (var (name, f) in profile.Numeric)
            {
                w.WriteStartObject(name);
                w.WriteNumber("count", f.Count);
                w.WriteNumber("missingRate", f.MissingRate);
                w.WriteNumber("mean", f.Mean);
                w.WriteNumber("std", f.Std);
                w.WriteNumber("min", f.Min);
                w.WriteNumber("max", f.Max);
                WriteArray(w, "edges", f.Edges);
                WriteArray(w, "binFractions", f.BinFractions);
                WriteArray(w, "sample", f.Sample);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("categorical");
            foreach (var (name, f) in profile.Categorical)
            {
                w.WriteStartObject(name);
                w.WriteNumber("missingRate", f.MissingRate);
                w.WriteStartObject("counts");
                foreach (var (category, count) in f.Counts)
                {
                    w.WriteNumber(category, count);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ReferenceProfile Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"Reference profile: the JSON is truncated or malformed at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }

        using (document)
        {
            var root = Object(document.RootElement, "$");
            var format = String(root, "format", "$");
            if (format != Format)
            {
                throw Invalid("$.format", $"is '{format}', expected '{Format}'");
            }

            var version = Number(root, "version", "$");
            if (version != Version)
            {
                throw Invalid("$.version", $"is {version}; this reader understands version {Version}");
            }

            var rows = (long)NonNegative(root, "rows", "$");
            var numeric = new SortedDictionary<string, NumericFeatureProfile>(StringComparer.Ordinal);
            foreach (var p in Object(Property(root, "numeric", "$"), "$.numeric").EnumerateObject())
            {
                numeric[p.Name] = ReadNumeric(p.Value, $"$.numeric.{p.Name}");
            }

            var categorical = new SortedDictionary<string, CategoricalFeatureProfile>(StringComparer.Ordinal);
            foreach (var p in Object(Property(root, "categorical", "$"), "$.categorical").EnumerateObject())
            {
                categorical[p.Name] = ReadCategorical(p.Value, $"$.categorical.{p.Name}");
            }

            return new ReferenceProfile(String(root, "modelVersion", "$"), rows, numeric, categorical);
        }
    }

    private static NumericFeatureProfile ReadNumeric(JsonElement element, string path)
    {
        Object(element, path);
        var f = new NumericFeatureProfile(
            (long)NonNegative(element, "count", path),
            Rate(element, "missingRate", path),
            Number(element, "mean", path),
            NonNegative(element, "std", path),
            Number(element, "min", path),
            Number(element, "max", path),
            Array(element, "edges", path),
            Array(element, "binFractions", path),
            Array(element, "sample", path));
        if (f.Count > 0 && f.BinFractions.Count != f.Edges.Count + 1)
        {
            throw Invalid($"{path}.binFractions", $"has {f.BinFractions.Count} entries; {f.Edges.Count} edges need {f.Edges.Count + 1}");
        }

        if (!Ascending(f.Edges, strict: true))
        {
            throw Invalid($"{path}.edges", "must be strictly ascending");
        }

        if (!Ascending(f.Sample, strict: false))
        {
            throw Invalid($"{path}.sample", "must be sorted ascending");
        }

        if (f.BinFractions.Any(x => x is < 0 or > 1) || (f.Count > 0 && Math.Abs(f.BinFractions.Sum() - 1) > 1e-6))
        {
            throw Invalid($"{path}.binFractions", "must be shares in [0, 1] summing to 1");
        }

        if (f.Count > 0 && f.Sample.Count == 0)
        {
            throw Invalid($"{path}.sample", "is empty although the feature has values");
        }

        return f;
    }

    private static CategoricalFeatureProfile ReadCategorical(JsonElement element, string path)
    {
        Object(element, path);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in Object(Property(element, "counts", path), $"{path}.counts").EnumerateObject())
        {
            counts[p.Name] = (long)NonNegative(p.Value, $"{path}.counts.{p.Name}");
        }

        return new CategoricalFeatureProfile(Rate(element, "missingRate", path), counts);
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Invalid(path, $"is {element.ValueKind}, expected an object");

    private static JsonElement Property(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) ? value : throw Invalid($"{path}.{name}", "is missing");

    private static string String(JsonElement parent, string name, string path)
    {
        var value = Property(parent, name, path);
        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw Invalid($"{path}.{name}", "must be a non-empty string");
    }

    private static double Number(JsonElement parent, string name, string path) => Number(Property(parent, name, path), $"{path}.{name}");

    private static double Number(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)
            ? d
            : throw Invalid(path, $"is {value.ValueKind}, expected a finite number");

    private static double NonNegative(JsonElement parent, string name, string path) => NonNegative(Property(parent, name, path), $"{path}.{name}");

    private static double NonNegative(JsonElement value, string path)
    {
        var d = Number(value, path);
        return d >= 0 ? d : throw Invalid(path, $"is {d}, must not be negative");
    }

    private static double Rate(JsonElement parent, string name, string path)
    {
        var d = Number(parent, name, path);
        return d is >= 0 and <= 1 ? d : throw Invalid($"{path}.{name}", $"is {d}, must lie in [0, 1]");
    }

    private static double[] Array(JsonElement parent, string name, string path)
    {
        var value = Property(parent, name, path);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{path}.{name}", $"is {value.ValueKind}, expected an array of numbers");
        }

        var result = new double[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i] = Number(item, $"{path}.{name}[{i}]");
            i++;
        }

        return result;
    }

    private static bool Ascending(IReadOnlyList<double> values, bool strict)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (strict ? values[i] <= values[i - 1] : values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static InvalidDataException Invalid(string path, string problem) => new($"Reference profile: {path} {problem}.");
}
