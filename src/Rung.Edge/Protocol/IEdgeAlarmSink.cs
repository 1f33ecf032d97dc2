using Rung.Storage.Edge;

namespace Rung.Edge.Protocol;

/// <summary>Where an edge sends its alarms. Throws <see cref="EdgeServerException"/> when refused or unreachable.</summary>
public interface IEdgeAlarmSink
{
    /// <summary>Sends alarms; the server applies each id once however often it is sent. Returns how many raised a new alarm there.</summary>
    Task<int> SendAlarmsAsync(string edgeId, IReadOnlyList<EdgeAlarmRecord> alarms, CancellationToken cancellationToken = default);
}
