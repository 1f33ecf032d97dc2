using System.Diagnostics;

namespace Rung.Bench;

/// <summary>Wall clock and process CPU time from one moment on. CPU counts every thread of the process (GC included).</summary>
internal readonly record struct Meter(long StartedAt, TimeSpan CpuAtStart)
{
    public static Meter Start() => new(Stopwatch.GetTimestamp(), CpuTime());

    public (double WallSeconds, double CpuSeconds) Stop() =>
        (Stopwatch.GetElapsedTime(StartedAt).TotalSeconds, (CpuTime() - CpuAtStart).TotalSeconds);

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
