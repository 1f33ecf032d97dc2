using System.Diagnostics;

namespace Rung.Bench.Mqtt;

internal static class Tools
{
    public static string Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} not found: install the Debian packages mosquitto and mosquitto-clients");
    }

    public static async Task<string> MosquittoVersionAsync()
    {
        using var process = Process.Start(new ProcessStartInfo(Find("mosquitto"), ["-h"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var first = await process.StandardOutput.ReadLineAsync() ?? "";
        await process.WaitForExitAsync();
        return first.Replace("mosquitto version ", "", StringComparison.Ordinal).Trim();
    }
}
