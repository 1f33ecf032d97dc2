namespace Rung.Storage.Edge;

/// <summary>An edge's health as its last heartbeat reported it, stamped with the server's time of arrival.</summary>
/// <param name="EdgeId">The edge's name.</param>
/// <param name="Zone">The zone its token is bound to.</param>
/// <param name="LastHeartbeat">When the server last heard from it (server clock).</param>
/// <param name="BufferDepth">Journalled cases not yet forwarded.</param>
/// <param name="ForwardingLag">Age of the oldest case not yet forwarded; zero when the buffer is empty.</param>
/// <param name="ModelVersion">The model versions deciding, comma-separated.</param>
/// <param name="ClockSkew">The edge's clock minus the server's, as measured at the heartbeat.</param>
/// <param name="Stopped">True when a stop switch holds every AI write on the edge.</param>
public sealed record EdgeHealth(string EdgeId, string Zone, DateTimeOffset LastHeartbeat, long BufferDepth, TimeSpan ForwardingLag, string ModelVersion, TimeSpan ClockSkew, bool Stopped);
