using Rung.Edge.Protocol;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Edge.Hosting;

/// <summary>
/// Brings verdicts given on the server (approvals of drafted actions, decisions on exception items) down to the
/// edge's agents and reports back what each did. A verdict goes through the agent's own runtime, in turn with its
/// case source: an approved action is journalled, then passes the <see cref="Safety.EdgeActionGate"/> with its
/// validity window counted from the approver's time, so a verdict that arrives too late becomes an exception item
/// instead of a late action. Applying is idempotent by case id, and the server keeps offering a verdict until it
/// has the edge's result, so a lost answer or a crash between the two only repeats a harmless no-op.
/// </summary>
public sealed class EdgeVerdictFeed
{
    private readonly IEdgeJournalLookup _journal;
    private readonly IEdgeVerdictServer _server;
    private readonly IReadOnlyList<EdgeAgent> _agents;
    private readonly string _edgeId;
    private readonly TimeProvider _time;
    private long _applied;

    /// <summary>Feeds <paramref name="agents"/> (all on the journal <paramref name="journal"/>) from <paramref name="server"/>.</summary>
    public EdgeVerdictFeed(IEdgeJournalLookup journal, IEdgeVerdictServer server, IReadOnlyList<EdgeAgent> agents, string edgeId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentException.ThrowIfNullOrWhiteSpace(edgeId);
        ArgumentNullException.ThrowIfNull(time);
        _journal = journal;
        _server = server;
        _agents = agents;
        _edgeId = edgeId;
        _time = time;
    }

    /// <summary>Verdicts reported back to the server through this feed.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>The last error talking to the server, or null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Raised for each verdict applied (or found unusable) with what the edge reports about it.</summary>
    public event EventHandler<(EdgeVerdict Verdict, EdgeVerdictResult Result)>? Settled;

    /// <summary>Fetches the waiting verdicts, applies each and reports the results. Returns how many were reported.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var verdicts = await _server.GetVerdictsAsync(cancellationToken).ConfigureAwait(false);
            if (verdicts.Count == 0)
            {
                LastError = null;
                return 0;
            }

            var results = new List<EdgeVerdictResult>(verdicts.Count);
            foreach (var verdict in verdicts)
            {
                var result = await ApplyAsync(verdict, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                Settled?.Invoke(this, (verdict, result));
            }

            await _server.ReportVerdictResultsAsync(results, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _applied, results.Count);
            LastError = null;
            return results.Count;
        }
        catch (EdgeServerException ex)
        {
            LastError = ex.Message;
            return 0;
        }
    }

    /// <summary>Polls every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<EdgeVerdictResult> ApplyAsync(EdgeVerdict verdict, CancellationToken cancellationToken)
    {
        var agent = _agents.FirstOrDefault(a => a.Runtime.AgentId == verdict.AgentId);
        if (agent is null)
        {
            return Problem(verdict, $"agent '{verdict.AgentId}' does not run on edge '{_edgeId}'");
        }

        try
        {
            if (verdict.Kind == EdgeVerdictKind.Approval)
            {
                await agent.RunAsync(r => r.ApproveAsync([verdict.ToApproval()], cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await agent.RunAsync(r => r.ResolveExceptionsAsync([verdict.ToResolution()], cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            // The edge's journal does not hold the case as the server does (a replaced edge, a lost journal): the
            // verdict cannot act here, and the server is told so rather than offering it forever.
            return Problem(verdict, ex.Message);
        }

        var entry = verdict.Kind == EdgeVerdictKind.Approval ? await _journal.GetJournalEntryAsync(verdict.CaseId, cancellationToken).ConfigureAwait(false) : null;
        return new EdgeVerdictResult(verdict.CaseId, verdict.Kind, _edgeId, _time.GetUtcNow(), entry?.DeliveredAt, entry?.ActionException, null);
    }

    private EdgeVerdictResult Problem(EdgeVerdict verdict, string problem) =>
        new(verdict.CaseId, verdict.Kind, _edgeId, _time.GetUtcNow(), null, null, problem);
}
