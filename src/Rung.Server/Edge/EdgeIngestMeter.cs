using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Rung.Server.Edge;

/// <summary>
/// What this server process spent on edge journal ingest since it started: batches, entries received and stored,
/// the route's time and the part of it spent in the store (configuration read, zone lookup, journal apply). Listed
/// with the edges' health, so the store's share of ingest is visible on a running server (bench/cluster.sh reads it).
/// Counts are per process; thread-safe.
/// </summary>
internal static class EdgeIngestMeter
{
    private static long _batches;
    private static long _entries;
    private static long _stored;
    private static long _routeTicks;
    private static long _storeTicks;

    /// <summary>Adds one batch: its sizes, and the route's and the store's elapsed Stopwatch ticks.</summary>
    public static void Add(int entries, int stored, long routeTicks, long storeTicks)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _entries, entries);
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _routeTicks, routeTicks);
        Interlocked.Add(ref _storeTicks, storeTicks);
    }

    /// <summary>The totals as JSON.</summary>
    public static JsonObject ToJson() => new()
    {
        ["batches"] = Interlocked.Read(ref _batches),
        ["entries"] = Interlocked.Read(ref _entries),
        ["stored"] = Interlocked.Read(ref _stored),
        ["routeSeconds"] = (double)Interlocked.Read(ref _routeTicks) / Stopwatch.Frequency,
        ["storeSeconds"] = (double)Interlocked.Read(ref _storeTicks) / Stopwatch.Frequency,
    };
}
