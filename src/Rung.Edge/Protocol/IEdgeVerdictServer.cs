using Rung.Storage.Edge;

namespace Rung.Edge.Protocol;

/// <summary>
/// Verdicts given on the server for an edge's cases, as the edge fetches them, and what it did with them. Every call
/// throws <see cref="EdgeServerException"/> when the server refused or could not be reached.
/// </summary>
public interface IEdgeVerdictServer
{
    /// <summary>Verdicts on cases in the token's zone that no edge has reported on yet, oldest first.</summary>
    Task<IReadOnlyList<EdgeVerdict>> GetVerdictsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reports what the edge did with verdicts; the server keeps one result per case and kind. Returns how many were new there.</summary>
    Task<int> ReportVerdictResultsAsync(IReadOnlyList<EdgeVerdictResult> results, CancellationToken cancellationToken = default);
}
