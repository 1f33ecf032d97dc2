namespace Rung.Uns.Topics;

/// <summary>
/// An ISA-95 topic path, enterprise/site/area/line/cell/..., as the namespace's plain JSON topics are laid out.
/// Levels past the cell are the tag's own path (for example <c>spindle/temperature</c>).
/// </summary>
/// <param name="Levels">The topic's levels, none empty.</param>
public sealed record Isa95Path(IReadOnlyList<string> Levels)
{
    /// <summary>The enterprise level.</summary>
    public string Enterprise => Levels[0];

    /// <summary>The site level, or null.</summary>
    public string? Site => Level(1);

    /// <summary>The area level, or null.</summary>
    public string? Area => Level(2);

    /// <summary>The line (or process cell) level, or null.</summary>
    public string? LineName => Level(3);

    /// <summary>The work cell (or unit) level, or null.</summary>
    public string? Cell => Level(4);

    /// <summary>enterprise/site/area/line, the key cases and IT context meet on; null when the path is shorter.</summary>
    public string? Line => Levels.Count >= 4 ? string.Join('/', Levels.Take(4)) : null;

    /// <summary>Parses a topic; throws <see cref="FormatException"/> naming the topic when it is empty, has an empty level or a wildcard.</summary>
    public static Isa95Path Parse(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length == 0)
        {
            throw new FormatException("an ISA-95 topic path must not be empty");
        }

        var levels = topic.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i].Length == 0)
            {
                throw new FormatException($"'{topic}': level {i + 1} is empty");
            }

            if (levels[i] is "+" or "#")
            {
                throw new FormatException($"'{topic}': level {i + 1} is a wildcard, not a name");
            }
        }

        return new Isa95Path(levels);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join('/', Levels);

    private string? Level(int index) => Levels.Count > index ? Levels[index] : null;
}
