using System.Globalization;
using System.Text;
using Rung.Core.UseCases;
using Rung.Mqtt;
using Rung.Runtime.Agents;
using Rung.Runtime.Plant;
using Rung.Simulation.Parts;
using Rung.Storage.Journal;
using Rung.Uns.Mqtt;

namespace Rung.Cli.Demo;

/// <summary>
/// The demo against a real broker: each simulated part's sensors are published as JSON tags on their input's
/// <c>source</c> topic, then the part's trigger; Rung reads them back from the namespace through the UNS case source
/// (its data contract built from those sources), decides, and publishes proposals and its retained state under
/// <c>&lt;scope&gt;/rung/&lt;agent&gt;/</c>. The demo waits for each hour's parts before its people act, so the
/// runtime is never called from two places at once.
/// </summary>
internal sealed class DemoBroker : IAsyncDisposable
{
    private static readonly TimeSpan PartTimeout = TimeSpan.FromSeconds(60);
    private readonly MqttClient _rung;
    private readonly MqttClient _line;
    private readonly UnsCaseSource _source;
    private readonly string _scope;
    private readonly IReadOnlyList<InputDefinition> _inputs;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, DecisionRecord> _decided = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private TaskCompletionSource? _waiter;
    private HashSet<string> _expected = [];

    private DemoBroker(MqttClient rung, MqttClient line, AgentRuntime agent, TimeProvider clock)
    {
        _rung = rung;
        _line = line;
        _scope = agent.UseCase.Agent.Scope;
        _inputs = agent.UseCase.Agent.Inputs;
        var publisher = new PlantPublisher(new MqttUnsPublisher(rung), _scope, agent.AgentId, clock);
        _source = new UnsCaseSource(rung, agent, clock, new UnsCaseSourceOptions { Publisher = publisher });
        _source.Decided += OnDecided;
        _loop = Task.Run(() => _source.RunAsync(_stop.Token));
    }

    /// <summary>The demo's use case with a <c>contract</c> section: each input's <c>source</c> topic, a part trigger.</summary>
    public static string WithContract(string useCaseYaml, AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var contract = new StringBuilder().AppendLine("  contract:").AppendLine("    tags:");
        foreach (var input in agent.Inputs.Where(i => i.Source is not null))
        {
            contract.AppendLine(CultureInfo.InvariantCulture, $"      - {{ feature: {input.Name}, tag: \"{input.Source}\", max_age: 1h }}");
        }

        contract.AppendLine(CultureInfo.InvariantCulture, $"    trigger: {{ tag: \"{TriggerTopic(agent.Scope)}\", key: part_id }}");

        // The contract belongs to the agent section, which need not be the file's last: it goes where the next
        // top-level section (gates, readiness, ...) starts, or at the end.
        var lines = useCaseYaml.TrimEnd().Split('\n').ToList();
        var agentLine = lines.FindIndex(l => l.StartsWith("agent:", StringComparison.Ordinal));
        var next = agentLine < 0 ? -1 : lines.FindIndex(agentLine + 1, l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l[0] != '#');
        var insertAt = next < 0 ? lines.Count : next;
        lines.Insert(insertAt, contract.ToString().TrimEnd('\n', '\r'));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Connects Rung and the simulated line to <paramref name="url"/> and starts reading the namespace.</summary>
    public static async Task<DemoBroker> ConnectAsync(string url, AgentRuntime agent, TimeProvider clock, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var rung = new MqttClient(MqttClientOptions.FromUrl(url, "rung-demo-" + suffix));
        var line = new MqttClient(MqttClientOptions.FromUrl(url, "demo-line-" + suffix));
        await rung.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await line.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var broker = new DemoBroker(rung, line, agent, clock);
        await broker._source.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        return broker;
    }

    /// <summary>Publishes the parts into the namespace and returns their decisions, in part order, once Rung made them.</summary>
    public async Task<IReadOnlyList<(DecisionRecord Record, AppendResult Result)>> DecideAsync(IReadOnlyList<SimulatedPart> parts, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_decided)
        {
            _decided.Clear();
            _expected = [.. parts.Select(p => p.PartId)];
            _waiter = waiter;
        }

        foreach (var part in parts)
        {
            await PublishAsync(part, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await waiter.Task.WaitAsync(PartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var missing = parts.Select(p => p.PartId).Where(id => !_decided.ContainsKey(id)).Take(5);
            throw new InvalidOperationException($"the broker did not bring back parts {string.Join(", ", missing)} within {PartTimeout.TotalSeconds} s; last refusal: {_source.Counters.LastProblem ?? "none"}");
        }

        lock (_decided)
        {
            return [.. parts.Select(p => (_decided[p.PartId], AppendResult.Stored))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the demo.
        }

        await _line.DisposeAsync().ConfigureAwait(false);
        await _rung.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _rung.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static string TriggerTopic(string scope) => scope + "/part_done";

    private async Task PublishAsync(SimulatedPart part, CancellationToken cancellationToken)
    {
        var at = part.ProducedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var input in _inputs.Where(i => i.Source is not null))
        {
            if (part.Sensors.TryGetValue(input.Name, out var value))
            {
                var payload = string.Create(CultureInfo.InvariantCulture, $$"""{"value": {{value:R}}, "unit": "{{input.Unit}}", "timestamp": {{at}}}""");
                await _line.PublishAsync(input.Source!, Encoding.UTF8.GetBytes(payload), MqttQualityOfService.AtLeastOnce, retain: true, cancellationToken).ConfigureAwait(false);
            }
        }

        var trigger = $$"""{"part_id": "{{part.PartId}}", "timestamp": {{at}}}""";
        await _line.PublishAsync(TriggerTopic(_scope), Encoding.UTF8.GetBytes(trigger), MqttQualityOfService.AtLeastOnce, retain: false, cancellationToken).ConfigureAwait(false);
    }

    private void OnDecided(object? sender, IReadOnlyList<DecisionRecord> records)
    {
        lock (_decided)
        {
            foreach (var record in records)
            {
                _decided[record.Case.CaseId] = record;
            }

            if (_waiter is { } waiter && _expected.All(_decided.ContainsKey))
            {
                _waiter = null;
                waiter.TrySetResult();
            }
        }
    }
}
