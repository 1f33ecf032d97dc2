using Rung.Core.Ladder;
using Rung.Storage;
using Rung.Storage.Edge;
using Rung.Storage.Journal;

namespace Rung.Edge.Forwarding;

/// <summary>
/// The server's side of forwarding: applies an edge's batch to the central store. Each case is stored once (its case
/// id is the key), so a batch sent again after a crash or a lost answer changes nothing. Committed actions the edge
/// delivered are marked delivered here so the server never fires them itself; actions the edge refused become
/// exception items here too.
/// </summary>
public static class EdgeIngest
{
    /// <summary>
    /// Applies <paramref name="entries"/>. <paramref name="agentFor"/> gives the agent record the server keeps for
    /// an agent id (created from its published configuration), or null when unknown: the whole batch is then refused
    /// with <see cref="KeyNotFoundException"/> naming it, before anything is stored. Returns how many cases were new.
    /// </summary>
    public static async Task<int> ApplyAsync(IRungStore store, IEdgeStore edges, IReadOnlyList<JournalEntry> entries, Func<string, CancellationToken, Task<AgentRecord?>> agentFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(agentFor);
        foreach (var agentId in entries.Select(e => e.Record.Case.AgentId).Distinct(StringComparer.Ordinal))
        {
            _ = await agentFor(agentId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"agent '{agentId}' is not published to edges on this server");
        }

        var results = await store.AppendDecisionsAsync([.. entries.Select(e => e.Record)], cancellationToken).ConfigureAwait(false);
        // An action the edge refused (it has an exception item, no delivery) is settled too, so the server never fires it.
        var delivered = entries.Where(e => (e.DeliveredAt ?? e.ActionException?.CreatedAt) is not null && e.Record.Decision.Disposition == Core.Policy.Disposition.Committed).ToList();
        foreach (var group in delivered.GroupBy(e => (e.DeliveredAt ?? e.ActionException!.CreatedAt)))
        {
            await store.MarkActionsDeliveredAsync([.. group.Select(e => e.Record.Case.CaseId)], group.Key, cancellationToken).ConfigureAwait(false);
        }

        foreach (var entry in entries.Where(e => e.ActionException is not null))
        {
            var item = entry.ActionException!;
            await edges.AddActionExceptionAsync(item.CaseId, item.AgentId, item.Reason, item.CreatedAt, item.DueAt, cancellationToken).ConfigureAwait(false);
        }

        return results.Count(r => r == AppendResult.Stored);
    }

    /// <summary>Creates the agent on the server from its published configuration when it is not there yet.</summary>
    public static async Task<AgentRecord?> EnsureAgentAsync(IRungStore store, EdgeConfigRecord? config, Stage initial, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (config is null)
        {
            return null;
        }

        var existing = await store.GetAgentAsync(config.AgentId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var change = new StageChange(config.AgentId, initial, initial, StageChangeKind.Initial, now, "system", "agent created from its edge configuration", new Dictionary<string, string>());
        return await store.EnsureAgentAsync(new AgentRecord(config.AgentId, config.AgentId, config.Scope, initial, now, "{}"), change, cancellationToken).ConfigureAwait(false);
    }
}
