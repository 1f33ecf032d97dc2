namespace Rung.Edge.Protocol;

/// <summary>What an edge reports about itself, every few seconds while connected.</summary>
/// <param name="EdgeId">The edge's name.</param>
/// <param name="SentAt">The edge's clock when sent: the server measures skew against it.</param>
/// <param name="BufferDepth">Journalled cases not yet forwarded.</param>
/// <param name="ForwardingLag">Age of the oldest case not yet forwarded.</param>
/// <param name="ModelVersion">Model versions deciding, comma-separated.</param>
/// <param name="Stopped">True when a stop switch holds AI writes on the edge.</param>
public sealed record EdgeHeartbeat(string EdgeId, DateTimeOffset SentAt, long BufferDepth, TimeSpan ForwardingLag, string ModelVersion, bool Stopped);
