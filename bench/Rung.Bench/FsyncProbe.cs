using System.Diagnostics;

namespace Rung.Bench;

/// <summary>
/// The floor under every durable write on this machine: a small append to a file in the temp folder, synced to
/// disk. A synchronous=FULL SQLite commit in WAL mode pays at least one such sync.
/// </summary>
internal static class FsyncProbe
{
    public static double MedianMicros(int syncs)
    {
        var folder = Directory.CreateTempSubdirectory("rung-bench-fsync-");
        try
        {
            var line = new byte[200];
            Array.Fill(line, (byte)'x');
            var samples = new double[syncs];
            using (var file = new FileStream(Path.Combine(folder.FullName, "probe"), FileMode.Create, FileAccess.Write, FileShare.None))
            {
                for (var i = 0; i < syncs; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    file.Write(line);
                    file.Flush(flushToDisk: true);
                    samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                }
            }

            Array.Sort(samples);
            return samples[syncs / 2];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
