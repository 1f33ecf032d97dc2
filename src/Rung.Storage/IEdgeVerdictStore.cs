using Rung.Storage.Edge;

namespace Rung.Storage;

/// <summary>
/// The server's side of verdicts travelling to edges: approvals and exception resolutions recorded on the server for
/// an edge agent's cases wait here until the edge reports what it did with them, once per case and kind.
/// </summary>
public interface IEdgeVerdictStore
{
    /// <summary>
    /// Verdicts on <paramref name="agentId"/>'s cases (approvals, and resolved exception items) that no edge has
    /// reported on yet, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<EdgeVerdict>> GetUnsettledEdgeVerdictsAsync(string agentId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records what an edge did with a verdict, in one transaction: for an approved action its delivery time, or the
    /// exception item it became on the edge, so the server never delivers it itself. Returns false when a result for
    /// the case and kind was already recorded (nothing changes). Throws <see cref="KeyNotFoundException"/> when
    /// <paramref name="agentId"/> has no such case.
    /// </summary>
    Task<bool> RecordEdgeVerdictResultAsync(string agentId, EdgeVerdictResult result, CancellationToken cancellationToken = default);
}
