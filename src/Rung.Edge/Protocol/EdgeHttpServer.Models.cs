using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Storage.Edge;

namespace Rung.Edge.Protocol;

public sealed partial class EdgeHttpServer : IEdgeModelSource, IEdgeAlarmSink
{
    /// <inheritdoc />
    public async Task<EdgeModelListing> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Get, "api/v1/edge/models", null, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.Deserialize<EdgeModelListing>(Json) ?? throw new EdgeServerException("GET api/v1/edge/models: empty answer", 502);
    }

    /// <inheritdoc />
    public async Task DownloadModelFileAsync(string agentId, string version, string path, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var route = string.Create(CultureInfo.InvariantCulture, $"api/v1/edge/models/{Uri.EscapeDataString(agentId)}/{Uri.EscapeDataString(version)}/file?path={Uri.EscapeDataString(path)}");
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(route, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EdgeServerException($"GET {route}: server not reachable ({ex.Message})", null, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new EdgeServerException($"GET {route}: {(int)response.StatusCode} {text}", (int)response.StatusCode);
            }

            try
            {
                await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                throw new EdgeServerException($"GET {route}: the download broke off ({ex.Message})", null, ex);
            }
        }
    }

    /// <inheritdoc />
    public async Task<int> SendAlarmsAsync(string edgeId, IReadOnlyList<EdgeAlarmRecord> alarms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        var body = new JsonObject { ["edgeId"] = edgeId, ["alarms"] = JsonSerializer.SerializeToNode(alarms, Json) };
        using var doc = await SendAsync(HttpMethod.Post, "api/v1/edge/alarms", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("raised").GetInt32();
    }
}
