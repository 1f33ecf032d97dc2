namespace Rung.UseCases.Yaml;

/// <summary>A list.</summary>
internal sealed class YSequence(Position start, IReadOnlyList<YNode> items) : YNode(start)
{
    public IReadOnlyList<YNode> Items { get; } = items;

    public override long Size { get; } = YMapping.SaturatingSum(items.Select(i => i.Size));

    public override int Height { get; } = 1 + (items.Count == 0 ? 0 : items.Max(i => i.Height));

    public override string Describe() => "a list";
}
