using System.Globalization;
using System.Text.Json;
using Rung.Core.Proposals;
using Rung.Storage;
using Rung.Storage.Gates;
using Rung.Storage.Journal;

namespace Rung.Runtime.Connectors;

/// <summary>
/// Proves that the JSON-lines action connector survives a restart with nothing lost or duplicated: closes it
/// mid-stream, opens it again, delivers the outbox and the tail of the file once more (as after a crash between
/// writing and marking delivered), then checks from the actions file and the journal's committed actions that
/// every committed action is in the file exactly once. The result is a <see cref="ConnectorCheck"/> for the
/// integration criterion of the production gate.
/// </summary>
public static class ConnectorRestartCheck
{
    /// <summary>The check's kind as stored.</summary>
    public const string Kind = "restart";

    /// <summary>How many of the last delivered actions are delivered again after the restart, by default.</summary>
    public const int DefaultReplay = 25;

    private const int OutboxBatch = 500;

    /// <summary>
    /// Restarts <paramref name="connector"/>, redelivers, verifies <paramref name="actionsFile"/> against the journal
    /// and stores the result through <paramref name="gates"/>. Returns the stored check.
    /// </summary>
    /// <param name="connector">The running connector writing <paramref name="actionsFile"/>.</param>
    /// <param name="store">The journal: its outbox is delivered after the restart.</param>
    /// <param name="gates">Where the check is recorded.</param>
    /// <param name="agentId">The agent whose actions the file holds.</param>
    /// <param name="actionsFile">The file the connector writes.</param>
    /// <param name="time">Stamps the check and the deliveries.</param>
    /// <param name="replay">How many of the file's last actions to deliver again after the restart.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<ConnectorCheck> RunAsync(
        RestartableActionConnector<JsonLinesActionConnector> connector, IRungStore store, IGateStore gates, string agentId, string actionsFile, TimeProvider time,
        int replay = DefaultReplay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(replay);

        var before = await ReadAsync(actionsFile, cancellationToken).ConfigureAwait(false);
        var tail = before.Lines.Where(l => l.AgentId == agentId).TakeLast(replay)
            .Select(l => new PendingAction(l.CaseId, l.AgentId, new ProposedAction(l.Action, l.Target, l.Value), l.CommittedAt)).ToList();
        await connector.RestartAsync(cancellationToken).ConfigureAwait(false);

        var redelivered = 0;
        IReadOnlyList<PendingAction> pending;
        do
        {
            pending = await store.GetUndeliveredActionsAsync(agentId, OutboxBatch, cancellationToken).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                await connector.DeliverAsync(pending, cancellationToken).ConfigureAwait(false);
                await store.MarkActionsDeliveredAsync([.. pending.Select(p => p.CaseId)], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                redelivered += pending.Count;
            }
        }
        while (pending.Count > 0);

        await connector.DeliverAsync(tail, cancellationToken).ConfigureAwait(false);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"JSON-lines connector closed and reopened mid-stream (restart {connector.Restarts}); {redelivered} outbox actions delivered after it, the last {tail.Count} delivered actions sent again; {Path.GetFileName(actionsFile)} checked against the journal");
        var check = await VerifyAsync(gates, agentId, actionsFile, time.GetUtcNow(), note, cancellationToken).ConfigureAwait(false);
        await gates.AppendConnectorCheckAsync(check, cancellationToken).ConfigureAwait(false);
        return check;
    }

    /// <summary>
    /// Compares the actions file with the journal's committed actions of <paramref name="agentId"/> up to
    /// <paramref name="at"/>: a committed action missing from the file is lost, a case in the file more than once is
    /// duplicated; lines for cases that were never committed and unreadable lines are named in the note.
    /// </summary>
    public static async Task<ConnectorCheck> VerifyAsync(IEvidenceStore evidence, string agentId, string actionsFile, DateTimeOffset at, string note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actionsFile);
        var file = await ReadAsync(actionsFile, cancellationToken).ConfigureAwait(false);
        var cases = await evidence.GetCaseEvidenceAsync(agentId, DateTimeOffset.UnixEpoch, at.AddSeconds(1), cancellationToken).ConfigureAwait(false);
        var committed = cases.Where(c => c.CommittedAt is { } t && t <= at).Select(c => c.CaseId).ToHashSet(StringComparer.Ordinal);
        var counts = file.Lines.Where(l => l.AgentId == agentId).GroupBy(l => l.CaseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var delivered = committed.Count(counts.ContainsKey);
        var lost = committed.Where(c => !counts.ContainsKey(c)).Order(StringComparer.Ordinal).ToList();
        var duplicated = counts.Where(kv => kv.Value > 1).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        var phantom = counts.Keys.Where(c => !committed.Contains(c)).Order(StringComparer.Ordinal).ToList();
        var findings = new List<string>();
        if (lost.Count > 0)
        {
            findings.Add("lost: " + Sample(lost));
        }

        if (duplicated.Count > 0)
        {
            findings.Add("duplicated: " + Sample(duplicated));
        }

        if (phantom.Count > 0)
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"{phantom.Count} in the file but never committed: {Sample(phantom)}"));
        }

        if (file.Unreadable.Count > 0)
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"unreadable lines: {string.Join(", ", file.Unreadable.Take(5))}"));
        }

        var text = findings.Count == 0 ? note : $"{note}; {string.Join("; ", findings)}";
        return new ConnectorCheck(agentId, at, Kind, committed.Count, delivered, lost.Count, duplicated.Count, text);
    }

    private static string Sample(List<string> ids) =>
        ids.Count <= 5 ? string.Join(", ", ids) : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", ids.Take(5))} and {ids.Count - 5} more");

    // Read with write sharing: the connector keeps the file open while the check reads it.
    private static async Task<(List<ActionLine> Lines, List<int> Unreadable)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = new List<ActionLine>();
        var unreadable = new List<int>();
        if (!File.Exists(path))
        {
            return (lines, unreadable);
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, ActionLineContext.Default.ActionLine) is { CaseId.Length: > 0 } parsed)
                {
                    lines.Add(parsed);
                    continue;
                }
            }
            catch (JsonException)
            {
                // Counted below: a line that does not parse is named by its number.
            }

            unreadable.Add(number);
        }

        return (lines, unreadable);
    }
}
