namespace Rung.Bench;

/// <summary>
/// The agent's clock during a run: moved to the source time of each batch, as the demo moves its simulation clock,
/// so rate limits and exception due times behave as on a live line. Timestamps (model latency) stay real.
/// </summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset at)
    {
        if (at > _now)
        {
            _now = at;
        }
    }
}
