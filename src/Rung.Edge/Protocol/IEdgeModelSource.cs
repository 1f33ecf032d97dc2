namespace Rung.Edge.Protocol;

/// <summary>Where an edge fetches signed models. Every call throws <see cref="EdgeServerException"/> when refused or unreachable.</summary>
public interface IEdgeModelSource
{
    /// <summary>The server's key and the champion of every agent in the token's zone.</summary>
    Task<EdgeModelListing> GetModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Copies one file of <paramref name="agentId"/>'s <paramref name="version"/> into <paramref name="destination"/>, streamed.</summary>
    Task DownloadModelFileAsync(string agentId, string version, string path, Stream destination, CancellationToken cancellationToken = default);
}
