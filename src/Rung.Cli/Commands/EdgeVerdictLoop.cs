using Rung.Edge;
using Rung.Edge.Hosting;
using Rung.Edge.Protocol;
using Rung.Storage;

namespace Rung.Cli.Commands;

/// <summary><c>rung edge run</c>'s verdict feed, printing one <c>verdict:</c> line per verdict it settles.</summary>
internal static class EdgeVerdictLoop
{
    public static EdgeVerdictFeed Create(IEdgeJournalLookup journal, IEdgeVerdictServer server, IReadOnlyList<EdgeAgent> agents, EdgeOptions options, TimeProvider time)
    {
        var feed = new EdgeVerdictFeed(journal, server, agents, options.EdgeId, time);
        feed.Settled += (_, e) => Console.WriteLine($"verdict: {e.Verdict.CaseId} {e.Verdict.Kind} {e.Verdict.Verdict?.ToString() ?? e.Verdict.Action} by {e.Verdict.Actor}: " + (
            e.Result.Problem ?? (e.Result.ActionException is { } x ? "exception item: " + x.Reason : e.Result.DeliveredAt is not null ? "action delivered" : "applied")));
        return feed;
    }
}
