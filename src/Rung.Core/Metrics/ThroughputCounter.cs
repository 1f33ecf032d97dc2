namespace Rung.Core.Metrics;

/// <summary>
/// Events per minute over a sliding time window, from one counter per minute in a ring (default 60 minutes).
/// Times are passed in (from the caller's TimeProvider); events older than the window, relative to the latest
/// time seen, are ignored. Memory is bounded by the window's minutes. Not thread-safe.
/// </summary>
public sealed class ThroughputCounter
{
    private readonly long[] _counts;
    private readonly long[] _minutes;
    private long _latestMinute = long.MinValue;

    /// <summary>Creates a counter over the last <paramref name="window"/> (whole minutes, default 60 minutes).</summary>
    public ThroughputCounter(TimeSpan? window = null)
    {
        var minutes = (window ?? TimeSpan.FromMinutes(60)).TotalMinutes;
        if (minutes < 1 || minutes != Math.Floor(minutes))
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be a whole number of minutes, at least one.");
        }

        _counts = new long[(int)minutes];
        _minutes = new long[(int)minutes];
        Array.Fill(_minutes, long.MinValue);
    }

    /// <summary>The window in minutes.</summary>
    public int WindowMinutes => _counts.Length;

    /// <summary>Counts <paramref name="count"/> events at <paramref name="at"/>.</summary>
    public void Add(DateTimeOffset at, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var minute = MinuteOf(at);
        _latestMinute = Math.Max(_latestMinute, minute);
        if (minute <= _latestMinute - _counts.Length)
        {
            return;
        }

        var slot = Slot(minute);
        if (_minutes[slot] != minute)
        {
            _minutes[slot] = minute;
            _counts[slot] = 0;
        }

        _counts[slot] += count;
    }

    /// <summary>Events in the window ending at the minute of <paramref name="now"/> (inclusive).</summary>
    public long Total(DateTimeOffset now)
    {
        var current = MinuteOf(now);
        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_minutes[i] <= current && _minutes[i] > current - _counts.Length)
            {
                total += _counts[i];
            }
        }

        return total;
    }

    /// <summary>Mean events per minute over the window ending at <paramref name="now"/>.</summary>
    public double PerMinute(DateTimeOffset now) => Total(now) / (double)_counts.Length;

    /// <summary>Events per minute for each minute of the window ending at <paramref name="now"/>, oldest first (for charts).</summary>
    public IReadOnlyList<long> Series(DateTimeOffset now)
    {
        var current = MinuteOf(now);
        var series = new long[_counts.Length];
        for (var k = 0; k < series.Length; k++)
        {
            var minute = current - series.Length + 1 + k;
            var slot = Slot(minute);
            series[k] = _minutes[slot] == minute ? _counts[slot] : 0;
        }

        return series;
    }

    private static long MinuteOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;

    private int Slot(long minute) => (int)(((minute % _counts.Length) + _counts.Length) % _counts.Length);
}
