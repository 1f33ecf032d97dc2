using Rung.Core.UseCases;
using Rung.Models.Softmax;
using Rung.Registry;
using Rung.Registry.Gates;
using Rung.Registry.Signing;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Storage.Journal;
using Rung.Storage.Registry;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Registry.Tests;

/// <summary>A data folder with a store, a signing key, a registry and the demo's use case; synthetic line data with a known rule.</summary>
internal sealed class RegistryFixture : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private int _alarmIds;

    private RegistryFixture(TempDirectory dir, SqliteRungStore store, SigningKey key, UseCaseDefinition useCase, ManualTimeProvider time, ReleasePolicy? policy)
    {
        _dir = dir;
        Store = store;
        Key = key;
        UseCase = useCase;
        Time = time;
        Registry = new ModelRegistry(store, _dir.Path, key, time, policy);
        Alarms = new AlarmCenter(useCase, store, new Notifier([new FileChannel(Path.Combine(dir.Path, "pages.jsonl"))]), time, () => $"A{++_alarmIds:0000}");
    }

    public SqliteRungStore Store { get; }

    public SigningKey Key { get; }

    public UseCaseDefinition UseCase { get; }

    public AgentDefinition Agent => UseCase.Agent;

    public string AgentId => UseCase.Agent.Id;

    public ManualTimeProvider Time { get; }

    public ModelRegistry Registry { get; }

    public AlarmCenter Alarms { get; }

    public string DataPath => _dir.Path;

    public static async Task<RegistryFixture> CreateAsync(ReleasePolicy? policy = null)
    {
        var time = new ManualTimeProvider();
        var dir = new TempDirectory();
        var useCase = UseCaseLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "TestData", "demo-usecase.yaml")).Definition;
        var fixture = new RegistryFixture(dir, await SqliteRungStore.OpenAsync(Path.Combine(dir.Path, "rung.db"), time), SigningKey.LoadOrCreate(Path.Combine(dir.Path, "keys")), useCase, time, policy);
        await fixture.Store.EnsureAgentAsync(
            new AgentRecord(useCase.Agent.Id, useCase.Id, useCase.Agent.Scope, useCase.Agent.InitialStage, time.GetUtcNow(), "{}"),
            new Core.Ladder.StageChange(useCase.Agent.Id, useCase.Agent.InitialStage, useCase.Agent.InitialStage, Core.Ladder.StageChangeKind.Initial, time.GetUtcNow(), "test", "created", new Dictionary<string, string>()));
        return fixture;
    }

    /// <summary>Line data: stop_line for a worn tool, scrap for high vibration, otherwise accept.</summary>
    public static List<LabelledCase> Cases(int count, int seed)
    {
        var random = new Random(seed);
        var result = new List<LabelledCase>(count);
        for (var i = 0; i < count; i++)
        {
            var features = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["spindle_speed"] = 8000 + (random.NextDouble() * 2000),
                ["feed_rate"] = 1200 + (random.NextDouble() * 300),
                ["spindle_temp"] = 35 + (random.NextDouble() * 10),
                ["vibration_rms"] = random.NextDouble() * 6,
                ["spindle_torque"] = 20 + (random.NextDouble() * 10),
                ["tool_wear"] = random.NextDouble() * 600,
                ["ambient_temp"] = 18 + (random.NextDouble() * 6),
            };
            var label = features["tool_wear"] > 480 ? "stop_line" : features["vibration_rms"] > 3.5 ? "scrap" : "accept";
            result.Add(new LabelledCase($"c{seed}-{i}", new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).AddMinutes(i), features, label));
        }

        return result;
    }

    public static IReadOnlyList<GateCase> GateCases(IReadOnlyList<LabelledCase> cases) =>
        [.. cases.Select((c, i) => new GateCase(c.Features, c.CorrectAction, new Dictionary<string, string> { ["shift"] = i % 2 == 0 ? "day" : "night" }))];

    /// <summary>Trains a softmax model on <paramref name="cases"/>, labels first rewritten by <paramref name="relabel"/>, and writes it to a file.</summary>
    public string TrainModelFile(string name, IReadOnlyList<LabelledCase> cases, Func<LabelledCase, string>? relabel = null)
    {
        var trainer = new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions([.. Agent.Inputs.Select(i => i.Name)]) { Seed = 3, Epochs = 60 });
        var model = trainer.Train([.. cases.Select(c => c.Features)], [.. cases.Select(c => relabel?.Invoke(c) ?? c.CorrectAction)]);
        var folder = Path.Combine(DataPath, "incoming", name);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "model.bin.json");
        using (var file = File.Create(path))
        {
            model.Save(file);
        }

        return path;
    }

    /// <summary>Registers and signs an in-process model file.</summary>
    public async Task<RegisteredModel> RegisterSignedAsync(string modelFile, string? parent = null, int? timeoutMs = null)
    {
        var registered = await Registry.RegisterAsync(new ModelRegistration(
            AgentId,
            new ModelConfiguration(ModelArtifactKind.InProcessFile, Path.GetFileName(modelFile), [], timeoutMs),
            [modelFile],
            new ModelLineage("ds-test", "00", "test", new Dictionary<string, string> { ["epochs"] = "60" }, new Dictionary<string, double>()),
            parent,
            "ml.engineer"));
        await Registry.SignAsync(AgentId, registered.Version, "ml.engineer");
        return registered;
    }

    /// <summary>Registers, signs and releases the first champion (no gate: there is nothing to compare with).</summary>
    public async Task<RegisteredModel> ReleaseFirstChampionAsync(string modelFile)
    {
        var registered = await RegisterSignedAsync(modelFile);
        await Registry.ReleaseAsync(AgentId, registered.Version, "qa.lead", new ApprovingSignatures("qa.lead"));
        return registered;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Key.Dispose();
        _dir.Dispose();
    }
}
