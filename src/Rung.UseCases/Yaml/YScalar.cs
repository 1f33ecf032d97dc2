using YamlDotNet.Core;

namespace Rung.UseCases.Yaml;

/// <summary>A scalar as written: its text and whether it was quoted.</summary>
internal sealed class YScalar(Position start, string value, ScalarStyle style) : YNode(start)
{
    public string Value { get; } = value;

    public bool IsQuoted { get; } = style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

    /// <summary>A plain <c>null</c>, <c>~</c> or nothing at all, which YAML reads as no value.</summary>
    public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override long Size => 1;

    public override int Height => 0;

    public override string Describe() => IsNull ? "no value" : IsQuoted ? $"the quoted string '{Value}'" : $"'{Value}'";
}
