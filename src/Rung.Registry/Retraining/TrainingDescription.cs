namespace Rung.Registry.Retraining;

/// <summary>The <c>training.json</c> a training command writes next to its artefacts.</summary>
/// <param name="Kind">How the model runs.</param>
/// <param name="Entry">Executable, model file or URL (see <see cref="ModelConfiguration.Entry"/>).</param>
/// <param name="Arguments">Process arguments, or null.</param>
/// <param name="TimeoutMilliseconds">Per-call timeout, or null.</param>
/// <param name="CodeVersion">The training code's version, or null.</param>
/// <param name="Parameters">Training parameters, or null.</param>
/// <param name="Metrics">Training metrics, or null.</param>
public sealed record TrainingDescription(
    ModelArtifactKind Kind,
    string Entry,
    IReadOnlyList<string>? Arguments,
    int? TimeoutMilliseconds,
    string? CodeVersion,
    IReadOnlyDictionary<string, string>? Parameters,
    IReadOnlyDictionary<string, double>? Metrics)
{
    /// <summary>Reads the description in <paramref name="folder"/>; throws <see cref="InvalidDataException"/> naming the file when missing or invalid.</summary>
    public static async Task<TrainingOutput> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, TrainingOutput.DescriptionFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: the training run wrote no {TrainingOutput.DescriptionFile} (kind, entry, metrics) next to its artefacts.");
        }

        var d = RegistryJson.Read<TrainingDescription>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
        if (string.IsNullOrWhiteSpace(d.Entry))
        {
            throw new InvalidDataException($"{path}: 'entry' is missing.");
        }

        return new TrainingOutput(
            folder,
            new ModelConfiguration(d.Kind, d.Entry, d.Arguments ?? [], d.TimeoutMilliseconds),
            d.CodeVersion,
            d.Parameters ?? new Dictionary<string, string>(),
            d.Metrics ?? new Dictionary<string, double>());
    }
}
