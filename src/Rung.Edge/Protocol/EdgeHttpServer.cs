using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Storage.Edge;

namespace Rung.Edge.Protocol;

/// <summary>The server's edge routes under <c>/api/v1/edge</c>, with the edge's bearer token. Each call has its own timeout.</summary>
public sealed partial class EdgeHttpServer : IEdgeServer, IEdgeVerdictServer, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly HttpClient _http;

    /// <summary>Talks to <paramref name="server"/> (its root, e.g. <c>http://127.0.0.1:5080</c>) with <paramref name="token"/>.</summary>
    public EdgeHttpServer(Uri server, string token, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _http = new HttpClient { BaseAddress = server, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <inheritdoc />
    public async Task<int> ForwardAsync(string edgeId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var body = new JsonObject { ["edgeId"] = edgeId, ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)JournalWire.Write(e))]) };
        using var doc = await SendAsync(HttpMethod.Post, "api/v1/edge/journal", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("stored").GetInt32();
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> HeartbeatAsync(EdgeHeartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Post, "api/v1/edge/heartbeat", JsonSerializer.Serialize(heartbeat, Json), cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("serverTime").GetDateTimeOffset();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EdgeAgentConfig>> GetConfigAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Get, "api/v1/edge/config", null, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("agents").Deserialize<List<EdgeAgentConfig>>(Json) ?? [];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Get, "api/v1/edge/stops?after=" + after.ToString(CultureInfo.InvariantCulture), null, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("stops").Deserialize<List<StopEvent>>(Json) ?? [];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EdgeVerdict>> GetVerdictsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Get, "api/v1/edge/verdicts", null, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("verdicts").Deserialize<List<EdgeVerdict>>(Json) ?? [];
    }

    /// <inheritdoc />
    public async Task<int> ReportVerdictResultsAsync(IReadOnlyList<EdgeVerdictResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var body = new JsonObject { ["results"] = JsonSerializer.SerializeToNode(results, Json) };
        using var doc = await SendAsync(HttpMethod.Post, "api/v1/edge/verdicts/results", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("stored").GetInt32();
    }

    /// <summary>Sends any edge-area request and returns the JSON answer; used by the CLI's stop and status views too.</summary>
    public async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EdgeServerException($"{method} {path}: server not reachable ({ex.Message})", null, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new EdgeServerException($"{method} {path}: {(int)response.StatusCode} {text}", (int)response.StatusCode);
            }

            return JsonDocument.Parse(text);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
