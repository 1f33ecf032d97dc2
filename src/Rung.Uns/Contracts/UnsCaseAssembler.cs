using System.Text.Json;
using Rung.Core.UseCases;
using Rung.Uns.Json;
using Rung.Uns.Sparkplug;
using Rung.Mqtt.Topics;
using Rung.Uns.Units;

namespace Rung.Uns.Contracts;

/// <summary>
/// Applies one agent's data contract to namespace messages: keeps the latest value of every input's tag
/// (converted to the input's unit, duplicates dropped, older values ignored and counted), assembles a case from
/// them when the trigger fires, joins outcomes to their case by key and IT context as of the case's time on its
/// line. Plain JSON topics go to <see cref="Accept(UnsMessage)"/>; Sparkplug B messages go through a
/// <see cref="SparkplugHost"/> first, whose values go to <see cref="Accept(TagValue)"/>.
/// Not thread-safe: feed it from one receive loop.
/// </summary>
public sealed class UnsCaseAssembler
{
    /// <summary>How many assembled case keys are remembered, for outcome joins and duplicate triggers.</summary>
    public const int RememberedCases = 10_000;

    private readonly UnsContractDefinition contract;
    private readonly JsonPayloadFormat format;
    private readonly List<FeatureSlot> slots = [];
    private readonly IReadOnlyList<InputDefinition> inputs;
    private readonly IReadOnlySet<string> required;
    private readonly string line;
    private readonly ContextHistory context = new();
    private readonly HashSet<string> caseIds = new(StringComparer.Ordinal);
    private readonly Queue<string> caseOrder = new();
    private readonly Dictionary<string, CaseOutcome> pendingOutcomes = new(StringComparer.Ordinal);
    private readonly Queue<string> pendingOrder = new();

