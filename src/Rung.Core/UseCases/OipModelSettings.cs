namespace Rung.Core.UseCases;

/// <summary>
/// Where a model served over the Open Inference Protocol v2 (KServe, Triton, MLServer, Seldon) is, and how its
/// tensors map onto the use case. Unset values take the adapter's defaults (see docs/model-adapters.md).
/// </summary>
/// <param name="Url">The server's root URL, http:// or https://.</param>
/// <param name="Name">The model's name on the server.</param>
public sealed record OipModelSettings(string Url, string Name)
{
    /// <summary>The server-side model version (<c>/versions/{v}</c>); null uses the server's default.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Retries after a transient failure; null for the default (2).</summary>
    public int? Retries { get; init; }

    /// <summary>One input tensor holding every feature as a column; null for one tensor per feature.</summary>
    public string? InputTensor { get; init; }

    /// <summary>FP32 or FP64; null takes the model's declared datatype.</summary>
    public string? Datatype { get; init; }

    /// <summary>The class-probabilities output tensor; null when the model has one output.</summary>
    public string? ProbabilitiesOutput { get; init; }

    /// <summary>The action of each probability column; null means the use case's actions in declared order.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The label output tensor (with <see cref="ScoreOutput"/>) instead of probabilities.</summary>
    public string? LabelOutput { get; init; }

    /// <summary>The score output tensor, 0 to 1.</summary>
    public string? ScoreOutput { get; init; }

    /// <summary>Most cases per request; null for the default (64).</summary>
    public int? MaxBatch { get; init; }
}
