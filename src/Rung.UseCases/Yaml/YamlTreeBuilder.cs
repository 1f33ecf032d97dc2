using System.Globalization;
using System.Text.RegularExpressions;
using Rung.UseCases.Reading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rung.UseCases.Yaml;

/// <summary>
/// Builds the node tree straight from YamlDotNet's parser events. The representation model (YamlStream) stops at the
/// first duplicate key and loads recursively without a depth limit, so a deeply nested file would overflow the stack
/// before any check ran; building from events reports every duplicate and enforces depth and alias-expansion limits
/// as the text is read.
/// </summary>
internal sealed partial class YamlTreeBuilder
{
    /// <summary>Deepest nesting of mappings and lists accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most nodes accepted, counting every alias as a full copy of what it refers to.</summary>
    public const long MaxNodes = 100_000;

    private readonly Parser parser;
    private readonly Diagnostics diagnostics;
    private readonly Dictionary<string, YNode> anchors = new(StringComparer.Ordinal);
    private long total;
    private ParsingEvent? lastEvent;

    private YamlTreeBuilder(string text, Diagnostics diagnostics)
    {
        parser = new Parser(new StringReader(text));
        this.diagnostics = diagnostics;
    }

    /// <summary>Parses one document; returns null when an error was reported that leaves nothing to validate.</summary>
    public static YNode? Build(string text, Diagnostics diagnostics)
    {
        var builder = new YamlTreeBuilder(text, diagnostics);
        try
        {
            return builder.Document();
        }
        catch (YamlLimitException)
        {
            return null;
        }
        catch (YamlException ex)
        {
            diagnostics.Error(Position.From(ex.Start), "", $"YAML syntax error: {CleanMessage(ex.Message)}");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner fails this way on some truncated input, for example an unclosed '[' at the end.
            diagnostics.Error(
                builder.lastEvent is null ? Position.FileStart : Position.From(builder.lastEvent.Start),
                "",
                "YAML syntax error: the text could not be read on from here; look for an unclosed bracket, brace or quote");
            return null;
        }
    }

    private YNode? Document()
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            ReportEmpty();
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = Node("", 1);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            diagnostics.Error(
                Position.From(second.Start),
                "",
                "more than one YAML document; a use-case file holds exactly one (remove the second '---')");
            return null;
        }

        if (root is YScalar { IsNull: true })
        {
            ReportEmpty();
            return null;
        }

        return root;
    }

    private void ReportEmpty() =>
        diagnostics.Error(Position.FileStart, "", "the file is empty; a use-case file has the sections 'usecase', 'business' and 'agent'");

    private YNode Node(string path, int depth)
    {
        var current = parser.Current ?? throw new YamlException("Unexpected end of the YAML stream.");
        var at = Position.From(current.Start);
        lastEvent = current;
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return Alias(alias, at, path, depth);
            case Scalar scalar:
                parser.MoveNext();
                Count(1, at, path);
                return Anchor(scalar, new YScalar(at, scalar.Value, scalar.Style));
            case SequenceStart start:
                return Anchor(start, Sequence(at, path, depth));
            case MappingStart start:
                return Anchor(start, Mapping(at, path, depth));
            default:
                throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
        }
    }

    private YSequence Sequence(Position at, string path, int depth)
    {
        CheckDepth(at, path, depth);
        parser.MoveNext();
        Count(1, at, path);
        var items = new List<YNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(Node($"{path}[{items.Count}]", depth + 1));
        }

        return new YSequence(at, items);
    }

    private YMapping Mapping(Position at, string path, int depth)
    {
        CheckDepth(at, path, depth);
        parser.MoveNext();
        Count(1, at, path);
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = Node(path, depth + 1);
            var keyText = key is YScalar s ? s.Value : "?";
            var value = Node(path.Length == 0 ? keyText : $"{path}.{keyText}", depth + 1);
            if (key is not YScalar scalarKey)
            {
                diagnostics.Error(key.Start, path, $"a key must be a plain name, not {key.Describe()}");
            }
            else if (seen.TryGetValue(scalarKey.Value, out var first))
            {
                diagnostics.Error(
                    key.Start,
                    path.Length == 0 ? scalarKey.Value : $"{path}.{scalarKey.Value}",
                    $"duplicate key; first defined at line {first.Start.Line}, column {first.Start.Column}");
            }
            else
            {
                seen.Add(scalarKey.Value, scalarKey);
                entries.Add(new(scalarKey, value));
            }
        }

        return new YMapping(at, entries);
    }

    private YNode Alias(AnchorAlias alias, Position at, string path, int depth)
    {
        if (!anchors.TryGetValue(alias.Value.Value, out var target))
        {
            diagnostics.Error(at, path, $"unknown alias '*{alias.Value.Value}' (an anchor '&{alias.Value.Value}' must come before it)");
            return new YScalar(at, "", ScalarStyle.Plain);
        }

        Count(target.Size, at, path);
        if (target.Height > 0)
        {
            CheckDepth(at, path, depth + target.Height - 1);
        }

        return target;
    }

    private YNode Anchor(NodeEvent nodeEvent, YNode node)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            anchors[nodeEvent.Anchor.Value] = node;
        }

        return node;
    }

    private void CheckDepth(Position at, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            diagnostics.Error(at, path, $"nested deeper than {MaxDepth} levels");
            throw new YamlLimitException();
        }
    }

    private void Count(long nodes, Position at, string path)
    {
        total = nodes > long.MaxValue - total ? long.MaxValue : total + nodes;
        if (total > MaxNodes)
        {
            diagnostics.Error(
                at,
                path,
                $"the document expands to more than {MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes (every alias counted as a full copy); aliases that refer to aliases multiply quickly");
            throw new YamlLimitException();
        }
    }

    private static string CleanMessage(string message)
    {
        var cleaned = MarkPrefix().Replace(message, "").Trim();
        return cleaned.Length == 0 ? "the text is not valid YAML" : cleaned;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
