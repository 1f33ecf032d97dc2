namespace Rung.Core.Guards;

/// <summary>
/// The commit times the guard's rate limits count, per action, kept only as far back as the longest window.
/// A restarted runtime refills it from the journal. Not thread-safe.
/// </summary>
/// <param name="retention">How far back to keep times: the longest rate-limit window.</param>
public sealed class RateLimitLedger(TimeSpan retention)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _commits = new(StringComparer.Ordinal);

    /// <summary>A ledger sized for the longest window of <paramref name="guard"/>.</summary>
    public static RateLimitLedger For(Guard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var longest = guard.RateLimits.Count == 0 ? TimeSpan.Zero : guard.RateLimits.Max(l => l.Window);
        return new RateLimitLedger(longest);
    }

    /// <summary>Records a commit of <paramref name="action"/> at <paramref name="at"/>.</summary>
    public void Record(string action, DateTimeOffset at)
    {
        if (retention <= TimeSpan.Zero)
        {
            return;
        }

        if (!_commits.TryGetValue(action, out var times))
        {
            times = new Queue<DateTimeOffset>();
            _commits[action] = times;
        }

        times.Enqueue(at);
        while (times.Count > 0 && times.Peek() < at - retention)
        {
            times.Dequeue();
        }
    }

    /// <summary>Commits of <paramref name="action"/> strictly after <paramref name="since"/>.</summary>
    public int CountSince(string action, DateTimeOffset since)
    {
        if (!_commits.TryGetValue(action, out var times))
        {
            return 0;
        }

        var count = 0;
        foreach (var at in times)
        {
            if (at > since)
            {
                count++;
            }
        }

        return count;
    }
}
