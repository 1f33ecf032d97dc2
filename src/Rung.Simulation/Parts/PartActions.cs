namespace Rung.Simulation.Parts;

/// <summary>The actions a part can call for; the names the use case declares.</summary>
public static class PartActions
{
    /// <summary>A good part: pass it on.</summary>
    public const string Accept = "accept";

    /// <summary>A defective part: scrap it.</summary>
    public const string Scrap = "scrap";

    /// <summary>A tool breakage is imminent: stop the line. High severity when missed.</summary>
    public const string StopLine = "stop_line";

    /// <summary>Every action, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly([Accept, Scrap, StopLine]);

    /// <summary>Throws when <paramref name="action"/> is not one of <see cref="All"/>.</summary>
    /// <param name="action">The action name to check.</param>
    /// <param name="parameterName">The caller's parameter, named in the error.</param>
    /// <exception cref="ArgumentException">The action is unknown.</exception>
    public static void EnsureKnown(string action, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(action, parameterName);
        if (action is not (Accept or Scrap or StopLine))
        {
            throw new ArgumentException(
                $"Action '{action}' is not one of {string.Join(", ", All)}.", parameterName);
        }
    }
}
