using Rung.Edge.Protocol;
using Rung.Storage.Edge;

namespace Rung.Edge.Tests.Hosting;

/// <summary>
/// The server as a running edge polls it: configuration and signed models answered from test state (or refused while
/// <see cref="Down"/>), forwarding through the fixture's store server, whose own <c>Down</c> fills the buffer.
/// </summary>
internal sealed class LiveServer(IEdgeServer forwarding, IEdgeModelSource? models = null) : IEdgeServer, IEdgeModelSource
{
    public List<EdgeAgentConfig> Configs { get; } = [];

    public bool Down { get; set; }

    public int ConfigCalls { get; private set; }

    public Task<int> ForwardAsync(string edgeId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default) =>
        forwarding.ForwardAsync(edgeId, entries, cancellationToken);

    public Task<DateTimeOffset> HeartbeatAsync(EdgeHeartbeat heartbeat, CancellationToken cancellationToken = default) =>
        forwarding.HeartbeatAsync(heartbeat, cancellationToken);

    public Task<IReadOnlyList<EdgeAgentConfig>> GetConfigAsync(CancellationToken cancellationToken = default)
    {
        ConfigCalls++;
        ThrowWhenDown();
        return Task.FromResult<IReadOnlyList<EdgeAgentConfig>>([.. Configs]);
    }

    public Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default) =>
        forwarding.GetStopsAsync(after, cancellationToken);

    public Task<EdgeModelListing> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        ThrowWhenDown();
        return models?.GetModelsAsync(cancellationToken) ?? throw new InvalidOperationException("no model source");
    }

    public Task DownloadModelFileAsync(string agentId, string version, string path, Stream destination, CancellationToken cancellationToken = default)
    {
        ThrowWhenDown();
        return models!.DownloadModelFileAsync(agentId, version, path, destination, cancellationToken);
    }

    private void ThrowWhenDown()
    {
        if (Down)
        {
            throw new EdgeServerException("server not reachable");
        }
    }
}
