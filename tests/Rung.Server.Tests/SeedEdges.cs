using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Server.Tests;

/// <summary>
/// Edges beside the seeded journal: one on line 3 reporting, one on line 4 silent for ten minutes, and one at another
/// site that people zoned to the press area must not see. Line 3's agent is published to edges.
/// </summary>
internal static class SeedEdges
{
    public const string Line3Edge = "press-line3-edge";

    public const string Line4Edge = "press-line4-edge";

    public const string KoelnEdge = "koeln-line5-edge";

    public static async Task WriteAsync(IRungStore store, DateTimeOffset now)
    {
        var edges = (IEdgeStore)store;
        await edges.PublishEdgeConfigAsync(SeedData.Agent, "acme/berlin/press/line3", "# published for the edge tests\n", now.AddDays(-1), "system");
        await edges.PublishEdgeConfigAsync(SeedData.Line4Agent, "acme/berlin/press/line4", "# published for the edge tests\n", now.AddDays(-1), "system");
        await edges.SaveEdgeHealthAsync(Line3(now));
        await edges.SaveEdgeHealthAsync(new EdgeHealth(Line4Edge, "acme/berlin/press/line4", now.AddMinutes(-10), 0, TimeSpan.Zero, "pilot-1.0", TimeSpan.FromSeconds(-2.5), Stopped: false));
        await edges.SaveEdgeHealthAsync(new EdgeHealth(KoelnEdge, "acme/koeln/machining/line5", now.AddSeconds(-1), 3, TimeSpan.FromSeconds(1), "koeln-1.0", TimeSpan.Zero, Stopped: false));
    }

    /// <summary>Line 3's edge, heard from five seconds before <paramref name="now"/>: 1,200 cases buffered, 42 s behind, its clock 0.3 s ahead.</summary>
    public static EdgeHealth Line3(DateTimeOffset now) =>
        new(Line3Edge, "acme/berlin/press/line3", now.AddSeconds(-5), 1_200, TimeSpan.FromSeconds(42), "pilot-2.1", TimeSpan.FromSeconds(0.3), Stopped: false);
}
