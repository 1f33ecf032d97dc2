namespace Rung.Governance.Identity;

/// <summary>
/// Zone scopes are ISA-95 path prefixes such as <c>acme/dortmund/machining/line3</c>. A zone covers a scope when
/// the scope is the zone or lies below it; <see cref="Everywhere"/> covers every scope. Matching is by whole
/// path segments, so <c>.../line3</c> does not cover <c>.../line30</c>.
/// </summary>
public static class Zones
{
    /// <summary>The zone that covers every scope, and the scope of operations that belong to no line (user management).</summary>
    public const string Everywhere = "*";

    /// <summary>True when <paramref name="zone"/> covers <paramref name="scope"/>.</summary>
    public static bool Covers(string zone, string scope)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(scope);
        var z = Normalize(zone);
        if (z == Everywhere)
        {
            return true;
        }

        var s = Normalize(scope);
        return s == z || s.StartsWith(z + "/", StringComparison.Ordinal);
    }

    /// <summary>True when any of <paramref name="zones"/> covers <paramref name="scope"/>.</summary>
    public static bool AnyCovers(IEnumerable<string> zones, string scope)
    {
        ArgumentNullException.ThrowIfNull(zones);
        return zones.Any(z => Covers(z, scope));
    }

    /// <summary>Checks a zone given by a person: non-empty path segments, or <see cref="Everywhere"/>.</summary>
    /// <exception cref="ArgumentException">Names the bad zone.</exception>
    public static string Validate(string zone)
    {
        var z = Normalize(zone ?? string.Empty);
        if (z.Length == 0 || (z != Everywhere && (z.Contains('*', StringComparison.Ordinal) || z.Split('/').Any(string.IsNullOrWhiteSpace))))
        {
            throw new ArgumentException($"Zone '{zone}' is not a scope path like 'acme/dortmund/machining/line3' (or '*' for every zone).", nameof(zone));
        }

        return z;
    }

    private static string Normalize(string path) => path.Trim().Trim('/');
}
