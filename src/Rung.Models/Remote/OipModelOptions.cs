namespace Rung.Models.Remote;

/// <summary>
/// How to reach a model served over the Open Inference Protocol v2 REST form (KServe, Triton, MLServer, Seldon)
/// and how to map the use case's features and actions onto its tensors. Checked by <see cref="Validate"/>.
/// </summary>
/// <param name="BaseUrl">The server's root, for example <c>http://models.plant.local:8000</c>; the <c>/v2/...</c> paths are appended.</param>
/// <param name="ModelName">The model's name on the server.</param>
/// <param name="Version">The model version Rung records with every proposal.</param>
/// <param name="Features">The use case's input names, in declared order: the column order of a single input tensor.</param>
public sealed record OipModelOptions(Uri BaseUrl, string ModelName, string Version, IReadOnlyList<string> Features)
{
    /// <summary>The server-side model version (the <c>/versions/{v}</c> path segment); null uses the server's default.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Longest wait for one HTTP attempt. Default 2 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts after the first one on a timeout, a lost connection, 429 or a 5xx answer. Default 2; 0 to 10.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The first retry's delay; each further retry doubles it (with jitter). Default 100 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the circuit may open. Default 10; at least 2.</summary>
    public int BreakerMinimumThroughput { get; init; } = 10;

    /// <summary>The window over which failures are counted. Default 30 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before one trial call is let through. Default 30 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The name of one input tensor holding every feature (shape [batch, features], columns in <see cref="Features"/>
    /// order); null means one tensor per feature, named after it (shape [batch, 1]).
    /// </summary>
    public string? InputTensor { get; init; }

    /// <summary>FP32 or FP64 for the inputs; null takes the datatype the model's metadata declares.</summary>
    public string? Datatype { get; init; }

    /// <summary>The output tensor of class probabilities (shape [batch, classes]); used when <see cref="LabelOutput"/> is null.</summary>
    public string? ProbabilitiesOutput { get; init; }

    /// <summary>The action name of each probability column, in order; required with probabilities.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The output tensor holding the chosen label (BYTES: the action name; an integer: an index into <see cref="Classes"/>).</summary>
    public string? LabelOutput { get; init; }

    /// <summary>The output tensor holding the label's score, 0 to 1; required with <see cref="LabelOutput"/>.</summary>
    public string? ScoreOutput { get; init; }

    /// <summary>Most cases sent in one request. Default 64.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>The model's path under the server root: <c>v2/models/{name}[/versions/{v}]</c>.</summary>
    internal string ModelPath => ModelVersion is null
        ? $"v2/models/{Uri.EscapeDataString(ModelName)}"
        : $"v2/models/{Uri.EscapeDataString(ModelName)}/versions/{Uri.EscapeDataString(ModelVersion)}";

    /// <summary>Names the model for a person: <c>'scrap' (version 3) at http://host:8000</c>.</summary>
    internal string Describe() => $"'{ModelName}'{(ModelVersion is null ? string.Empty : $" (version {ModelVersion})")} at {BaseUrl.GetLeftPart(UriPartial.Authority)}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is wrong.</summary>
    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The OIP server URL '{BaseUrl}' must be an absolute http:// or https:// URL.", nameof(BaseUrl));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ModelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(Version);
        if (Features.Count == 0)
        {
            throw new ArgumentException("An OIP model needs at least one input feature.", nameof(Features));
        }

        if (Timeout <= TimeSpan.Zero || MaxRetries is < 0 or > 10 || RetryDelay < TimeSpan.Zero || MaxBatchSize < 1
            || BreakerFailureRatio is <= 0 or > 1 || BreakerMinimumThroughput < 2 || BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentException("OIP timeouts, retries, batch size and circuit-breaker settings must be positive (retries 0 to 10, breaker throughput at least 2, durations at least 0.5 s).");
        }

        if (Datatype is not (null or "FP32" or "FP64"))
        {
            throw new ArgumentException($"OIP input datatype '{Datatype}' is not supported; use FP32 or FP64.", nameof(Datatype));
        }

        if (LabelOutput is not null)
        {
            if (ScoreOutput is null)
            {
                throw new ArgumentException("An OIP label output needs a score output for the confidence.", nameof(ScoreOutput));
            }
        }
        else if (Classes is not { Count: >= 2 })
        {
            throw new ArgumentException("An OIP probabilities output needs at least two classes (the action of each column).", nameof(Classes));
        }
    }
}
