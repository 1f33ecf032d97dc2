using Rung.UseCases.Yaml;

namespace Rung.UseCases.Reading;

/// <summary>
/// Reads one mapping against the keys it may hold: unknown keys are reported (with the closest known key as a
/// suggestion) as soon as the reader is made, missing required keys when they are asked for.
/// </summary>
internal sealed class MapReader
{
    private readonly YMapping map;
    private readonly Diagnostics diagnostics;
    private readonly string path;
    private readonly Position missingAt;

    public MapReader(Diagnostics diagnostics, YMapping map, string path, Position missingAt, IReadOnlyList<string> known)
    {
        this.map = map;
        this.diagnostics = diagnostics;
        this.path = path;
        this.missingAt = missingAt;
        foreach (var (key, _) in map.Entries)
        {
            if (!known.Contains(key.Value, StringComparer.Ordinal))
            {
                diagnostics.Error(key.Start, PathOf(key.Value), UnknownKeyMessage(key.Value, known));
            }
        }
    }

    public string Path => path;

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or written without a value.</summary>
    public Field? Optional(string key) =>
        map.TryGet(key, out var entry) && entry.Value is not YScalar { IsNull: true }
            ? new Field(entry.Value, PathOf(key))
            : null;

    /// <summary>The value of <paramref name="key"/>; reports it missing or empty and returns null otherwise.</summary>
    public Field? Required(string key)
    {
        if (!map.TryGet(key, out var entry))
        {
            diagnostics.Error(missingAt, path, $"missing required key '{key}'");
            return null;
        }

        if (entry.Value is YScalar { IsNull: true })
        {
            diagnostics.Error(entry.Value.Start, PathOf(key), "a value is required");
            return null;
        }

        return new Field(entry.Value, PathOf(key));
    }

    public string PathOf(string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string UnknownKeyMessage(string key, IReadOnlyList<string> known)
    {
        if (key == "<<")
        {
            return "merge keys ('<<') are not supported; write the keys out or use an alias for the whole value";
        }

        var suggestion = KeySuggester.Closest(key, known);
        return suggestion is not null
            ? $"unknown key; did you mean '{suggestion}'?"
            : $"unknown key; expected one of: {string.Join(", ", known)}";
    }
}
