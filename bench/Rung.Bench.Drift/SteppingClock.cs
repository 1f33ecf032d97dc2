namespace Rung.Bench.Drift;

/// <summary>A clock the benchmark moves by hand: the runtime's idea of now, independent of the wall clock.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan step) => _now += step;
}
