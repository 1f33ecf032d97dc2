using System.Net.Http.Json;
using System.Text.Json;

namespace Rung.Registry.Retraining;

/// <summary>
/// Calls a training webhook: POSTs <c>{"dataset": dataset.json, "csv": data.csv}</c> and expects
/// <c>{"training": training.json, "files": {"name": "base64", ...}}</c> back, which is written into the output folder.
/// </summary>
/// <param name="client">The HTTP client (its handler decides TLS and authentication).</param>
/// <param name="endpoint">The webhook URL.</param>
/// <param name="timeout">How long the call may take.</param>
public sealed class WebhookTrainingRunner(HttpClient client, Uri endpoint, TimeSpan timeout) : ITrainingRunner
{
    /// <inheritdoc />
    public async Task<TrainingOutput> TrainAsync(DatasetSnapshot snapshot, string outputFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var body = new
        {
            dataset = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(snapshot.Folder, DatasetSnapshot.DescriptionFile), cancellationToken).ConfigureAwait(false)).RootElement,
            csv = await File.ReadAllTextAsync(snapshot.DataPath, cancellationToken).ConfigureAwait(false),
        };
        try
        {
            using var response = await client.PostAsJsonAsync(endpoint, body, RegistryJson.Options, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TrainingFailedException($"The training webhook {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var answer = await response.Content.ReadFromJsonAsync<WebhookAnswer>(RegistryJson.Options, limit.Token).ConfigureAwait(false)
                ?? throw new TrainingFailedException($"The training webhook {endpoint} answered an empty body.");
            Directory.CreateDirectory(outputFolder);
            foreach (var (name, base64) in answer.Files)
            {
                if (name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
                {
                    throw new TrainingFailedException($"The training webhook {endpoint} returned a file named '{name}', outside the output folder.");
                }

                var path = Path.Combine(outputFolder, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, Convert.FromBase64String(base64), cancellationToken).ConfigureAwait(false);
            }

            await File.WriteAllTextAsync(Path.Combine(outputFolder, TrainingOutput.DescriptionFile), RegistryJson.Write(answer.Training), cancellationToken).ConfigureAwait(false);
            return await TrainingDescription.ReadAsync(outputFolder, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TrainingFailedException($"The training webhook {endpoint} did not answer within {timeout}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or FormatException or InvalidDataException)
        {
            throw new TrainingFailedException($"The training webhook {endpoint} failed: {ex.Message}", ex);
        }
    }

    private sealed record WebhookAnswer(TrainingDescription Training, IReadOnlyDictionary<string, string> Files);
}