    /// <summary>Builds the assembler for an agent's inputs and contract.</summary>
    /// <param name="scope">The agent's ISA-95 scope, enterprise/site/area/line[/cell]; its first four levels are the case's line.</param>
    /// <param name="inputs">The agent's inputs (model unit, plausible range, required).</param>
    /// <param name="contract">The contract.</param>
    /// <exception cref="ArgumentException">A tag names an undeclared input, or its unit cannot be converted to the input's.</exception>
    public UnsCaseAssembler(string scope, IReadOnlyList<InputDefinition> inputs, UnsContractDefinition contract)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(contract);
        this.contract = contract;
        this.inputs = inputs;
        format = new JsonPayloadFormat(contract.ValueField, contract.TimestampField, contract.QualityField);
        line = string.Join('/', scope.Split('/').Take(4));
        required = inputs.Where(i => i.Required).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tag in contract.Tags)
        {
            var input = inputs.FirstOrDefault(i => i.Name == tag.Feature)
                ?? throw new ArgumentException($"contract tag '{tag.Tag}' feeds '{tag.Feature}', which is not a declared input", nameof(contract));
            if (!UnitTable.TryGet(tag.Unit ?? input.Unit, input.Unit, out var conversion, out var problem))
            {
                throw new ArgumentException($"contract tag '{tag.Tag}' for input '{tag.Feature}': {problem}", nameof(contract));
            }

            slots.Add(new FeatureSlot(input, tag, conversion!));
        }
    }

    /// <summary>What happened to the messages so far.</summary>
    public AssemblyCounters Counters { get; } = new();

    /// <summary>Builds the assembler for <paramref name="agent"/>, which must have a contract.</summary>
    public static UnsCaseAssembler For(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new UnsCaseAssembler(
            agent.Scope,
            agent.Inputs,
            agent.Contract ?? throw new ArgumentException($"agent '{agent.Id}' has no contract section", nameof(agent)));
    }

    /// <summary>
    /// Applies a plain JSON message: a feature's tag, the trigger, an outcome or a context event. Messages on other
    /// topics, and Sparkplug topics, are left alone. A payload that cannot be decoded is refused with a problem naming
    /// the topic and the reason, and counted.
    /// </summary>
    public AssemblyResult Accept(UnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (SparkplugTopic.IsSparkplug(message.Topic))
        {
            return AssemblyResult.None;
        }

        try
        {
            if (contract.Outcome is { } outcome && TopicFilter.MatchesValidated(outcome.Topic, message.Topic))
            {
                return Outcome(message, outcome);
            }

            foreach (var definition in contract.Context.Where(c => TopicFilter.MatchesValidated(c.Topic, message.Topic)))
            {
                context.Add(ReadContext(message, definition.Name));
            }

            if (slots.Any(s => TopicFilter.MatchesValidated(s.Tag.Tag, message.Topic)))
            {
                Offer(JsonTagDecoder.Decode(message, format));
            }

            return TopicFilter.MatchesValidated(contract.Trigger, message.Topic) ? JsonTrigger(message) : AssemblyResult.None;
        }
        catch (UnsPayloadException e)
        {
            Counters.Refused++;
            return AssemblyResult.Refused(e.Message);
        }
    }

    /// <summary>Applies a decoded tag value (a Sparkplug metric, or a value decoded elsewhere); fires the trigger when it is the trigger tag.</summary>
    public AssemblyResult Accept(TagValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Offer(value);
        if (!TopicFilter.MatchesValidated(contract.Trigger, value.Tag) || value.Quality == TagQuality.Stale)
        {
            return AssemblyResult.None;
        }

        return Trigger(value.Tag, value.AsText(), value.Timestamp);
    }

    private void Offer(TagValue value)
    {
        foreach (var slot in slots.Where(s => TopicFilter.MatchesValidated(s.Tag.Tag, value.Tag)))
        {
            switch (slot.Offer(value))
            {
                case SlotChange.Accepted:
                    Counters.Accepted++;
                    break;
                case SlotChange.Duplicate:
                    Counters.Duplicates++;
                    break;
                default:
                    Counters.OutOfOrder++;
                    break;
            }
        }
    }

    private AssemblyResult JsonTrigger(UnsMessage message)
    {
        if (contract.CaseKey is null)
        {
            var value = JsonTagDecoder.Decode(message, format);
            return Trigger(message.Topic, value.AsText(), value.Timestamp);
        }

        using var document = JsonTagDecoder.Parse(message);
        var root = ObjectRoot(message, document);
        var key = root.TryGetProperty(contract.CaseKey, out var k) ? Text(k) : null;
        var at = root.TryGetProperty(contract.TimestampField, out var ts)
            ? JsonTagDecoder.ReadTimestamp(message.Topic, ts, contract.TimestampField)
            : message.ReceivedAt;
        return key is null
            ? throw new UnsPayloadException(message.Topic, $"the trigger has no case key field '{contract.CaseKey}'")
            : Trigger(message.Topic, key, at);
    }

    private AssemblyResult Trigger(string topic, string? key, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            Counters.Refused++;
            return AssemblyResult.Refused($"{topic}: the trigger carries no case key");
        }

        if (!caseIds.Add(key))
        {
            Counters.DuplicateTriggers++;
            return AssemblyResult.None;
        }

        caseOrder.Enqueue(key);
        if (caseOrder.Count > RememberedCases)
        {
            caseIds.Remove(caseOrder.Dequeue());
        }

        var readings = inputs.Select(i => slots.FirstOrDefault(s => s.Input.Name == i.Name)?.Read(at)
            ?? new FeatureReading(i.Name, null, FeatureQuality.Missing, null, "no tag in the contract")).ToList();
        var joined = new Dictionary<string, ContextEvent>(StringComparer.Ordinal);
        foreach (var definition in contract.Context)
        {
            if (context.AsOf(definition.Name, line, at) is { } e)
            {
                joined[definition.Name] = e;
            }
        }

        var made = new UnsCase(key, at, line, readings, joined, required);
        return pendingOutcomes.Remove(key, out var waiting) ? new AssemblyResult([made], [waiting]) : new AssemblyResult([made], []);
    }

    private AssemblyResult Outcome(UnsMessage message, UnsOutcomeDefinition definition)
    {
        using var document = JsonTagDecoder.Parse(message);
        var root = ObjectRoot(message, document);
        var key = root.TryGetProperty(definition.Key, out var k) ? Text(k) : null;
        var value = root.TryGetProperty(definition.Field, out var v) ? Text(v) : null;
        if (string.IsNullOrWhiteSpace(key) || value is null)
        {
            throw new UnsPayloadException(message.Topic, $"an outcome needs the fields '{definition.Key}' and '{definition.Field}'");
        }

        var at = root.TryGetProperty(contract.TimestampField, out var ts)
            ? JsonTagDecoder.ReadTimestamp(message.Topic, ts, contract.TimestampField)
            : message.ReceivedAt;
        var outcome = new CaseOutcome(key, value, at);
        if (caseIds.Contains(key))
        {
            return new AssemblyResult([], [outcome]);
        }

        // The outcome came first (a fast QC station, a replay out of order): it waits for its case.
        if (pendingOutcomes.TryAdd(key, outcome))
        {
            pendingOrder.Enqueue(key);
            if (pendingOrder.Count > RememberedCases && pendingOutcomes.Remove(pendingOrder.Dequeue()))
            {
                Counters.OutcomesDropped++;
            }
        }

        return AssemblyResult.None;
    }

    private ContextEvent ReadContext(UnsMessage message, string name)
    {
        using var document = JsonTagDecoder.Parse(message);
        var root = ObjectRoot(message, document);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            fields[property.Name] = Text(property.Value) ?? "";
        }

        var at = root.TryGetProperty(contract.TimestampField, out var ts)
            ? JsonTagDecoder.ReadTimestamp(message.Topic, ts, contract.TimestampField)
            : message.ReceivedAt;
        var eventLine = fields.TryGetValue("line", out var l) && l.Length > 0 ? l : TopicLine(message.Topic);
        return new ContextEvent(name, eventLine, at, fields);
    }

    private static string? TopicLine(string topic)
    {
        var levels = topic.Split('/');
        return levels.Length >= 4 ? string.Join('/', levels.Take(4)) : null;
    }

    private static JsonElement ObjectRoot(UnsMessage message, JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new UnsPayloadException(message.Topic, "expected a JSON object");

    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };
}
