using System.Text;
using Rung.Core.UseCases;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rung.UseCases.Templates;

/// <summary>
/// Walks a use-case file's YAML events with their key paths and collects the text edits that turn its
/// site-specific values into placeholders, and the parameters those placeholders declare.
/// </summary>
internal sealed class ExportWalk(string text, UseCaseDefinition definition, string baseDirectory)
{
    private readonly List<(int Start, int End, string Replacement)> _edits = [];
    private readonly List<TemplateParameter> _parameters = [];
    private readonly List<Frame> _stack = [];
    private readonly string[] _scope = definition.Agent.Scope.Split('/');

    public IReadOnlyList<TemplateParameter> Parameters => _parameters;

    /// <summary>The model file at <paramref name="path"/> (relative to the use case), or null when it is not a file.</summary>
    public static string? ModelFile(string path, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, path));
        return File.Exists(full) ? full : null;
    }

    public void Run()
    {
        Declare(TemplateNames.Site, TemplateParameterKind.Scope, "The new site: the second level of the ISA-95 scope and of every tag.", null, null, Level(1));
        Declare(TemplateNames.Line, TemplateParameterKind.Scope, "The new line: the fourth level of the ISA-95 scope and of every tag.", null, null, Level(3));
        var parser = new Parser(new StringReader(text));
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart m:
                    Push(new Frame(NodePath(), isMapping: true, m.Style == MappingStyle.Flow, (int)m.Start.Index));
                    break;
                case SequenceStart s:
                    Push(new Frame(NodePath(), isMapping: false, s.Style == SequenceStyle.Flow, (int)s.Start.Index));
                    break;
                case MappingEnd:
                    EndMapping(Pop());
                    AfterValue((int)parser.Current.End.Index);
                    break;
                case SequenceEnd e:
                    var sequence = Pop();

                    // The end event of a flow list may stop before its ']'; the span must include it.
                    var end = sequence.IsFlow ? Math.Max((int)e.End.Index, text.IndexOf(']', (int)e.Start.Index) + 1) : sequence.LastEnd;
                    Sequence(sequence, end);
                    AfterValue(end);
                    break;
                case Scalar scalar when _stack.Count > 0 && _stack[^1] is { IsMapping: true, ExpectKey: true } parent:
                    parent.Key = scalar.Value;
                    parent.ExpectKey = false;
                    parent.KeyColumn = (int)scalar.Start.Column;
                    break;
                case Scalar scalar:
                    Value(NodePath(), scalar);
                    AfterValue((int)scalar.End.Index);
                    break;
                case AnchorAlias alias:
                    AfterValue((int)alias.End.Index);
                    break;
            }
        }
    }

    /// <summary>The use-case text with the edits applied and any literal <c>${</c> escaped as <c>$${</c>.</summary>
    public string Body()
    {
        var body = new StringBuilder(text.Length + 512);
        var at = 0;
        foreach (var (start, end, replacement) in _edits.OrderBy(e => e.Start))
        {
            body.Append(Escape(text[at..start])).Append(replacement);
            at = end;
        }

        var rest = Escape(text[at..]);
        var result = body.Append(rest).ToString();

        // The template's own '---' separates header and body; a document marker of the original would cut the body.
        var lines = result.Split('\n').Where(l => l.TrimEnd() is not ("---" or "...")).ToList();
        return string.Join('\n', lines);
    }

    private static string Escape(string segment) => segment.Replace("${", "$${", StringComparison.Ordinal);

    private void Value(string path, Scalar scalar)
    {
        var start = (int)scalar.Start.Index;
        var end = (int)scalar.End.Index;
        var raw = text[start..end];
        var agent = definition.Agent;
        switch (Generic(path))
        {
            case "usecase.id":
                Whole(start, end, "usecase_id", TemplateParameterKind.Identity, "The new use case's id.", null, Identity(scalar.Value), raw);
                break;
            case "agent.id":
                Whole(start, end, "agent_id", TemplateParameterKind.Identity, "The new agent's id.", null, Identity(scalar.Value), raw);
                break;
            case "agent.scope":
                Whole(start, end, "scope", TemplateParameterKind.Topic, "The new agent's ISA-95 scope; rename rules apply to it as to the tags.", null, Topic(scalar.Value), raw);
                break;
            case "agent.initial_stage":
                _edits.Add((start, end, "Shadow"));
                break;
            case "business.owner":
                Whole(start, end, "owner", TemplateParameterKind.Owner, "The operations owner at the new site: owns the number, is paged, signs promotions.", null, null, raw);
                break;
            case "agent.monitoring.backup_owner":
                Whole(start, end, "backup_owner", TemplateParameterKind.Owner, "Who is paged when the owner does not acknowledge.", null, null, raw);
                break;
            case "readiness.governance_reviewer":
                Whole(start, end, "governance_reviewer", TemplateParameterKind.Owner, "Who reviews governance before production at the new site.", null, null, raw);
                break;
            case "business.value_per_case" or "business.decisions_per_day" or "business.run_costs.hourly_rate":
                var figure = path[(path.LastIndexOf('.') + 1)..];
                Whole(start, end, "cost." + figure, TemplateParameterKind.Cost, $"The new site's {figure.Replace('_', ' ')}.", null, null, raw);
                break;
            case "business.costs[].monthly":
                var cost = definition.Business.Costs[Index(path, 0)].Name;
                Whole(start, end, $"cost.{TemplateNames.Part(cost)}.monthly", TemplateParameterKind.Cost, $"The new site's monthly cost for '{cost}'.", null, null, raw);
                break;
            case "agent.calendar.time_zone" or "agent.calendar.hours":
                Calendar(start, end, path, raw);
                break;
            case "agent.inputs[].source":
                var input = agent.Inputs[Index(path, 0)];
                Tag(start, end, input.Name, scalar.Value);
                break;
            case "agent.contract.tags[].tag":
                var feature = agent.Contract!.Tags[Index(path, 0)].Feature;
                Tag(start, end, feature, scalar.Value);
                _stack[^1].TagEnd = end;
                _stack[^1].Feature = feature;
                break;
            case "agent.contract.tags[].unit":
                var unitFeature = agent.Contract!.Tags[Index(path, 0)].Feature;
                Whole(start, end, "unit." + TemplateNames.Part(unitFeature), TemplateParameterKind.Unit, $"The unit the new site's tag for '{unitFeature}' publishes in.", null, scalar.Value, raw);
                _stack[^1].HasUnit = true;
                break;
            case "agent.contract.trigger.tag":
                Whole(start, end, "tag.trigger", TemplateParameterKind.Topic, "The tag whose messages start a case at the new site.", null, Topic(scalar.Value), raw);
                break;
            case "agent.contract.outcome.topic":
                Whole(start, end, "topic.outcome", TemplateParameterKind.Topic, "Where outcomes arrive at the new site.", null, Topic(scalar.Value), raw);
                break;
            case "agent.contract.context[].topic":
                var context = agent.Contract!.Context[Index(path, 0)].Name;
                Whole(start, end, "topic.context." + TemplateNames.Part(context), TemplateParameterKind.Topic, $"Where the '{context}' context arrives at the new site.", null, Topic(scalar.Value), raw);
                break;
            case "agent.model.command" when ModelFile(scalar.Value) is not null:
                Whole(start, end, TemplateNames.ChampionCommand, TemplateParameterKind.Model, "The champion model file: filled in by Rung from the template's folder.", null, null, null);
                break;
            case "agent.model.profile" when ModelFile(scalar.Value) is not null:
                Whole(start, end, TemplateNames.ChampionProfile, TemplateParameterKind.Model, "The champion's reference profile: filled in by Rung from the template's folder.", null, null, null);
                break;
        }
    }

    private void Sequence(Frame sequence, int end)
    {
        if (Generic(sequence.Path) is "agent.calendar.working_days" or "agent.calendar.holidays")
        {
            Calendar(sequence.Start, end, sequence.Path, text[sequence.Start..end]);
        }
    }

    private void EndMapping(Frame mapping)
    {
        if (Generic(mapping.Path) != "agent.contract.tags[]" || mapping.HasUnit || mapping.TagEnd < 0 || mapping.Feature is null)
        {
            return;
        }

        // The template needs a unit per tag, so a site publishing in other units can say so; the original had none.
        var feature = mapping.Feature;
        var unit = definition.Agent.Inputs.First(i => i.Name == feature).Unit;
        var name = "unit." + TemplateNames.Part(feature);
        Declare(name, TemplateParameterKind.Unit, $"The unit the new site's tag for '{feature}' publishes in.", null, unit, unit);
        var insert = mapping.IsFlow
            ? $", unit: \"${{{name}}}\""
            : "\n" + new string(' ', Math.Max(0, mapping.TagKeyColumn - 1)) + $"unit: \"${{{name}}}\"";
        _edits.Add((mapping.TagEnd, mapping.TagEnd, insert));
    }

    private void Calendar(int start, int end, string path, string raw)
    {
        var part = path[(path.LastIndexOf('.') + 1)..];
        Whole(start, end, "calendar." + part, TemplateParameterKind.Calendar, $"The new site's calendar: {part.Replace('_', ' ')}.", null, null, raw.Trim());
    }

    private void Tag(int start, int end, string feature, string topic)
    {
        var input = definition.Agent.Inputs.FirstOrDefault(i => i.Name == feature);
        Whole(start, end, "tag." + TemplateNames.Part(feature), TemplateParameterKind.Tag, $"The new site's tag for the model input '{feature}'.", input?.Unit, Topic(topic), topic);
    }

    private void Whole(int start, int end, string name, TemplateParameterKind kind, string description, string? unit, string? defaultValue, string? example)
    {
        Declare(name, kind, description, unit, defaultValue, example);
        _edits.Add((start, end, $"\"${{{name}}}\""));
    }

    private void Declare(string name, TemplateParameterKind kind, string description, string? unit, string? defaultValue, string? example)
    {
        if (_parameters.All(p => p.Name != name))
        {
            _parameters.Add(new TemplateParameter(name, kind, description, unit, defaultValue, example, 0));
        }
    }

    private string? ModelFile(string path) =>
        definition.Agent.Model.Kind == ModelKind.Oip ? null : ModelFile(path, baseDirectory);

    private string? Level(int index) => _scope.Length > index ? _scope[index] : null;

    /// <summary>The topic with the source's site and line levels as <c>${site}</c> and <c>${line}</c>.</summary>
    private string Topic(string topic)
    {
        var levels = topic.Split('/');
        if (levels.Length < 4 || _scope.Length < 4 || levels[0] != _scope[0])
        {
            return topic;
        }

        if (levels[1] == _scope[1])
        {
            levels[1] = "${site}";
        }

        if (levels[3] == _scope[3])
        {
            levels[3] = "${line}";
        }

        return string.Join('/', levels);
    }

    private string Identity(string id) =>
        _scope.Length >= 4 && id.Contains(_scope[3], StringComparison.Ordinal)
            ? id.Replace(_scope[3], "${line}", StringComparison.Ordinal)
            : id + "-${site}-${line}";

    private static string Generic(string path)
    {
        var builder = new StringBuilder(path.Length);
        var inIndex = false;
        foreach (var c in path)
        {
            if (c == '[')
            {
                inIndex = true;
                builder.Append('[');
            }
            else if (c == ']')
            {
                inIndex = false;
                builder.Append(']');
            }
            else if (!inIndex)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int Index(string path, int which)
    {
        var at = -1;
        for (var i = 0; i <= which; i++)
        {
            at = path.IndexOf('[', at + 1);
        }

        var close = path.IndexOf(']', at);
        return int.Parse(path.AsSpan(at + 1, close - at - 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string NodePath()
    {
        if (_stack.Count == 0)
        {
            return "";
        }

        var parent = _stack[^1];
        if (parent.IsMapping)
        {
            return parent.Path.Length == 0 ? parent.Key ?? "" : $"{parent.Path}.{parent.Key}";
        }

        return $"{parent.Path}[{parent.Index}]";
    }

    private void Push(Frame frame)
    {
        if (_stack.Count > 0 && _stack[^1] is { IsMapping: true, ExpectKey: true } parent)
        {
            // A complex key: not used in use-case files; treat it as a key with no name.
            parent.ExpectKey = false;
        }

        _stack.Add(frame);
    }

    private Frame Pop()
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return frame;
    }

    private void AfterValue(int end)
    {
        if (_stack.Count == 0)
        {
            return;
        }

        var parent = _stack[^1];
        parent.LastEnd = end;
        if (parent.IsMapping)
        {
            if (parent.Key == "tag")
            {
                parent.TagKeyColumn = parent.KeyColumn;
            }

            parent.ExpectKey = true;
        }
        else
        {
            parent.Index++;
        }
    }

    private sealed class Frame(string path, bool isMapping, bool isFlow, int start)
    {
        public string Path { get; } = path;

        public bool IsMapping { get; } = isMapping;

        public bool IsFlow { get; } = isFlow;

        public int Start { get; } = start;

        public string? Key { get; set; }

        public bool ExpectKey { get; set; } = true;

        public int KeyColumn { get; set; }

        public int TagKeyColumn { get; set; }

        public int Index { get; set; }

        public int LastEnd { get; set; } = start;

        public int TagEnd { get; set; } = -1;

        public bool HasUnit { get; set; }

        public string? Feature { get; set; }
    }
}
