using System.Diagnostics;
using Rung.Core.Cases;
using Rung.Models.JsonLines;

namespace Rung.Models.Tests.JsonLines;

/// <summary>Options and helpers for the Python test models in scripts/.</summary>
internal static class Scripts
{
    // Short enough to keep the hang tests quick, long enough for a loaded CI machine to answer a normal call.
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    public static ProcessModelOptions Options(string script, params string[] arguments) =>
        new("python3", "test-1")
        {
            Arguments = [Path.Combine(AppContext.BaseDirectory, "scripts", script), .. arguments],
            Timeout = Short,

            // Python's start-up alone can pass 300 ms on a busy machine; the first answer gets longer.
            StartupTimeout = TimeSpan.FromSeconds(20),
        };

    public static FeatureVector Features(params (string Name, double Value)[] values)
    {
        var dictionary = new Dictionary<string, double>();
        foreach (var (name, value) in values)
        {
            dictionary[name] = value;
        }

        return new FeatureVector(dictionary);
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && !IsZombie(pid);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Polls a condition until it holds or a generous limit passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }

    private static bool IsZombie(int pid)
    {
        // A killed grandchild whose parent died is reaped by init; until then /proc shows it as Z.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return true;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var afterName = text[(text.LastIndexOf(')') + 2)..];
            return afterName.StartsWith('Z') || afterName.StartsWith('X');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
