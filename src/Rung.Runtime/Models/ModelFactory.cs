using Rung.Core.UseCases;
using Rung.Models;
using Rung.Models.JsonLines;
using Rung.Models.Remote;
using Rung.Models.Softmax;

namespace Rung.Runtime.Models;

/// <summary>Creates the adapter a use case's model reference names. Relative paths resolve against the use-case file's folder.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Creates the adapter. An in-process model file is read and checked now; a process model starts on its
    /// first call. Throws <see cref="InvalidDataException"/> or <see cref="FileNotFoundException"/> naming the file.
    /// An OIP model is not reachable this way: it needs the use case's inputs and actions (the other overload).
    /// </summary>
    public static Task<IModelAdapter> CreateAsync(ModelReference model, string baseDirectory, TimeProvider time, CancellationToken cancellationToken = default) =>
        CreateCoreAsync(model, null, baseDirectory, time, cancellationToken);

    /// <summary>
    /// Creates the agent's adapter. An in-process model file is read and checked now; a process model starts on
    /// its first call; an OIP model's server and metadata are checked now against the agent's inputs and actions.
    /// Throws <see cref="InvalidDataException"/> or <see cref="FileNotFoundException"/> naming the file, and
    /// <see cref="ModelCallException"/> when an OIP server is not ready or its model does not fit the use case.
    /// </summary>
    public static async Task<IModelAdapter> CreateAsync(AgentDefinition agent, string baseDirectory, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return await CreateCoreAsync(agent.Model, agent, baseDirectory, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The adapter options an OIP model reference and its agent give; throws <see cref="InvalidDataException"/> naming the setting.</summary>
    public static OipModelOptions OipOptions(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var model = agent.Model;
        var oip = model.Oip ?? throw new InvalidDataException("agent.model: kind oip needs url and name.");
        var actions = agent.Actions.Select(a => a.Name).ToList();
        var classes = oip.LabelOutput is null ? oip.Classes ?? actions : oip.Classes;
        if (classes?.FirstOrDefault(c => !actions.Contains(c, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InvalidDataException($"agent.model.classes: '{unknown}' is not a declared action ({string.Join(", ", actions)}).");
        }

        var defaults = new OipModelOptions(new Uri(oip.Url), oip.Name, model.Version, [.. agent.Inputs.Select(i => i.Name)]);
        return defaults with
        {
            ModelVersion = oip.ModelVersion,
            Timeout = model.TimeoutOrDefault,
            MaxRetries = oip.Retries ?? defaults.MaxRetries,
            InputTensor = oip.InputTensor,
            Datatype = oip.Datatype,
            ProbabilitiesOutput = oip.ProbabilitiesOutput,
            Classes = classes,
            LabelOutput = oip.LabelOutput,
            ScoreOutput = oip.ScoreOutput,
            MaxBatchSize = oip.MaxBatch ?? defaults.MaxBatchSize,
        };
    }

    private static async Task<IModelAdapter> CreateCoreAsync(ModelReference model, AgentDefinition? agent, string baseDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model.Kind)
        {
            case ModelKind.Oip:
                if (agent is null)
                {
                    throw new ArgumentException("An OIP model needs its agent's inputs and actions; create it from the agent definition.", nameof(model));
                }

                var adapter = new OipModelAdapter(OipOptions(agent), time);
                try
                {
                    await adapter.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await adapter.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                return adapter;

            case ModelKind.Process:
                return new ProcessModelAdapter(
                    new ProcessModelOptions(model.Command, model.Version)
                    {
                        Arguments = model.Arguments,
                        WorkingDirectory = baseDirectory,
                        Timeout = model.TimeoutOrDefault,
                    },
                    time);
            case ModelKind.InProcess:
                var path = Path.GetFullPath(model.Command, baseDirectory);
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"The model file {path} named by the use case does not exist.", path);
                }

                await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
                {
                    var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    buffer.Position = 0;
                    return new InProcessModelAdapter(SoftmaxRegressionModel.Load(buffer), model.Version);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(model), model.Kind, "Unknown model kind.");
        }
    }

    /// <summary>
    /// Reads the model's reference profile named by the use case, or null when it names none. Throws
    /// <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public static async Task<Core.Drift.ReferenceProfile?> LoadProfileAsync(ModelReference model, string baseDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Profile is null)
        {
            return null;
        }

        var path = Path.GetFullPath(model.Profile, baseDirectory);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The reference profile {path} named by the use case does not exist.", path);
        }

        try
        {
            return Core.Drift.ReferenceProfile.FromJson(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }
}
