using System.Text.Json;
using System.Text.Json.Serialization;
using Rung.Edge.Protocol;

namespace Rung.Edge.Hosting;

/// <summary>
/// The configuration an edge last fetched, kept in its data folder so it starts and decides with no server at all.
/// Written whole to a temporary file and renamed over the old one: a crash mid-write leaves the previous copy.
/// </summary>
public static class EdgeConfigCache
{
    /// <summary>The cache file's name in the edge's data folder.</summary>
    public const string FileName = "edge-config.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Saves <paramref name="agents"/> into <paramref name="directory"/>.</summary>
    public static async Task SaveAsync(string directory, IReadOnlyList<EdgeAgentConfig> agents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agents);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(stream, agents, Json, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The cached configuration, or null when there is none. Throws <see cref="InvalidDataException"/> naming the file when it cannot be read.</summary>
    public static async Task<IReadOnlyList<EdgeAgentConfig>?> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<List<EdgeAgentConfig>>(stream, Json, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path}: empty configuration");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a cached edge configuration ({ex.Message})", ex);
        }
    }
}
