using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Rung.Core.Cases;

namespace Rung.Models.Remote;

/// <summary>
/// A model served over the Open Inference Protocol v2 REST form (KServe, Triton, MLServer, Seldon). At start it
/// checks the server is ready (<c>GET /v2/health/ready</c>), the model is ready (<c>GET /v2/models/{name}[/versions/{v}]/ready</c>)
/// and that the model's metadata (<c>GET /v2/models/{name}</c>) declares inputs matching the use case's features;
/// then every call is <c>POST /v2/models/{name}/infer</c> with FP32 or FP64 tensors carrying a batch dimension.
/// Thread-safe; several calls may be in flight at once.
/// </summary>
/// <remarks>
/// Every failure surfaces as <see cref="ModelCallException"/> naming the server, the model and, for an HTTP error,
/// the status and the server's own <c>{"error": "..."}</c> message: <see cref="ModelFailure.Timeout"/> when no
/// attempt answered in time, <see cref="ModelFailure.Unavailable"/> when the server cannot be reached, is not ready
/// or the circuit breaker is open, <see cref="ModelFailure.InvalidAnswer"/> naming the tensor that is wrong,
/// <see cref="ModelFailure.ModelError"/> for an error answer. Cancelling the caller's token throws
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class OipModelAdapter : IBatchModelAdapter
{
    private readonly OipModelOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private OipInferPlan? _plan;
    private long _nextId;

    /// <summary>Creates the adapter; nothing is sent until <see cref="StartAsync"/> or the first call.</summary>
    /// <param name="options">Where the model is and how to map it; checked here.</param>
    /// <param name="timeProvider">Clock for timeouts, backoff and the circuit breaker; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="handler">The HTTP handler; a new one owned by the adapter when null.</param>
    public OipModelAdapter(OipModelOptions options, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        var root = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
        {
            BaseAddress = root,
            // Timeouts are the pipeline's, on the injected clock.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _pipeline = OipResilience.Build(options, _time);
    }

    /// <inheritdoc />
    public string Version => _options.Version;

    /// <summary>The model's metadata as read at start; null before.</summary>
    public OipModelMetadata? Metadata { get; private set; }

    /// <summary>
    /// Checks the server and the model are ready and the model's inputs and outputs match the use case. Does nothing
    /// once it has succeeded. Throws <see cref="ModelCallException"/>: <see cref="ModelFailure.Unavailable"/> when the
    /// server or model is not ready, <see cref="ModelFailure.InvalidAnswer"/> listing every mismatch in the metadata.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _plan) is not null)
        {
            return;
        }

        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_plan is not null)
            {
                return;
            }

            await ExpectReadyAsync("v2/health/ready", "the server is not ready", cancellationToken).ConfigureAwait(false);
            await ExpectReadyAsync($"{_options.ModelPath}/ready", "the model is not ready", cancellationToken).ConfigureAwait(false);
            var body = await GetAsync(_options.ModelPath, cancellationToken).ConfigureAwait(false);
            if (body.Status != HttpStatusCode.OK)
            {
                throw Failure("GET", _options.ModelPath, body.Status, body.Content, ModelFailure.Unavailable);
            }

            try
            {
                Metadata = OipModelMetadata.Parse(body.Content);
                Volatile.Write(ref _plan, OipMetadataCheck.Check(_options, Metadata));
            }
            catch (InvalidDataException ex)
            {
                throw new ModelCallException(ModelFailure.InvalidAnswer, $"OIP model {_options.Describe()} does not fit the use case: {ex.Message}.", ex);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        var answers = await PredictBatchAsync([features], cancellationToken).ConfigureAwait(false);
        return answers[0];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ModelOutput>> PredictBatchAsync(IReadOnlyList<FeatureVector> features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var plan = _plan!;
        var size = plan.Batched ? _options.MaxBatchSize : 1;
        var answers = new List<ModelOutput>(features.Count);
        for (var from = 0; from < features.Count; from += size)
        {
            var chunk = features.Skip(from).Take(size).ToList();
            answers.AddRange(await InferAsync(plan, chunk, cancellationToken).ConfigureAwait(false));
        }

        return answers;
    }

    /// <summary>Releases the HTTP client (and its handler when the adapter created it).</summary>
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _startGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IReadOnlyList<ModelOutput>> InferAsync(OipInferPlan plan, List<FeatureVector> chunk, CancellationToken cancellationToken)
    {
        var id = $"rung-{Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture)}";
        var request = OipRequestWriter.Write(id, _options, plan, chunk);
        var path = $"{_options.ModelPath}/infer";
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var content = new ByteArrayContent(request);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await _http.PostAsync(path, content, token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = Failure("POST", path, response.StatusCode, body, ModelFailure.ModelError);
                        throw IsTransient(response.StatusCode) ? new OipTransientException(error) : error;
                    }

                    try
                    {
                        return OipResponseReader.Read(body, _options, plan, chunk.Count);
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new ModelCallException(ModelFailure.InvalidAnswer, $"OIP model {_options.Describe()} answered request {id} with something unusable: {ex.Message}.", ex);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ModelCallException(ModelFailure.Timeout, $"OIP model {_options.Describe()} did not answer request {id} within {_options.Timeout.TotalMilliseconds:0} ms ({Attempts()}).", ex);
        }
        catch (BrokenCircuitException ex)
        {
            var until = ex.RetryAfter is { } wait ? $" for about {wait.TotalSeconds:0} s more" : string.Empty;
            throw new ModelCallException(ModelFailure.Unavailable, $"OIP model {_options.Describe()} was not called: the circuit breaker is open after repeated failures{until}; request {id} failed at once.", ex);
        }
        catch (OipTransientException ex)
        {
            throw new ModelCallException(ex.Error.Failure, $"{ex.Error.Message} ({Attempts()})", ex.Error.InnerException);
        }
        catch (HttpRequestException ex)
        {
            throw new ModelCallException(ModelFailure.Unavailable, $"OIP model {_options.Describe()} cannot be reached for request {id}: {ex.Message} ({Attempts()}).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelCallException(ModelFailure.Timeout, $"OIP model {_options.Describe()}: request {id} was cut off ({Attempts()}).", ex);
        }
    }

    private string Attempts() => _options.MaxRetries == 0 ? "1 attempt, no retries" : $"{_options.MaxRetries + 1} attempts";

    private async Task ExpectReadyAsync(string path, string problem, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.OK)
        {
            var failure = Failure("GET", path, answer.Status, answer.Content, ModelFailure.Unavailable);
            throw new ModelCallException(ModelFailure.Unavailable, $"{failure.Message}: {problem}.");
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Content)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(path, linked.Token).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false));
        }
        catch (HttpRequestException ex)
        {
            throw new ModelCallException(ModelFailure.Unavailable, $"OIP server {_options.BaseUrl} cannot be reached (GET /{path}): {ex.Message}.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelCallException(ModelFailure.Timeout, $"OIP server {_options.BaseUrl} did not answer GET /{path} within {_options.Timeout.TotalMilliseconds:0} ms.", ex);
        }
    }

    private ModelCallException Failure(string method, string path, HttpStatusCode status, byte[] body, ModelFailure failure)
    {
        var said = OipJson.ErrorMessage(body) is { } message ? $": \"{message}\"" : body.Length == 0 ? " with no body" : " (the body is not the protocol's {\"error\": ...} shape)";
        return new ModelCallException(failure, $"OIP model {_options.Describe()}: {method} /{path} answered {(int)status} {status}{said}");
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
}
