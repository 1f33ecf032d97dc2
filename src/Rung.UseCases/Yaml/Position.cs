using YamlDotNet.Core;

namespace Rung.UseCases.Yaml;

/// <summary>A 1-based line and column in the source text.</summary>
internal readonly record struct Position(int Line, int Column)
{
    /// <summary>The start of the text, where whole-file problems are reported.</summary>
    public static Position FileStart { get; } = new(1, 1);

    public static Position From(Mark mark) =>
        new((int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));
}
