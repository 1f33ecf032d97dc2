using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Models;
using Rung.Runtime.Models;
using Rung.Runtime.Tests.Agents;
using Rung.UseCases;

namespace Rung.Runtime.Tests.Models;

public sealed class ModelFactoryOipTests
{
    private const string ScriptedModel = """model: { kind: process, version: "scripted-1", command: none }""";

    [Fact]
    public void OipOptions_WithoutClasses_MapsTheDeclaredActionsInOrderAndTheInputs()
    {
        var agent = Agent("""model: { kind: oip, version: "scrap-7", url: "http://models:8000", name: scrap, model_version: "3", timeout: 300ms, retries: 1, max_batch: 8 }""");

        var options = ModelFactory.OipOptions(agent);

        Assert.Equal(new Uri("http://models:8000"), options.BaseUrl);
        Assert.Equal(("scrap", "3", "scrap-7"), (options.ModelName, options.ModelVersion, options.Version));
        Assert.Equal(["accept", "scrap", "stop_line", "adjust_feed", "hold_for_inspection"], options.Classes!);
        Assert.Equal(["answer", "confidence", "ood", "fail", "value", "target"], options.Features);
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.Timeout);
        Assert.Equal(1, options.MaxRetries);
        Assert.Equal(8, options.MaxBatchSize);
    }

    [Fact]
    public void OipOptions_ClassThatIsNotAnAction_IsRefusedNamingIt()
    {
        var agent = Agent("""model: { kind: oip, version: "1", url: "http://models:8000", name: scrap, classes: [accept, rework] }""");

        var error = Assert.Throws<InvalidDataException>(() => ModelFactory.OipOptions(agent));

        Assert.Contains("agent.model.classes: 'rework' is not a declared action", error.Message);
    }

    [Fact]
    public async Task CreateAsync_OipServerDown_FailsUnavailable()
    {
        var agent = Agent("""model: { kind: oip, version: "1", url: "http://127.0.0.1:9", name: scrap, timeout: 2s }""");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => ModelFactory.CreateAsync(agent, ".", TimeProvider.System));

        Assert.Equal(ModelFailure.Unavailable, error.Failure);
    }

    private static AgentDefinition Agent(string model)
    {
        var yaml = RuntimeFixture.UseCaseYaml(Stage.Shadow);
        Assert.Contains(ScriptedModel, yaml, StringComparison.Ordinal);
        return UseCaseLoader.Load(yaml.Replace(ScriptedModel, model, StringComparison.Ordinal), "test.yaml").Definition.Agent;
    }
}
