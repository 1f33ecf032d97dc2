using System.Diagnostics;
using System.Globalization;

namespace Rung.Registry.Retraining;

/// <summary>
/// Runs a training command as a child process. In the arguments, <c>{dataset}</c> becomes the snapshot folder and
/// <c>{output}</c> the folder the command must write its artefacts and <c>training.json</c> into. A run longer than
/// the timeout is killed with its children.
/// </summary>
/// <param name="command">The executable, for example <c>python3</c>.</param>
/// <param name="arguments">Its arguments, with the placeholders.</param>
/// <param name="timeout">How long a run may take.</param>
public sealed class ProcessTrainingRunner(string command, IReadOnlyList<string> arguments, TimeSpan timeout) : ITrainingRunner
{
    /// <inheritdoc />
    public async Task<TrainingOutput> TrainAsync(DatasetSnapshot snapshot, string outputFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Directory.CreateDirectory(outputFolder);
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument.Replace("{dataset}", snapshot.Folder, StringComparison.Ordinal).Replace("{output}", outputFolder, StringComparison.Ordinal));
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new TrainingFailedException($"The training command '{command}' could not be started: {ex.Message}", ex);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TrainingFailedException(string.Create(CultureInfo.InvariantCulture, $"The training command '{command}' did not finish within {timeout.TotalSeconds:0.#} s and was stopped."));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var errors = await stderr.ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var tail = errors.Length > 2000 ? errors[^2000..] : errors;
            throw new TrainingFailedException(string.Create(CultureInfo.InvariantCulture, $"The training command '{command}' exited with code {process.ExitCode}: {tail.Trim()}"));
        }

        try
        {
            return await TrainingDescription.ReadAsync(outputFolder, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new TrainingFailedException(ex.Message, ex);
        }
    }
}
