namespace Rung.UseCases.Templates;

/// <summary>
/// How the new site names its tags differently: applied in order to every tag and topic that has no explicit value.
/// A literal rule replaces every occurrence of <see cref="From"/>; a pattern rule is a .NET regular expression whose
/// matches are replaced by <see cref="To"/> (with <c>$1</c> groups).
/// </summary>
/// <param name="From">The text or pattern to find.</param>
/// <param name="To">What to put instead.</param>
/// <param name="IsPattern">True for a regular expression.</param>
/// <param name="Line">1-based line of the rule in the mapping file.</param>
public sealed record RenameRule(string From, string To, bool IsPattern, int Line)
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Applies the rule to <paramref name="topic"/>.</summary>
    public string Apply(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return IsPattern
            ? System.Text.RegularExpressions.Regex.Replace(topic, From, To, System.Text.RegularExpressions.RegexOptions.CultureInvariant, MatchTimeout)
            : topic.Replace(From, To, StringComparison.Ordinal);
    }
}
