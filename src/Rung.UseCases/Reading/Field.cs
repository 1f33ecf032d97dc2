using Rung.UseCases.Yaml;

namespace Rung.UseCases.Reading;

/// <summary>A value node and the key path that leads to it, for messages.</summary>
internal readonly record struct Field(YNode Node, string Path)
{
    public Position At => Node.Start;
}
