namespace Rung.Models.JsonLines;

/// <summary>
/// Crash-loop protection: remembers when restarts happened and refuses another once too many fall
/// inside the sliding window. Not thread-safe; the adapter's call gate serialises access.
/// </summary>
internal sealed class RestartBudget(int maxRestarts, TimeSpan window, TimeProvider timeProvider)
{
    private readonly Queue<DateTimeOffset> _restarts = new();

    /// <summary>When a restart may happen again, or null when one may happen now.</summary>
    public DateTimeOffset? BlockedUntil()
    {
        var now = timeProvider.GetUtcNow();
        while (_restarts.Count > 0 && now - _restarts.Peek() >= window)
        {
            _restarts.Dequeue();
        }

        if (_restarts.Count < maxRestarts)
        {
            return null;
        }

        // With no restarts allowed at all, a dead process stays dead.
        return maxRestarts == 0 ? DateTimeOffset.MaxValue : _restarts.Peek() + window;
    }

    public void Record() => _restarts.Enqueue(timeProvider.GetUtcNow());
}
