namespace Rung.Cli.Demo;

/// <summary>
/// The demo's simulated time as the console reads it: the moment of the latest progress report, so exception SLAs
/// and gate evidence count on the same clock as the simulated line. Thread-safe.
/// </summary>
internal sealed class DemoPlantClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>Moves the clock to <paramref name="now"/>; never backwards.</summary>
    public void MoveTo(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _ticks);
            if (ticks <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _ticks, ticks, seen) != seen);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
