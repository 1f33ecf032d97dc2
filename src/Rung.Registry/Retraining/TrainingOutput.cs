namespace Rung.Registry.Retraining;

/// <summary>
/// What a training run returned: a folder of artefacts and its <c>training.json</c>, which says how to run the
/// model and what the training measured.
/// </summary>
/// <param name="Folder">The folder holding the artefacts (training.json is registered with them).</param>
/// <param name="Configuration">How to run the model.</param>
/// <param name="CodeVersion">The training code's version, or null.</param>
/// <param name="Parameters">Training parameters.</param>
/// <param name="Metrics">Metrics the training reported.</param>
public sealed record TrainingOutput(string Folder, ModelConfiguration Configuration, string? CodeVersion, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The description file a training command writes into its output folder.</summary>
    public const string DescriptionFile = "training.json";
}
