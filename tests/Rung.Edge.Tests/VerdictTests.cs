using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Edge.Forwarding;
using Rung.Edge.Hosting;
using Rung.Edge.Protocol;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Edge.Tests;

/// <summary>Verdicts given on the server travel down to the edge, are applied there once and reported back once.</summary>
public sealed class VerdictTests
{
    private const string Agent = "line3-quality";

    [Fact]
    public async Task Approval_on_the_server_is_delivered_by_the_edge_once_and_marked_delivered_on_the_server()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var (feed, link) = await DraftAndForwardAsync(f, "d1");
        await f.Server.AppendApprovalsAsync([new Approval("d1", "line3.lead", Verdict.Approved, f.Clock.GetUtcNow())]);
        Assert.Single(await f.Server.GetUndeliveredActionsAsync(Agent, 10));

        Assert.Equal(1, await feed.PollOnceAsync());
        Assert.Equal(0, await feed.PollOnceAsync());

        var delivered = Assert.Single(f.Connector.Delivered);
        Assert.Equal("d1", delivered.CaseId);
        Assert.Empty(await f.Server.GetUndeliveredActionsAsync(Agent, 10));
        Assert.Empty(await f.Edge.GetUndeliveredActionsAsync(Agent, 10));
        Assert.Equal(1, link.Reported);
    }

    [Fact]
    public async Task Approval_arriving_after_the_validity_window_becomes_an_exception_item_on_edge_and_server()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var (feed, _) = await DraftAndForwardAsync(f, "late1");
        await f.Server.AppendApprovalsAsync([new Approval("late1", "line3.lead", Verdict.Approved, f.Clock.GetUtcNow())]);
        ((ManualTimeProvider)f.Clock).Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(1, await feed.PollOnceAsync());

        Assert.Empty(f.Connector.Delivered);
        var onEdge = Assert.Single(await f.Edge.GetOpenExceptionsAsync(Agent, 10));
        Assert.Contains("expired", onEdge.Reason, StringComparison.Ordinal);
        var onServer = Assert.Single(await f.Server.GetOpenExceptionsAsync(Agent, 10));
        Assert.Equal("late1", onServer.CaseId);
        Assert.Empty(await f.Server.GetUndeliveredActionsAsync(Agent, 10));
    }

    [Fact]
    public async Task Rejection_and_exception_resolution_reach_the_edge_and_a_lost_report_only_repeats_a_no_op()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        var (feed, link) = await DraftAndForwardAsync(f, "r1");
        await f.Server.AppendApprovalsAsync([new Approval("r1", "line3.lead", Verdict.Rejected, f.Clock.GetUtcNow(), "wrong part")]);
        link.LoseReports = 1;
        Assert.Equal(0, await feed.PollOnceAsync());
        Assert.NotNull(feed.LastError);
        Assert.Equal(1, await feed.PollOnceAsync());
        Assert.Empty(f.Connector.Delivered);
        Assert.Equal(1, link.Reported);
        Assert.False((await f.Edge.AppendApprovalsAsync([new Approval("r1", "someone", Verdict.Approved, f.Clock.GetUtcNow())]))[0]);

        // An approved action that expired on the edge is an exception item on both sides; its resolution goes down too.
        await DraftAndForwardAsync(f, "x1", link);
        await f.Server.AppendApprovalsAsync([new Approval("x1", "line3.lead", Verdict.Approved, f.Clock.GetUtcNow())]);
        ((ManualTimeProvider)f.Clock).Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await feed.PollOnceAsync());
        await f.Server.ResolveExceptionsAsync([new ExceptionResolution("x1", "line3.lead", "hold_for_inspection", f.Clock.GetUtcNow())]);
        Assert.Equal(1, await feed.PollOnceAsync());
        Assert.Empty(await f.Edge.GetOpenExceptionsAsync(Agent, 10));
        Assert.Equal(0, await feed.PollOnceAsync());
    }

    [Fact]
    public async Task Verdict_for_a_case_the_edge_does_not_hold_is_reported_as_a_problem_not_offered_forever()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        await DraftAndForwardAsync(f, "gone1");
        using var dir = new TempDirectory();
        await using var emptyEdge = await SqliteRungStore.OpenAsync(dir.File("replaced-edge.db"), f.Clock);
        await using var agent = await EdgeAgent.StartAsync(EdgeFixture.UseCase(Stage.ApproveEach), emptyEdge, new EdgeFixture.ScriptedModel(), f.Connector, f.Stops, null, new EdgeOptions(), f.Clock);
        var lost = new EdgeVerdictFeed(emptyEdge, new VerdictLink(f.Server), [agent], "line3-new", f.Clock);
        await f.Server.AppendApprovalsAsync([new Approval("gone1", "line3.lead", Verdict.Approved, f.Clock.GetUtcNow())]);
        EdgeVerdictResult? seen = null;
        lost.Settled += (_, e) => seen = e.Result;

        Assert.Equal(1, await lost.PollOnceAsync());
        Assert.Contains("gone1", seen!.Problem, StringComparison.Ordinal);
        Assert.Equal(0, await lost.PollOnceAsync());
        Assert.Empty(f.Connector.Delivered);
    }

    private static async Task<(EdgeVerdictFeed Feed, VerdictLink Link)> DraftAndForwardAsync(EdgeFixture f, string caseId, VerdictLink? link = null)
    {
        var agent = await f.StartAsync(Stage.ApproveEach);
        var decided = await agent.DecideAsync([EdgeFixture.Case(caseId, 1)]);
        Assert.Equal(Disposition.PendingApproval, decided[0].Record.Decision.Disposition);
        var forwarder = new EdgeForwarder(f.Edge, f.Link, new EdgeOptions { EdgeId = "line3" }, f.Clock);
        while (await forwarder.RefreshAsync() > 0)
        {
            await forwarder.ForwardOnceAsync();
        }

        link ??= new VerdictLink(f.Server);
        return (new EdgeVerdictFeed(f.Edge, link, [agent], "line3", f.Clock), link);
    }

    /// <summary>The server's verdict routes over its store, through the wire format, with a report that can be lost after it was stored.</summary>
    internal sealed class VerdictLink(SqliteRungStore server) : IEdgeVerdictServer
    {
        private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

        public int LoseReports { get; set; }

        public int Reported { get; private set; }

        public async Task<IReadOnlyList<EdgeVerdict>> GetVerdictsAsync(CancellationToken cancellationToken = default)
        {
            var verdicts = await server.GetUnsettledEdgeVerdictsAsync(Agent, 200, cancellationToken);
            return System.Text.Json.JsonSerializer.Deserialize<List<EdgeVerdict>>(System.Text.Json.JsonSerializer.Serialize(verdicts, Json), Json)!;
        }

        public async Task<int> ReportVerdictResultsAsync(IReadOnlyList<EdgeVerdictResult> results, CancellationToken cancellationToken = default)
        {
            if (LoseReports > 0)
            {
                LoseReports--;
                throw new EdgeServerException("connection reset before the server read the report", 502);
            }

            var wire = System.Text.Json.JsonSerializer.Deserialize<List<EdgeVerdictResult>>(System.Text.Json.JsonSerializer.Serialize(results, Json), Json)!;
            var stored = 0;
            foreach (var result in wire)
            {
                stored += await server.RecordEdgeVerdictResultAsync(Agent, result, cancellationToken) ? 1 : 0;
            }

            Reported += stored;
            return stored;
        }
    }
}
