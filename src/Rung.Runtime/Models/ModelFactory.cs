using Rung.Core.UseCases;
using Rung.Models;
using Rung.Models.JsonLines;
using Rung.Models.Softmax;

namespace Rung.Runtime.Models;

/// <summary>Creates the adapter a use case's model reference names. Relative paths resolve against the use-case file's folder.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Creates the adapter. An in-process model file is read and checked now; a process model starts on its
    /// first call. Throws <see cref="InvalidDataException"/> or <see cref="FileNotFoundException"/> naming the file.
    /// </summary>
    public static async Task<IModelAdapter> CreateAsync(ModelReference model, string baseDirectory, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model.Kind)
        {
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
