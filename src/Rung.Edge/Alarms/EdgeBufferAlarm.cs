using System.Globalization;
using Rung.Core.Alarms;

namespace Rung.Edge.Alarms;

/// <summary>Turns the forwarder's buffer alarm (an event raised on its loop) into an edge alarm on each of the edge's agents.</summary>
public static class EdgeBufferAlarm
{
    /// <summary>
    /// Raises <see cref="EdgeAlarmRules.Buffer"/> on every agent when <paramref name="on"/>; a clear is only reported
    /// (a person closes the alarm on the server). Runs in the background so the forwarder's loop is not held;
    /// the clear and a failure to store the alarm are reported to <paramref name="report"/>.
    /// </summary>
    public static void Raise(EdgeAlarms alarms, IEnumerable<string> agentIds, bool on, long depth, long budget, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(report);
        if (!on)
        {
            report("buffer alarm cleared");
            return;
        }

        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["depth"] = depth.ToString(CultureInfo.InvariantCulture),
            ["budget"] = budget.ToString(CultureInfo.InvariantCulture),
        };
        var ids = agentIds.ToList();
        _ = Task.Run(async () =>
        {
            foreach (var agentId in ids)
            {
                try
                {
                    await alarms.RaiseAsync(agentId, EdgeAlarmRules.Buffer, "buffer", AlarmSeverity.Warning, $"Forwarding buffer at {depth} of {budget} cases: the server is away or slow", evidence).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException or Microsoft.Data.Sqlite.SqliteException)
                {
                    report($"buffer alarm not stored: {ex.Message}");
                }
            }
        });
    }
}
