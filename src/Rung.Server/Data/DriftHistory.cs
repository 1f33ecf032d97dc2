using Rung.Runtime.Monitoring;

namespace Rung.Server.Data;

/// <summary>The PSI per feature of the last few distinct monitor snapshots, for the agent page's small trends. Thread-safe.</summary>
internal sealed class DriftHistory(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<double>> _points = new(StringComparer.Ordinal);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public Dictionary<string, IReadOnlyList<double>> Add(MonitorSnapshot snapshot)
    {
        lock (_gate)
        {
            if (snapshot.At > _last)
            {
                _last = snapshot.At;
                foreach (var line in snapshot.Drift)
                {
                    if (!_points.TryGetValue(line.Feature, out var queue))
                    {
                        _points[line.Feature] = queue = new Queue<double>();
                    }

                    queue.Enqueue(line.Psi);
                    while (queue.Count > capacity)
                    {
                        queue.Dequeue();
                    }
                }
            }

            return _points.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)[.. p.Value], StringComparer.Ordinal);
        }
    }
}
